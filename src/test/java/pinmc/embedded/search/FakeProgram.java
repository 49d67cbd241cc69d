package pinmc.embedded.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A program given as lists of steps, one list per thread, run under an {@link Explorer} by a
 * fake scheduling view instead of the runtime: what the search tests of each strategy run.
 * A thread with no steps is never enabled (so a program can have threads numbered above 63
 * without an intractable number of interleavings).
 */
final class FakeProgram {
  /** A step of a fake thread: what it touches, and how many values it chooses among. */
  record Step(long location, byte mode, int choices) {
    static Step write(long location) {
      return new Step(location, AccessSet.WRITE, 1);
    }

    static Step read(long location) {
      return new Step(location, AccessSet.READ, 1);
    }

    static Step choice(int values) {
      return new Step(0, AccessSet.READ, values);
    }
  }

  /**
   * The outcome of one search: executions run, each complete execution's schedule as text
   * (thread, then what its step did), and the last execution's end ({@link Decision.End#NO_THREAD} if every thread ran to its end).
   */
  record Search(int executions, List<String> schedules, Decision.End lastEnd) {
    Set<String> outcomes() {
      return canonical(schedules);
    }
  }

  private final List<List<Step>> threads;

  FakeProgram(List<List<Step>> threads) {
    this.threads = threads;
  }

  /** Runs executions under {@code explorer} until its search is over (or one execution only, if {@code once}). */
  Search run(Explorer explorer, boolean once) {
    List<String> schedules = new ArrayList<>();
    int executions = 0;
    Decision.End end;
    do {
      explorer.startExecution();
      executions++;
      end = runOne(explorer, schedules);
    } while (!once && explorer.finishExecution());
    return new Search(executions, schedules, end);
  }

  private Decision.End runOne(Explorer explorer, List<String> schedules) {
    int[] pc = new int[threads.size()];
    int[] last = {-1};
    SchedulingView view = new SchedulingView() {
      @Override
      public ThreadSet enabled() {
        ThreadSet.Builder b = new ThreadSet.Builder();
        for (int t = 0; t < threads.size(); t++) {
          if (pc[t] < threads.get(t).size()) {
            b.add(t);
          }
        }
        return b.build();
      }

      @Override
      public int lastThread() {
        return last[0];
      }

      @Override
      public int choiceCount(int t) {
        return threads.get(t).get(pc[t]).choices();
      }

      @Override
      public long signature(int t) {
        return t * 1000L + pc[t];
      }
    };
    StringBuilder outcome = new StringBuilder();
    EventLog log = explorer.log();
    for (int depth = 0; ; depth++) {
      Decision d = explorer.decide(depth, view);
      if (d.endsExecution()) {
        if (d.end() == Decision.End.NO_THREAD) {
          schedules.add(outcome.toString().trim());
        }
        return d.end();
      }
      int t = d.thread();
      Step s = threads.get(t).get(pc[t]);
      log.begin(t);
      if (s.choices() == 1) {
        log.access(s.location(), s.mode());
      }
      log.end();
      // What a step did, as the final state would show it: who wrote a location last and
      // what each read saw (the last writer) and each choice took.
      outcome.append(t).append(s.choices() > 1 ? "c" + d.choice() : s.mode() == AccessSet.WRITE ? "w" + s.location()
          : "r" + s.location() + "=" + lastWriter(log, s.location())).append(' ');
      pc[t]++;
      last[0] = t;
    }
  }

  /** The thread that last wrote {@code location} before the step just logged, or -1. */
  private static int lastWriter(EventLog log, long location) {
    for (int e = log.size() - 2; e >= 0; e--) {
      AccessSet a = log.accesses(e);
      for (int k = 0; k < a.size(); k++) {
        if (a.location(k) == location && a.mode(k) == AccessSet.WRITE) {
          return log.thread(e);
        }
      }
    }
    return -1;
  }

  /** Outcomes up to the order of independent steps: each thread's own sequence of what it did and saw, and the last writer of each location. */
  private static Set<String> canonical(List<String> schedules) {
    Set<String> result = new HashSet<>();
    for (String o : schedules) {
      java.util.Map<Integer, StringBuilder> perThread = new java.util.TreeMap<>();
      java.util.Map<String, String> lastWrite = new java.util.TreeMap<>();
      for (String step : o.split(" ")) {
        int digits = 0;
        while (Character.isDigit(step.charAt(digits))) {
          digits++;
        }
        int t = Integer.parseInt(step.substring(0, digits));
        String what = step.substring(digits);
        perThread.computeIfAbsent(t, k -> new StringBuilder()).append(what).append(',');
        if (what.startsWith("w")) {
          lastWrite.put(what, String.valueOf(t));
        }
      }
      result.add(perThread + " " + lastWrite);
    }
    return result;
  }
}
