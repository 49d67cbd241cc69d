package pinmc.props;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Java PathFinder application properties file ({@code *.jpf}), read the way JPF's own
 * {@code gov.nasa.jpf.Config} reads it, so that a file pinmc accepts also runs under stock JPF:
 *
 * <ul>
 *   <li>{@code key = value} (or {@code key: value}); values are trimmed; a value of {@code null}
 *       or {@code nil} removes the key;
 *   <li>comment lines start with {@code #} or {@code !}; a line ending in an odd number of
 *       backslashes continues on the next line, whose leading blanks are dropped;
 *   <li>{@code ${key}} expands to an earlier key's value, {@code ${config}} to this file and
 *       {@code ${config_path}} to its directory, or else to a Java system property;
 *   <li>{@code key+=value} appends to a key's value and {@code +key=value} prepends, both
 *       without a separator, as in JPF ({@code classpath+=,more/classes});
 *   <li>{@code @include = file} reads another file, relative to this file's directory.
 * </ul>
 *
 * <p>Where JPF would silently read something other than what the author meant, this reader
 * refuses the line instead and says why: a line without a separator, a key with a blank in it
 * ({@code target args = x} would set {@code target} to {@code "args = x"}), {@code key += value}
 * with a blank before the plus (JPF stores {@code "+= value"}), an undefined {@code ${key}}
 * (JPF expands it to nothing), and a continuation backslash on the last line.
 */
public final class JpfProperties {
  private static final String CONFIG = "config";
  private static final String CONFIG_PATH = "config_path";
  private static final String INCLUDE = "@include";

  private record Entry(String value, Path file, int line) {}

  private final Path file;
  private final Map<String, Entry> entries;

  private JpfProperties(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** Reads {@code file}; every problem is reported with the file and line at fault. */
  public static JpfProperties load(Path file) throws PropertiesFileException {
    Parser parser = new Parser();
    parser.readFile(file.toAbsolutePath().normalize(), file);
    return new JpfProperties(file, parser.entries);
  }

  /** Reads {@code text} as if it were the contents of {@code file} (which need not exist). */
  public static JpfProperties parse(Path file, String text) throws PropertiesFileException {
    Parser parser = new Parser();
    parser.readText(file.toAbsolutePath().normalize(), file, text);
    return new JpfProperties(file, parser.entries);
  }

  /** The file as it was named when it was read. */
  public Path file() {
    return file;
  }

  /** The directory holding the file: what {@code ${config_path}} expands to. */
  public Path configPath() {
    return file.toAbsolutePath().normalize().getParent();
  }

  /** The fully expanded value of {@code key}, if the file sets it. */
  public Optional<String> get(String key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /** The line that last set {@code key}, or 0 if the key is not set. */
  public int lineOf(String key) {
    Entry e = entries.get(key);
    return e == null ? 0 : e.line();
  }

  /** The file that last set {@code key} (this file or one it includes), or this file if none. */
  public Path fileOf(String key) {
    Entry e = entries.get(key);
    return e == null ? file : e.file();
  }

  /** A problem with the value of {@code key}, located where that value was set. */
  public PropertiesFileException problemWith(String key, String problem) {
    return new PropertiesFileException(fileOf(key), lineOf(key), problem);
  }

  /** The keys the file sets, in the order they were first set. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** Reads logical lines and applies them to one map, following includes. */
  private static final class Parser {
    final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<Path> including = new HashSet<>();

    void readFile(Path absolute, Path shownAs) throws PropertiesFileException {
      String text;
      try {
        text = Files.readString(absolute, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new PropertiesFileException(shownAs, 0, "no such file");
      } catch (MalformedInputException e) {
        throw new PropertiesFileException(shownAs, 0, "not a UTF-8 text file");
      } catch (IOException e) {
        throw new PropertiesFileException(shownAs, 0, "cannot read: " + describe(e), e);
      }
      readText(absolute, shownAs, text);
    }

    void readText(Path absolute, Path shownAs, String text) throws PropertiesFileException {
      if (!including.add(absolute)) {
        throw new PropertiesFileException(shownAs, 0, "includes itself");
      }
      Source source = new Source(absolute, shownAs);
      for (LogicalLine line : logicalLines(source, text)) {
        apply(source, line);
      }
      including.remove(absolute);
    }

    private void apply(Source source, LogicalLine line) throws PropertiesFileException {
      String raw = line.text();
      int n = raw.length();
      StringBuilder key = new StringBuilder();
      int i = 0;
      while (i < n) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < n) {
          key.append(unescape(source, line.number(), raw, i));
          i += escapeLength(raw, i);
          continue;
        }
        if (c == '=' || c == ':' || Character.isWhitespace(c)) {
          break;
        }
        key.append(c);
        i++;
      }
      while (i < n && Character.isWhitespace(raw.charAt(i))) {
        i++;
      }
      if (i == n || raw.charAt(i) != '=' && raw.charAt(i) != ':') {
        throw source.problem(line.number(), misplacedSeparator(raw, key.toString(), i));
      }
      if (key.length() == 0) {
        throw source.problem(line.number(), "a key is missing before '" + raw.charAt(i) + "'");
      }
      i++;
      while (i < n && Character.isWhitespace(raw.charAt(i))) {
        i++;
      }
      String value = unescapeAll(source, line.number(), raw.substring(i)).trim();
      set(source, line.number(), key.toString(), value);
    }

    /** Explains a logical line that has no separator right after its key. */
    private static String misplacedSeparator(String raw, String key, int next) {
      int separator = firstSeparator(raw);
      if (separator < 0) {
        return "expected 'key = value', found '" + raw.strip() + "'";
      }
      if (raw.startsWith("+=", next)) {
        return "write '" + key + "+=' with no blank before '+': JPF would read key '" + key
            + "' with the value '" + raw.substring(next).strip() + "'";
      }
      return "a key cannot contain blanks: '" + raw.substring(0, separator).strip() + "'";
    }

    private static int firstSeparator(String raw) {
      int equals = raw.indexOf('=');
      int colon = raw.indexOf(':');
      return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    }

    private void set(Source source, int line, String key, String rawValue) throws PropertiesFileException {
      if (key.startsWith("@")) {
        directive(source, line, key, rawValue);
        return;
      }
      boolean append = key.endsWith("+") && key.length() > 1;
      boolean prepend = key.startsWith("+") && key.length() > 1;
      String name = append ? key.substring(0, key.length() - 1) : prepend ? key.substring(1) : key;
      String value = expand(source, line, name, rawValue);
      if (isNull(value)) {
        if (!append && !prepend) {
          entries.remove(name);
        }
        return;
      }
      Entry old = entries.get(name);
      if (append && old != null) {
        value = old.value() + value;
      } else if (prepend && old != null) {
        value = value + old.value();
      }
      entries.put(name, new Entry(value, source.shownAs(), line));
    }

    private static boolean isNull(String value) {
      return value.equalsIgnoreCase("null") || value.equalsIgnoreCase("nil");
    }

    private void directive(Source source, int line, String key, String value) throws PropertiesFileException {
      if (!key.equals(INCLUDE)) {
        throw source.problem(line, "unsupported directive '" + key + "' (pinmc reads only " + INCLUDE + ")");
      }
      String path = expand(source, line, key, value);
      if (path.isEmpty()) {
        throw source.problem(line, INCLUDE + " needs a file name");
      }
      Path included = source.absolute().getParent().resolve(path).normalize();
      Path shownAs = source.shownAs().resolveSibling(path).normalize();
      if (including.contains(included)) {
        throw source.problem(line, INCLUDE + " of '" + path + "' forms a cycle");
      }
      readFile(included, shownAs);
    }

    /** Expands every {@code ${name}} in {@code text}; {@code key} is the key being set. */
    private String expand(Source source, int line, String key, String text) throws PropertiesFileException {
      StringBuilder out = new StringBuilder();
      int from = 0;
      int start;
      while ((start = text.indexOf("${", from)) >= 0) {
        int end = text.indexOf('}', start + 2);
        if (end < 0) {
          throw source.problem(line, "'${' without a closing '}' in '" + text + "'");
        }
        String name = text.substring(start + 2, end);
        out.append(text, from, start).append(lookup(source, line, key, name));
        from = end + 1;
      }
      return out.append(text.substring(from)).toString();
    }

    private String lookup(Source source, int line, String key, String name) throws PropertiesFileException {
      if (name.equals(CONFIG_PATH)) {
        return source.absolute().getParent().toString();
      }
      if (name.equals(CONFIG)) {
        return source.absolute().toString();
      }
      Entry e = entries.get(name);
      if (e != null) {
        return e.value();
      }
      String property = System.getProperty(name);
      if (property != null) {
        return property;
      }
      if (name.equals(key)) {
        return ""; // "key = ${key},more" before key is set: JPF expands it to nothing, and so do we
      }
      throw source.problem(line, "'${" + name + "}' is not defined above this line (nor a system property)");
    }

    private static int escapeLength(String s, int backslash) {
      return s.charAt(backslash + 1) == 'u' ? 6 : 2;
    }

    private static String unescape(Source source, int line, String s, int backslash) throws PropertiesFileException {
      char c = s.charAt(backslash + 1);
      switch (c) {
        case 't': return "\t";
        case 'n': return "\n";
        case 'r': return "\r";
        case 'f': return "\f";
        case 'u':
          if (backslash + 6 > s.length()) {
            throw source.problem(line, "'\\u' needs four hexadecimal digits");
          }
          String hex = s.substring(backslash + 2, backslash + 6);
          try {
            return String.valueOf((char) Integer.parseInt(hex, 16));
          } catch (NumberFormatException e) {
            throw source.problem(line, "'\\u" + hex + "' is not a hexadecimal character code");
          }
        default: return String.valueOf(c);
      }
    }

    private static String unescapeAll(Source source, int line, String s) throws PropertiesFileException {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
          out.append(unescape(source, line, s, i));
          i += escapeLength(s, i);
        } else {
          out.append(s.charAt(i++));
        }
      }
      return out.toString();
    }
  }

  private record Source(Path absolute, Path shownAs) {
    PropertiesFileException problem(int line, String problem) {
      return new PropertiesFileException(shownAs, line, problem);
    }
  }

  /** One key-value line after joining continuations; {@code number} is its first physical line. */
  private record LogicalLine(int number, String text) {}

  private static List<LogicalLine> logicalLines(Source source, String text) throws PropertiesFileException {
    String[] physical = text.split("\r\n|\r|\n", -1);
    List<LogicalLine> out = new ArrayList<>();
    StringBuilder pending = null;
    int pendingStart = 0;
    for (int i = 0; i < physical.length; i++) {
      String line = physical[i].stripLeading();
      if (pending == null) {
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
          continue; // a comment never continues, even if it ends in a backslash
        }
        pending = new StringBuilder();
        pendingStart = i + 1;
      }
      if (endsInContinuation(line)) {
        pending.append(line, 0, line.length() - 1);
        continue;
      }
      pending.append(line);
      out.add(new LogicalLine(pendingStart, pending.toString()));
      pending = null;
    }
    if (pending != null) {
      throw source.problem(pendingStart, "the last line ends in a continuation backslash: is the file cut short?");
    }
    return out;
  }

  private static boolean endsInContinuation(String line) {
    int backslashes = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}
