package pinmc.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MatrixLayoutTest {
  private static final Path PROPERTIES = Path.of("properties");
  private final MatrixLayout layout = MatrixLayout.load();

  @Test
  void everyPropertiesFileIsEvidenceExactlyOnce() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(PROPERTIES)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpf")).sorted().toList();
    }
    List<String> listed = layout.evidence().stream().map(MatrixLayout.Evidence::propertiesFile).sorted().toList();
    assertEquals(files, listed);
  }

  @Test
  void everyProposalHasEvidenceAndTheIssuesRowsComeFirst() {
    for (MatrixLayout.Proposal p : layout.proposals()) {
      assertTrue(layout.evidence().stream().anyMatch(e -> e.proposalId().equals(p.id())), p.id() + " has no evidence");
    }
    List<String> labels = layout.proposals().stream().map(MatrixLayout.Proposal::label).toList();
    assertEquals(List.of("get_user_pages (2018)", "pin_user_pages with the bias", "exact pin count", "page lock while pinned",
        "MMU notifiers without pins", "file leases", "leases with allocation", "bounce buffers", "buffered fallback"), labels.subList(0, 9));
  }

  @Test
  void eachFileChecksWhatItsExpectationNames() throws IOException {
    for (MatrixLayout.Evidence e : layout.evidence()) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(PROPERTIES.resolve(e.propertiesFile()))) {
        props.load(in);
      }
      String expect = props.getProperty("pinmc.expect").strip();
      if (expect.equals("deadlock")) {
        assertTrue(e.checks().contains(MatrixLayout.NO_DEADLOCK), e.propertiesFile());
      } else if (expect.startsWith("violation:")) {
        assertTrue(e.checks().contains(expect.substring("violation:".length())), e.propertiesFile() + " expects " + expect);
      }
      if (expect.equals("pass")) {
        assertTrue(e.checks().contains("pins-balanced"), e.propertiesFile() + ": every model checks pins-balanced at the end");
      }
    }
  }

  @Test
  void columnsAreTheInvariantsInOrderOfFirstUse() {
    assertEquals("pinned-implies-maybe-pinned", layout.columns().get(0));
    assertTrue(layout.columns().contains(MatrixLayout.NO_DEADLOCK));
    assertEquals(layout.columns().stream().distinct().count(), layout.columns().size());
  }

  @Test
  void malformedMappingsNameTheLine() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> MatrixLayout.parse("proposal a | A\nfile x.jpf | b | inv\n"));
    assertTrue(unknown.getMessage().startsWith("line 2: unknown proposal b"), unknown.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> MatrixLayout.parse("proposal a | A\nfile x.jpf | a | inv\nfile x.jpf | a | inv\n"));
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MatrixLayout.parse("row a | A\n"));
    assertFalse(MatrixLayout.parse("# nothing\n\n").columns().iterator().hasNext());
  }
}
