package pinmc.check;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions that determine one execution: at each scheduling point the thread that
 * ran, and for steps that choose a value (a {@code Choice}, which waiter a {@code notify}
 * wakes) the value. Written as text like {@code "0 0 1 1:2 0"}: thread numbers in the
 * order threads were started (main is 0), a value after a colon.
 */
public record Schedule(List<Decision> decisions) {
  public Schedule {
    decisions = ImmutableList.copyOf(decisions);
  }

  /** One scheduling decision; {@code choice} is -1 when the step chose no value. */
  public record Decision(int thread, int choice) {
    @Override
    public String toString() {
      return choice < 0 ? Integer.toString(thread) : thread + ":" + choice;
    }
  }

  public int size() {
    return decisions.size();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Decision d : decisions) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(d);
    }
    return sb.toString();
  }

  /** Parses the text form; throws {@link IllegalArgumentException} naming the bad token. */
  public static Schedule parse(String text) {
    List<Decision> out = new ArrayList<>();
    for (String token : text.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      try {
        int colon = token.indexOf(':');
        int thread = Integer.parseInt(colon < 0 ? token : token.substring(0, colon));
        int choice = colon < 0 ? -1 : Integer.parseInt(token.substring(colon + 1));
        Preconditions.checkArgument(thread >= 0 && choice >= -1, "negative number");
        out.add(new Decision(thread, choice));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad schedule step '" + token + "'", e);
      }
    }
    return new Schedule(out);
  }
}
