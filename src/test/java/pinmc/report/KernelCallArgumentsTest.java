package pinmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.TraceStep;
import pinmc.embedded.EmbeddedEngine;
import pinmc.models.PropertiesFiles;

/** A kernel call in a counterexample is shown as the call with the arguments that matter, in the text and the JSON. */
class KernelCallArgumentsTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(String name) {
    return engine.check(PropertiesFiles.read(Path.of("properties/" + name + ".jpf")).target(), CheckOptions.defaults());
  }

  private static List<TraceStep> calls(CheckResult r, String call) {
    return r.trace().stream().filter(s -> call.equals(s.operation().call())).toList();
  }

  @Test
  void dirtyCowShowsGupDroppingFollWriteAfterItsFault() {
    CheckResult r = check("dirty-cow-4.8");
    assertEquals("violation:private-write-stays-private", r.outcome());
    List<String> follows = calls(r, "followPageMask").stream().map(s -> s.operation().arguments()).toList();
    // 4.8's "FOLL_WRITE games": the first lookup is a forced write, the retries after the COW fault are not.
    assertEquals("page 0, FOLL_WRITE|FOLL_FORCE", follows.get(0), follows.toString());
    assertEquals("page 0, FOLL_FORCE", follows.get(follows.size() - 1), follows.toString());
    TraceStep write = calls(r, "copyToUserPage").get(0);
    assertEquals("passwdPage, word 0 = 666", write.operation().arguments());
    assertTrue(write.op().startsWith("copyToUserPage(passwdPage, word 0 = 666): "), write.op());
  }

  @Test
  void theLongtermPinIsNamedPinUserPagesWithItsFlagsInTextAndJson() {
    CheckResult r = check("btrfs-checksum-dma-during-writeback");
    TraceStep pin = calls(r, "pinUserPages").get(0);
    assertEquals("app.mm, page 0, FOLL_WRITE|FOLL_LONGTERM", pin.operation().arguments());
    assertTrue(r.trace().stream().noneMatch(s -> "getUserPagesRemote".equals(s.operation().call())),
        "the internal helper's name is gone");
    Map<String, Object> json = ResultJson.toJson(r);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trace = (List<Map<String, Object>>) json.get("trace");
    @SuppressWarnings("unchecked")
    Map<String, Object> operation = (Map<String, Object>) trace.get(pin.step() - 1).get("operation");
    assertEquals("pinUserPages", operation.get("call"));
    assertEquals("app.mm, page 0, FOLL_WRITE|FOLL_LONGTERM", operation.get("arguments"));
    // A plain write has no call and no arguments.
    TraceStep read = r.trace().stream().filter(s -> s.operation().kind().equals("write")).findFirst().orElseThrow();
    assertNull(read.operation().arguments());
    // What a saved trace holds reads back the same.
    CheckResult back = ResultJson.fromJson(Json.parse(Json.write(json)));
    assertEquals(pin.operation(), back.trace().get(pin.step() - 1).operation());
  }
}
