/**
 * The kernel library: a small model of the kernel objects that the page-pinning protocols
 * touch ({@code struct page}, the page cache, {@code get_user_pages}/{@code pin_user_pages},
 * writeback, bios with checksums, truncate, block allocation, file leases, MMU notifiers),
 * with the kernel's names in camelCase so that a counterexample reads like kernel code.
 *
 * <p>Rules that let a model checker explore it: every operation is one atomic step of the
 * model API ({@link pinmc.api.Atomic}), an operation that sleeps in the kernel is a guarded
 * step ({@code Atomic.when}), shared state lives in plain fields and arrays of these classes
 * (no JDK collections, no hash codes, no time, no randomness), and the kernel's WARN/BUG
 * conditions are named invariants ({@link pinmc.api.Invariants}). It uses nothing of any
 * engine.
 */
package pinmc.kernel;
