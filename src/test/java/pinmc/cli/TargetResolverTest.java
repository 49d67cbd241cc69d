package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
  @Test
  void argumentsAddToTheFilesArgumentsAndAKeyReplacesTheSameKey() {
    List<String> file = List.of("fork-cow", "pages=2", "version=6.5");
    assertEquals(List.of("fork-cow", "pages=2", "version=6.5", "writes=3"), TargetResolver.mergeArgs(file, List.of("writes=3")));
    assertEquals(List.of("fork-cow", "pages=3", "version=6.5"), TargetResolver.mergeArgs(file, List.of("pages=3")));
    assertEquals(List.of("fixed", "pages=2", "version=6.1"), TargetResolver.mergeArgs(file, List.of("fixed", "version=6.1")));
    assertEquals(List.of("a", "b"), TargetResolver.mergeArgs(List.of(), List.of("a", "b")));
  }
}
