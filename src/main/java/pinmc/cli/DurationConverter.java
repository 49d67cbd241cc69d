package pinmc.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations the way people write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, or ISO-8601 {@code PT2M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");

  @Override
  public Duration convert(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (v.startsWith("pt")) {
      try {
        return positive(Duration.parse(v), value);
      } catch (DateTimeParseException e) {
        throw bad(value);
      }
    }
    if (!WHOLE.matcher(v).matches()) {
      throw bad(value);
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(v);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return positive(total, value);
  }

  private static Duration positive(Duration d, String value) {
    if (d.isZero() || d.isNegative()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return d;
  }

  private static TypeConversionException bad(String value) {
    return new TypeConversionException("'" + value + "' is not a duration (write e.g. 30s, 5m, 1h30m, 500ms)");
  }
}
