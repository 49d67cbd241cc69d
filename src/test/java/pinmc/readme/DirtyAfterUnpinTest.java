package pinmc.readme;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckResult;
import pinmc.junit.ModelCheck;
import pinmc.models.DirtyAfterUnpin;

class DirtyAfterUnpinTest {
  @Test
  void getUserPagesDirtiesAPageWhoseBuffersAreGone() {
    CheckResult r = ModelCheck.of(DirtyAfterUnpin.class).args("get-user-pages").run();
    ModelCheck.assertViolates(r, "dirty-page-has-buffers");
  }

  @Test
  void pinUserPagesMeetsItsPropertiesFile() {
    ModelCheck.properties(Path.of("properties/dirty-after-unpin-pin-user-pages.jpf")).assertMeetsExpectation();
  }
}
