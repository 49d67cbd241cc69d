package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pinmc.check.Reduction;

/**
 * Each search strategy on programs given as lists of steps, run by a fake scheduling view
 * instead of the runtime: the executions a strategy explores, counted exactly, and the
 * orders of dependent steps they reach, compared with plain enumeration.
 */
class ExplorerTest {
  /** A step of a fake thread: what it touches, and how many values it chooses among. */
  private record Step(long location, byte mode, int choices) {
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

  /** The outcome of one search: executions run, and each execution's schedule as text. */
  private record Search(int executions, Set<String> outcomes) {}

  private static Search search(Reduction reduction, List<List<Step>> threads) {
    Explorer explorer = new Explorer(reduction, -1);
    Set<String> outcomes = new HashSet<>();
    int executions = 0;
    do {
      explorer.startExecution();
      executions++;
      int[] pc = new int[threads.size()];
      int[] last = {-1};
      SchedulingView view = new SchedulingView() {
        @Override
        public long enabled() {
          long mask = 0;
          for (int t = 0; t < threads.size(); t++) {
            if (pc[t] < threads.get(t).size()) {
              mask |= 1L << t;
            }
          }
          return mask;
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
        long d = explorer.decide(depth, view);
        if (d < 0) {
          if (d == Explorer.NO_THREAD) {
            outcomes.add(outcome.toString());
          }
          break;
        }
        int t = (int) (d & 0xffff);
        Step s = threads.get(t).get(pc[t]);
        log.begin(t);
        if (s.choices() == 1) {
          log.access(s.location(), s.mode());
        }
        log.end();
        // What a step did, as the final state would show it: who wrote a location last and
        // what each read saw (the last writer) and each choice took.
        outcome.append(t).append(s.choices() > 1 ? "c" + (d >>> 16) : s.mode() == AccessSet.WRITE ? "w" + s.location()
            : "r" + s.location() + "=" + lastWriter(log, s.location())).append(' ');
        pc[t]++;
        last[0] = t;
      }
    } while (explorer.finishExecution());
    return new Search(executions, canonical(outcomes));
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
  private static Set<String> canonical(Set<String> outcomes) {
    Set<String> result = new HashSet<>();
    for (String o : outcomes) {
      List<StringBuilder> perThread = new ArrayList<>();
      java.util.Map<String, String> lastWrite = new java.util.TreeMap<>();
      for (String step : o.trim().split(" ")) {
        int t = step.charAt(0) - '0';
        while (perThread.size() <= t) {
          perThread.add(new StringBuilder());
        }
        String what = step.substring(1);
        perThread.get(t).append(what).append(',');
        if (what.startsWith("w")) {
          lastWrite.put(what, String.valueOf(t));
        }
      }
      result.add(perThread + " " + lastWrite);
    }
    return result;
  }

  private static void assertLikePlainEnumeration(List<List<Step>> program, int dporExecutions) {
    Search none = search(Reduction.NONE, program);
    Search dpor = search(Reduction.DPOR, program);
    Search source = search(Reduction.SOURCE, program);
    assertEquals(none.outcomes(), dpor.outcomes(), "optimal DPOR");
    assertEquals(none.outcomes(), source.outcomes(), "source-set DPOR");
    assertEquals(dporExecutions, dpor.executions(), "optimal DPOR runs one execution per trace");
  }

  @Test
  void twoWritesOfOneLocationAreExploredInBothOrders() {
    assertLikePlainEnumeration(List.of(List.of(Step.write(1)), List.of(Step.write(1))), 2);
  }

  @Test
  void independentThreadsTakeOneExecutionWhereEnumerationTakesAll() {
    List<List<Step>> program = List.of(List.of(Step.write(1), Step.write(2)), List.of(Step.write(3)), List.of(Step.read(4)));
    assertLikePlainEnumeration(program, 1);
    assertEquals(12, search(Reduction.NONE, program).executions(), "4!/2! interleavings of a two-step thread and two one-step threads");
  }

  @Test
  void readersOfOneWriteTakeTwoToTheNExecutions() {
    // readers(N) from the optimal-DPOR paper: each reader sees the write or not.
    assertLikePlainEnumeration(List.of(List.of(Step.write(1)), List.of(Step.read(1)), List.of(Step.read(1)),
        List.of(Step.read(1))), 8);
  }

  @Test
  void aSleepingThreadIsNotExploredAgainAfterAnIndependentStep() {
    // t2 and t0's read are independent of everything: the two orders of the writes of 1 take
    // one execution each, none for the places the independent steps could go.
    assertLikePlainEnumeration(List.of(List.of(Step.write(1), Step.read(2)), List.of(Step.write(1)),
        List.of(Step.write(3))), 2);
  }

  @Test
  void aChoiceIsExploredWithEveryValueAndItsLaterRacesWithEach() {
    List<List<Step>> program = List.of(List.of(Step.choice(2), Step.write(1)), List.of(Step.read(1)));
    Search dpor = search(Reduction.DPOR, program);
    assertLikePlainEnumeration(program, 4);
    assertEquals(4, dpor.outcomes().size(), "two values, each with the read before and after the write");
  }

  @Test
  void wakeupTreesFollowAReversalOfSeveralSteps() {
    // Reversing t1's write before t0's needs t1's read of 2 first: a reversal of two steps.
    assertLikePlainEnumeration(List.of(List.of(Step.write(1), Step.write(2)), List.of(Step.read(2), Step.write(1))), 3);
  }
}
