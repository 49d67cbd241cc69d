package pinmc.check;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A counterexample step's operation as data, beside its text, for tools that read reports.
 *
 * @param kind what the step does: {@code read}, {@code write}, {@code call} (a kernel-library
 *     operation or an atomic block), {@code lock}, {@code start}, {@code begins}, {@code blocked}, ...
 * @param object the object it acts on, by its model name ({@code page0}), or null
 * @param field the field or element ({@code refcount}, {@code contents[0]}), or null
 * @param value the value read or written, as the text shows it, or null
 * @param call the kernel-library operation or model method an atomic step stands for
 *     ({@code pinUserPages}), or null
 * @param arguments the call's arguments that matter, as the model described them
 *     ({@code app.mm, page 0, FOLL_LONGTERM}), or null
 * @param writes what a call wrote, in the order it first wrote each place
 */
public record Operation(String kind, String object, String field, String value, String call, String arguments,
    List<Write> writes) {
  /** For engines that only give a step's text. */
  public static final Operation UNKNOWN = new Operation("unknown", null, null, null, null, List.of());

  public Operation {
    writes = ImmutableList.copyOf(writes);
  }

  /** An operation whose arguments are not known. */
  public Operation(String kind, String object, String field, String value, String call, List<Write> writes) {
    this(kind, object, field, value, call, null, writes);
  }

  /** The same operation as the call {@code newCall} (or its own, if null) with {@code newArguments}. */
  public Operation describedAs(String newCall, String newArguments) {
    return new Operation(kind, object, field, value, newCall != null ? newCall : call, newArguments, writes);
  }

  /**
   * One place a call wrote, with the value it left there.
   *
   * @param relevant the failure depends on it: the failing check, or a step it depends on, read the object
   */
  public record Write(String object, String field, String value, boolean relevant) {
    /** {@code page0.refcount = 1026}, or {@code ArrayList#1 = size 2} for an object whose whole state is one place. */
    @Override
    public String toString() {
      String place = field == null ? object : object + (field.startsWith("[") ? "" : ".") + field;
      return place + " = " + value;
    }
  }

  /** The call with the writes a reader needs: all of them, or only those the failure depends on. */
  public String callText(boolean relevantOnly) {
    StringBuilder sb = new StringBuilder(call);
    if (arguments != null) {
      sb.append('(').append(arguments).append(')');
    }
    String sep = ": ";
    for (Write w : writes) {
      if (!relevantOnly || w.relevant()) {
        sb.append(sep).append(w);
        sep = ", ";
      }
    }
    return sb.toString();
  }
}
