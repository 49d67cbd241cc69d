/**
 * Benchmarks of the embedded engine: time to verdict, executions against distinct
 * interleavings, steps and executions per second, peak memory, at growing sizes. Numbers
 * are reported, never asserted: the machines are shared and noisy, so each figure is the
 * median of several runs after a warm-up run, and ratios measured in one run are what to
 * compare.
 */
package pinmc.bench;
