package pinmc.embedded.runtime;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import pinmc.check.Operation;
import pinmc.check.SourceLocation;
import pinmc.check.TraceStep;

/** Turns the steps a {@link TraceRecorder} recorded into the steps of a trace, once the failure is known. */
final class TraceSteps {
  private TraceSteps() {}

  /**
   * The steps as a trace shows them, marked with what the failure depends on;
   * {@code failureReads} is what the failing check read (see {@link TraceRelevance#mark}).
   */
  static List<TraceStep> build(List<TraceRecorder.Recorded> recorded, long[] failureReads, TraceNames names,
      TraceKeys keys) {
    int n = recorded.size();
    TraceRelevance.Marked marked = TraceRelevance.mark(recorded, failureReads);
    BitSet relevant = marked.relevant();
    Set<Long> keptReads = marked.keptReads();
    List<TraceStep> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TraceRecorder.Recorded r = recorded.get(i);
      List<Operation.Write> writes = new ArrayList<>();
      for (Object[] w : r.writes()) {
        boolean matters = keptReads.contains(keys.location(w[0], (Integer) w[1]));
        boolean internal = w[0] != null && w[0].getClass().isArray() && !names.arrayNameKnown(w[0])
            && names.ownerName(w[0]) == null;
        if (!internal) {
          writes.add(new Operation.Write((String) w[2], (String) w[3], (String) w[4], matters));
        }
      }
      String kind = r.kind().in(OpKind.ATOMIC, OpKind.GUARDED) ? "call"
          : r.kind() == OpKind.ATOMIC_OP ? "atomic"
          : r.op().startsWith("prints ") ? "prints" : r.failing() ? "blocked" : r.kind().verb;
      Operation operation = new Operation(kind, r.object(), r.field(), r.value(), r.call(), writes);
      String text = r.op();
      if (kind.equals("call") && r.call() != null) {
        text = operation.callText(false);
      }
      SourceLocation where = r.location();
      if (r.kind() == OpKind.BEGIN) {
        where = firstLocationAfter(recorded, i, r.thread(), where);
      }
      out.add(new TraceStep(i + 1, r.thread(), text, where, operation, r.setUp(), relevant.get(i)));
    }
    return out;
  }

  /** A thread's first step is shown where its own code starts: the location of its next step. */
  private static SourceLocation firstLocationAfter(List<TraceRecorder.Recorded> recorded, int i, String thread, SourceLocation fallback) {
    for (int j = i + 1; j < recorded.size(); j++) {
      TraceRecorder.Recorded r = recorded.get(j);
      if (r.thread().equals(thread) && !r.location().equals(SourceLocation.UNKNOWN)) {
        return r.location();
      }
    }
    return fallback;
  }
}
