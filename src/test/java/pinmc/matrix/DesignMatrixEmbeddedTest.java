package pinmc.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertEquals(Cell.State.VIOLATED, m.cell("file-leases", "leased-range-allocated").state());
    assertEquals(Cell.State.HOLDS, m.cell("file-leases", "freed-block-not-written").state());
    assertEquals(Cell.State.HOLDS, m.cell("lease-allocation", "leased-range-allocated").state());
    assertEquals(Cell.State.HOLDS, m.cell("bounce-buffers", "stable-page-under-io").state());
    assertEquals(Cell.State.HOLDS, m.cell("buffered-fallback", "stable-page-under-io").state());
    assertEquals(Cell.State.VIOLATED, m.cell("leases-no-truncate", "freed-block-not-written").state());
    assertEquals(Cell.State.VIOLATED, m.cell("gup-fast-unprotected", "page-table-live-during-walk").state());
    assertEquals(Cell.State.NOT_APPLICABLE, m.cell("exact-pin-count", "stable-page-under-io").state());
  }
}
