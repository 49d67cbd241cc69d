package pinmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import pinmc.api.spi.Backends;
import pinmc.api.spi.PlainBackend;

/**
 * The models as plain Java programs (the plain backend: a global lock, random choices):
 * every {@code pass} variant runs to completion without an invariant failing in any thread,
 * at its committed sizes and at larger ones, and bad arguments are refused before any
 * thread starts.
 */
class ModelPlainRunTest {
  private static final List<Class<?>> MODELS = List.of(PinAccounting.class, DirtyAfterUnpin.class, BtrfsChecksum.class,
      TruncateRace.class, LeaseAllocation.class, MmuNotifier.class, PageLockPin.class, DirtyCow.class, ForkCowGup.class,
      LongtermFilePin.class, MirrorDio.class, FolioSplitGupFast.class);
  private static final int RUNS = 5;

  @BeforeEach
  void forgetInvariants() {
    ((PlainBackend) Backends.current()).clearInvariants();
  }

  @TestFactory
  Stream<DynamicTest> passVariantsRunCleanlyAsPlainPrograms() {
    return PropertiesFiles.all().stream().filter(e -> e.expect().equals("pass")).map(e -> DynamicTest.dynamicTest(e.name(), () -> {
      for (int i = 0; i < RUNS; i++) {
        assertEquals(List.of(), runPlain(e.target().mainClass(), e.target().args().toArray(String[]::new)), e.name());
      }
    }));
  }

  @Test
  void sizesGrowForBenchmarks() throws Exception {
    assertEquals(List.of(), runPlain(PinAccounting.class.getName(), "exact", "mappers=5", "bias=1024"));
    assertEquals(List.of(), runPlain(PageLockPin.class.getName(), "sorted-no-hold", "pages=4", "threads=3"));
    assertEquals(List.of(), runPlain(BtrfsChecksum.class.getName(), "stable-pages", "iterations=3"));
  }

  @Test
  void everyModelRefusesBadArgumentsBeforeStartingThreads() {
    for (Class<?> model : MODELS) {
      assertRefused(model, "needs a variant");
      assertRefused(model, "unknown variant", "no-such-variant");
    }
    assertRefused(PinAccounting.class, "out of range", "bias", "mappers=0");
    assertRefused(PinAccounting.class, "must be a number", "bias", "mappers=many");
    assertRefused(PageLockPin.class, "unknown setting", "sorted-no-hold", "cpus=2");
    assertRefused(LeaseAllocation.class, "unknown setting", "delalloc", "iterations=2");
    assertRefused(DirtyCow.class, "kernel version must be MAJOR.MINOR", "madvise-race", "version=4");
    assertRefused(ForkCowGup.class, "kernel version must be MAJOR.MINOR", "vmsplice", "version=5.x");
  }

  private static void assertRefused(Class<?> model, String why, String... args) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try {
        mainOf(model.getName()).invoke(null, (Object) args);
      } catch (InvocationTargetException ite) {
        throw ite.getCause();
      }
    }, model.getSimpleName() + " " + String.join(" ", args));
    String expected = switch (why) {
      case "needs a variant" -> "no variant given";
      default -> why;
    };
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** Runs a model's main in this JVM and returns what its threads threw, main's included. */
  private static List<Throwable> runPlain(String mainClass, String... args) throws Exception {
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> thrown.add(e));
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        try {
          mainOf(mainClass).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
          thrown.add(e.getCause());
        }
      }, mainClass + " did not finish: a thread is blocked for good");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    return new ArrayList<>(thrown);
  }

  private static Method mainOf(String mainClass) throws ReflectiveOperationException {
    return Class.forName(mainClass).getMethod("main", String[].class);
  }
}
