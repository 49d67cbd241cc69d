package pinmc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import pinmc.api.InvariantViolation;
import pinmc.api.spi.Backends;
import pinmc.api.spi.PlainBackend;

/**
 * Base of the kernel library's single-threaded tests: they run on the plain backend, which
 * checks registered invariants at the end of every atomic step, so each test starts without
 * the previous test's invariants.
 */
abstract class PlainKernelTest {
  @BeforeEach
  void forgetInvariants() {
    ((PlainBackend) Backends.current()).clearInvariants();
  }

  /** Asserts that {@code action} violates invariant {@code name} and returns the violation. */
  static InvariantViolation assertViolates(String name, Executable action) {
    InvariantViolation v = assertThrows(InvariantViolation.class, action);
    assertEquals(name, v.invariant(), v.getMessage());
    return v;
  }

  /** A one-page file on a disk of {@code blocks} blocks, its page cached with a block. */
  static AddressSpace fileWithCachedPage(Page page, int blocks, int flags) {
    AddressSpace file = new AddressSpace("file", 1, new BlockAllocator("disk", blocks), flags);
    file.addCachedPage(0, page, true);
    return file;
  }
}
