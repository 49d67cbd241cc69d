package pinmc.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.embedded.EmbeddedEngine;
import pinmc.models.PropertiesFiles;

/** The project's design matrix, computed by the embedded engine over the committed properties files. */
class DesignMatrixEmbeddedTest {

  @Test
  void theSeedsAnswersComeOutOfTheModels() throws Exception {
    DesignMatrix m = DesignMatrix.compute(MatrixLayout.load(), new EmbeddedEngine(), CheckOptions.defaults(),
        PropertiesFiles.DIR, file -> PropertiesFiles.read(file).target());
    // For the README: the lead regenerates docs from this file.
    Files.writeString(Path.of("target", "design-matrix.md"), m.markdown());
    System.out.println(m.text());

    assertEquals(Cell.State.VIOLATED, m.cell("gup-2018", "pinned-implies-maybe-pinned").state());
    assertEquals(Cell.State.VIOLATED, m.cell("gup-2018", "dirty-page-has-buffers").state());
    assertEquals(Cell.State.VIOLATED, m.cell("pup-bias", "maybe-pinned-implies-pinned").state());
    assertEquals(Cell.State.HOLDS, m.cell("pup-bias", "pinned-implies-maybe-pinned").state());
    assertEquals(Cell.State.HOLDS, m.cell("pup-bias", "dirty-page-has-buffers").state());
    assertEquals(Cell.State.HOLDS, m.cell("exact-pin-count", "maybe-pinned-implies-pinned").state());
    assertEquals(Cell.State.VIOLATED, m.cell("page-lock-pinned", MatrixLayout.NO_DEADLOCK).state());
    assertEquals(Cell.State.HOLDS, m.cell("lock-only-pinning", MatrixLayout.NO_DEADLOCK).state());
    assertEquals(Cell.State.HOLDS, m.cell("mmu-notifiers", "device-never-touches-freed-page").state());
    assertEquals(Cell.State.VIOLATED, m.cell("file-leases", "writeback-keeps-data").state());
    assertEquals(Cell.State.HOLDS, m.cell("lease-allocation", "writeback-keeps-data").state());
    for (MatrixLayout.Proposal p : m.layout().proposals()) {
      for (String column : m.layout().columns()) {
        assertNotEquals(Cell.State.UNKNOWN, m.cell(p.id(), column).state(), p.id() + " / " + column + ": " + m.cell(p.id(), column).note());
      }
    }
    assertTrue(m.text().lines().allMatch(l -> l.length() <= 100), "the text fits 100 columns");

    VersionTable versions = VersionTable.load();
    Map<String, List<VersionTable.Outcome>> outcomes = versions.compute(new EmbeddedEngine(), CheckOptions.defaults(),
        PropertiesFiles.DIR, file -> PropertiesFiles.read(file).target(), m.results());
    Files.writeString(Path.of("target", "kernel-versions.md"), versions.markdown(outcomes));
    String text = versions.text(outcomes);
    System.out.println(text);
    assertFalse(text.contains("?"), text);
    assertTrue(text.lines().allMatch(l -> l.length() <= 100), "the version table fits 100 columns");
    for (VersionTable.Scenario s : versions.scenarios()) {
      List<List<String>> rows = versions.rows(outcomes);
      List<String> row = rows.stream().filter(r -> r.get(0).equals(s.label())).findFirst().orElseThrow();
      assertFalse(row.get(1).isEmpty(), s.id() + " is exposed on some release");
      assertFalse(row.get(2).isEmpty(), s.id() + " is fixed on some release");
    }
    assertEquals(Cell.State.HOLDS, m.cell("file-leases", "freed-block-not-written").state());
    assertEquals(Cell.State.HOLDS, m.cell("lease-allocation", "leased-range-allocated").state());
    assertEquals(Cell.State.HOLDS, m.cell("bounce-buffers", "stable-page-under-io").state());
    assertEquals(Cell.State.HOLDS, m.cell("buffered-fallback", "stable-page-under-io").state());
    assertEquals(Cell.State.VIOLATED, m.cell("leases-no-truncate", "freed-block-not-written").state());
    assertEquals(Cell.State.VIOLATED, m.cell("gup-fast-unprotected", "page-table-live-during-walk").state());
    assertEquals(Cell.State.NOT_APPLICABLE, m.cell("exact-pin-count", "stable-page-under-io").state());
  }
}
