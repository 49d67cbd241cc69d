package pinmc.embedded;

import java.util.ArrayList;
import java.util.List;
import pinmc.check.Schedule;
import pinmc.embedded.runtime.Outcome;
import pinmc.embedded.search.EventLog;
import pinmc.embedded.search.Explorer;

  /**
 * A failing execution: its schedule as found and, for a failure that is a step's own
 * (an invariant, an assertion, an exception), cut to that step's happens-before past, which
 * reaches the same state for everything the failing step depends on.
 *
 * @param steps the length of the cut schedule, or of the found one when it cannot be cut
 * @param preemptions the preemptions in the found schedule
 */
record Failure(Outcome outcome, int[][] schedule, long[] signatures, int[][] cut, long[] cutSignatures,
    int steps, int preemptions) {

  static Failure of(Explorer explorer, Outcome o) {
    int[][] schedule = explorer.currentSchedule();
    long[] signatures = explorer.currentSignatures();
    int[][] cut = null;
    long[] cutSignatures = null;
    EventLog log = explorer.log();
    boolean ownStep = o.property() != pinmc.check.Property.DEADLOCK && o.property() != pinmc.check.Property.DATA_RACE;
    if (ownStep && log.size() == schedule.length && schedule.length > 0) {
      // A deadlock is every thread's state and a race needs a step the failing one does not
      // depend on, so only a step's own failure can be cut to that step's past.
      int last = schedule.length - 1;
      List<Integer> keep = new ArrayList<>();
      for (int k = 0; k <= last; k++) {
        if (log.happensBefore(k, last)) {
          keep.add(k);
        }
      }
      if (keep.size() < schedule.length) {
        cut = new int[keep.size()][];
        cutSignatures = new long[keep.size()];
        for (int i = 0; i < keep.size(); i++) {
          cut[i] = schedule[keep.get(i)];
          cutSignatures[i] = signatures[keep.get(i)];
        }
      }
    }
    return new Failure(o, schedule, signatures, cut, cutSignatures, cut != null ? cut.length : schedule.length,
        explorer.currentPreemptions());
  }

  boolean shorterThan(Failure other) {
    return steps < other.steps || steps == other.steps && preemptions < other.preemptions;
  }

  /** A schedule as the API gives it, from (thread, choice) pairs. */
  static Schedule toSchedule(int[][] decisions) {
    List<Schedule.Decision> out = new ArrayList<>(decisions.length);
    for (int[] d : decisions) {
      out.add(new Schedule.Decision(d[0], d[1]));
    }
    return new Schedule(out);
  }

  static int[][] scheduleArray(Schedule s) {
    int[][] out = new int[s.size()][];
    for (int i = 0; i < s.size(); i++) {
      Schedule.Decision d = s.decisions().get(i);
      out[i] = new int[] {d.thread(), d.choice()};
    }
    return out;
  }
}
