/**
 * The benchmark programs of the dynamic partial-order reduction literature, written as pinmc
 * models: readers and lastzero (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014), indexer and
 * filesystem (Flanagan and Godefroid, POPL 2005). They exercise the engine, not the kernel
 * library; {@code pinmc bench} runs them at growing sizes.
 */
package pinmc.literature;
