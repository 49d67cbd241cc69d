package pinmc.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pinmc.check.TraceStep;

/**
 * The rows of a counterexample a person reads: by default the model's set-up folded into one
 * row and, after it, only the steps the failure depends on (each kernel call with only the
 * values that matter); with {@code full}, every step as the engine recorded it.
 */
record CounterexampleView(List<Row> rows, int total, int hidden) {

  /**
   * One row: the step number or range, the thread, what it did, and where.
   *
   * @param step {@code 31} or, for the folded set-up, {@code 1-24}
   */
  record Row(String step, String thread, String op, String location) {}

  static CounterexampleView of(List<TraceStep> trace, boolean full) {
    List<Row> rows = new ArrayList<>();
    if (full) {
      for (TraceStep s : trace) {
        rows.add(new Row(Integer.toString(s.step()), s.thread(), s.op(), Words.location(s.location())));
      }
      return new CounterexampleView(rows, trace.size(), 0);
    }
    int setUp = 0;
    Set<String> setUpCalls = new LinkedHashSet<>();
    String setUpThread = null;
    for (TraceStep s : trace) {
      if (s.setUp()) {
        setUp++;
        setUpThread = s.thread();
        if (s.operation().call() != null) {
          setUpCalls.add(s.operation().call());
        }
      }
    }
    int shown = 0;
    if (setUp > 0) {
      String calls = setUpCalls.isEmpty() ? "" : ": " + String.join(", ", setUpCalls);
      rows.add(new Row(setUp == 1 ? "1" : "1-" + setUp, setUpThread, "set-up, " + setUp + " steps" + calls, ""));
      shown += setUp;
    }
    for (TraceStep s : trace) {
      if (s.setUp() || !s.relevant()) {
        continue;
      }
      shown++;
      String op = "call".equals(s.operation().kind()) && s.operation().call() != null ? s.operation().callText(true) : s.op();
      rows.add(new Row(Integer.toString(s.step()), s.thread(), op, Words.location(s.location())));
    }
    return new CounterexampleView(rows, trace.size(), trace.size() - shown);
  }

  /** {@code counterexample, 39 steps, 29 hidden (--full-trace shows them)}. */
  String heading() {
    String steps = "counterexample, " + total + (total == 1 ? " step" : " steps");
    return hidden == 0 ? steps : steps + ", " + hidden + " hidden that the failure does not depend on (--full-trace shows them)";
  }
}
