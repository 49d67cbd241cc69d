package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.pinmctest.GoogleLostUpdate;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.embedded.runtime.SharedPackages;
import pinmc.junit.ModelCheck;

/** Model classes are instrumented whatever their package; only the JDK and pinmc's runtime are shared. */
class ModelPackagesTest {
  @Test
  void sharedPackagesAreExactlyTheJdkAndPinmcsRuntime() {
    assertTrue(SharedPackages.isShared("java.util.ArrayList"));
    assertTrue(SharedPackages.isShared("java/util/Map$Entry"));
    assertTrue(SharedPackages.isShared("jdk.internal.misc.Unsafe"));
    assertTrue(SharedPackages.isShared("pinmc.api.Choice"));
    assertTrue(SharedPackages.isShared("pinmc.embedded.runtime.Hooks"));
    assertFalse(SharedPackages.isShared("pinmc.kernel.Page"), "the kernel library is model code");
    assertFalse(SharedPackages.isShared("pinmc.models.DirtyAfterUnpin"));
    assertFalse(SharedPackages.isShared("pinmc.apix.Foo"), "a package that only begins like pinmc.api");
    assertFalse(SharedPackages.isShared("com.google.pinmctest.GoogleLostUpdate"));
    assertFalse(SharedPackages.isShared("picocli.Model"));
    assertFalse(SharedPackages.isShared("org.objectweb.asm.Model"));
    assertFalse(SharedPackages.isShared("javax2.Model"));
    assertFalse(SharedPackages.isShared("Model"), "the unnamed package");
  }

  @Test
  void aModelInAPackageLikeGuavasIsInstrumented() {
    CheckResult embedded = new EmbeddedEngine().check(ModelTarget.of(GoogleLostUpdate.class), CheckOptions.defaults());
    assertEquals("violation:assertion", embedded.outcome(), embedded.message());
    CheckResult viaTest = ModelCheck.of(GoogleLostUpdate.class).run();
    assertEquals("violation:assertion", viaTest.outcome(), viaTest.message());
    assertTrue(viaTest.stats().executions() > 1, "more than the one execution of an uninstrumented run");
  }
}
