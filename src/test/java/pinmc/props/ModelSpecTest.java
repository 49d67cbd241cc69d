package pinmc.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckResult;
import pinmc.check.Property;
import pinmc.check.Stats;
import pinmc.check.Verdict;

class ModelSpecTest {
  private static final Path FILE = Path.of("properties", "btrfs-dma.jpf");

  private static ModelSpec spec(String... lines) throws PropertiesFileException {
    return ModelSpec.from(JpfProperties.parse(FILE, String.join("\n", lines)));
  }

  @Test
  void extractsTargetArgsClasspathExpectationAndDescription() throws Exception {
    ModelSpec s = spec(
        "target = models.Btrfs",
        "target.args = dma , 2,,3",
        "classpath = ${config_path}/../target/classes," + "lib/a.jar" + File.pathSeparator + "/abs/b.jar",
        "pinmc.expect = violation:stable-page-under-io",
        "pinmc.description = DMA into a pinned page during writeback");
    Path dir = FILE.toAbsolutePath().normalize().getParent();
    assertEquals("btrfs-dma", s.name());
    assertEquals("btrfs-dma", s.target().name());
    assertEquals("models.Btrfs", s.target().mainClass());
    assertEquals(List.of("dma", "2", "3"), s.target().args());
    assertEquals(List.of(dir.getParent().resolve("target/classes"), dir.resolve("lib/a.jar"), Path.of("/abs/b.jar")), s.target().classpath());
    assertEquals(Optional.of(new Expectation("violation:stable-page-under-io")), s.expectation());
    assertEquals("DMA into a pinned page during writeback", s.description());
  }

  @Test
  void optionalKeysMayBeLeftOut() throws Exception {
    ModelSpec s = spec("target = M");
    assertEquals(List.of(), s.target().args());
    assertEquals(List.of(), s.target().classpath());
    assertFalse(s.expectation().isPresent());
    assertEquals("", s.description());
  }

  @Test
  void aMissingTargetIsReportedForTheFile() {
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> spec("target.args = x"));
    assertEquals(FILE + ": no 'target' key: set it to the model's main class", e.getMessage());
  }

  @Test
  void aTargetThatIsNoClassNameIsReportedAtItsLine() {
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> spec("", "target = models/Btrfs.java"));
    assertEquals(2, e.line());
    assertTrue(e.problem().contains("is not a Java class name"), e.getMessage());
  }

  @Test
  void aBadExpectationIsReportedAtItsLineWithTheAllowedForms() {
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> spec("target = M", "pinmc.expect = fails"));
    assertEquals(2, e.line());
    assertTrue(e.problem().contains("'fails' is not an expected outcome"), e.getMessage());
    assertTrue(e.problem().contains("one of pass | deadlock | violation:<invariant>"), e.getMessage());
  }

  @Test
  void expectationsCompareWithTheResultsOutcome() {
    CheckResult invariant = result(Verdict.VIOLATION, Property.INVARIANT, "pins-balanced");
    assertTrue(Expectation.parse("violation:pins-balanced").matches(invariant));
    assertFalse(Expectation.parse("violation:other").matches(invariant));
    assertFalse(Expectation.parse("pass").matches(invariant));
    assertTrue(Expectation.parse(" pass ").matches(result(Verdict.PASS, null, null)));
    assertTrue(Expectation.parse("deadlock").matches(result(Verdict.DEADLOCK, Property.DEADLOCK, null)));
    assertTrue(Expectation.parse("violation:assertion").matches(result(Verdict.VIOLATION, Property.ASSERTION, null)));
    assertTrue(Expectation.parse("violation:exception").matches(result(Verdict.VIOLATION, Property.UNCAUGHT_EXCEPTION, null)));
    assertFalse(Expectation.parse("pass").matches(result(Verdict.INCONCLUSIVE, null, null)));
  }

  @Test
  void rejectsExpectationsThatCannotBeMet() {
    for (String bad : List.of("", "violation", "violation:", "violation: x", "inconclusive", "error", "PASS")) {
      assertThrows(IllegalArgumentException.class, () -> Expectation.parse(bad), bad);
    }
  }

  @Test
  void theModelNameIsTheFileNameWithoutExtension() {
    assertEquals("a.b", ModelSpec.modelName(Path.of("x/a.b.jpf")));
    assertEquals("plain", ModelSpec.modelName(Path.of("plain")));
  }

  static CheckResult result(Verdict verdict, Property property, String invariant) {
    return new CheckResult("t", "embedded", verdict, property, invariant, "", List.of(), List.of(), null, Stats.NONE);
  }

  @Test
  void typosInKeysAreErrorsWithTheLineAndTheKeyMeant() {
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> spec("target = m.M", "pinmc.expct = pass"));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("unknown key 'pinmc.expct' (did you mean 'pinmc.expect'?)"), e.getMessage());
    e = assertThrows(PropertiesFileException.class, () -> spec("target = m.M", "", "target.arg = buggy"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("did you mean 'target.args'?"), e.getMessage());
    e = assertThrows(PropertiesFileException.class, () -> spec("target = m.M", "classpth = x"));
    assertTrue(e.getMessage().contains("did you mean 'classpath'?"), e.getMessage());
    e = assertThrows(PropertiesFileException.class, () -> spec("target = m.M", "pinmc.colour = red"));
    assertTrue(e.getMessage().contains("unknown key 'pinmc.colour'"), e.getMessage());
  }

  @Test
  void jpfsOwnKeysAndAnyTargetArgsPass() throws Exception {
    ModelSpec s = spec("target = m.M", "target.args = buggy,version=6.5,pages=2", "vm.por = false", "search.class = x.Y",
        "listener = a.B", "cg.enumerate_random = true");
    assertEquals(List.of("buggy", "version=6.5", "pages=2"), s.target().args());
  }

  @Test
  void aMalformedExpectationSuggestsTheNearestForm() {
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> spec("target = m.M", "pinmc.expect = passed"));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("'passed' is not an expected outcome (did you mean 'pass'?)"), e.getMessage());
    e = assertThrows(PropertiesFileException.class, () -> spec("target = m.M", "pinmc.expect = stable-page-under-io"));
    assertTrue(e.getMessage().contains("did you mean 'violation:stable-page-under-io'?"), e.getMessage());
  }
}
