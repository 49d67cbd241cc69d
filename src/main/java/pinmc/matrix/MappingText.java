package pinmc.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The line format of the matrix's data files ({@code design-matrix.txt},
 * {@code kernel-versions.txt}): {@code kind field | field | ...}, with blank lines and
 * {@code #} comments skipped.
 */
final class MappingText {
  /** One data line: its 1-based number, its kind (first word) and its stripped fields. */
  record Line(int number, String kind, String[] fields) {
    /** {@code line N: } for error messages. */
    String where() {
      return "line " + number + ": ";
    }
  }

  private MappingText() {}

  /** The text of resource {@code name} beside this class. */
  static String resource(String name) {
    try (InputStream in = MappingText.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data lines of {@code text}. */
  static List<Line> lines(String text) {
    List<Line> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String kind = space < 0 ? line : line.substring(0, space);
      String[] fields = space < 0 ? new String[0] : line.substring(space + 1).split("\\|", -1);
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].strip();
      }
      out.add(new Line(n + 1, kind, fields));
    }
    return out;
  }
}
