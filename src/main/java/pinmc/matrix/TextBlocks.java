package pinmc.matrix;

/** Indented, word-wrapped lines for the matrix's text output, so it fits a terminal. */
final class TextBlocks {
  /** The widest line the text output writes. */
  static final int WIDTH = 100;
  private static final String INDENT = "  ";
  private static final String CONTINUATION = "      ";

  private TextBlocks() {}

  /** Appends {@code text} indented, wrapped at spaces to {@link #WIDTH} columns. */
  static void wrap(StringBuilder sb, String text) {
    String prefix = INDENT;
    String rest = text;
    while (prefix.length() + rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH - prefix.length());
      if (cut <= 0) {
        cut = WIDTH - prefix.length(); // a word longer than the line: break it
      }
      sb.append(prefix).append(rest, 0, cut).append('\n');
      rest = rest.substring(cut).stripLeading();
      prefix = CONTINUATION;
    }
    sb.append(prefix).append(rest).append('\n');
  }
}
