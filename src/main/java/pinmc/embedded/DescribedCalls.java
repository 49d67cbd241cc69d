package pinmc.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pinmc.api.spi.CallDescriptions;
import pinmc.check.Operation;
import pinmc.check.TraceStep;
import pinmc.embedded.search.EventLog;

/**
 * Collects what a model says its steps stand for ({@link pinmc.api.Calls#describe}) while the
 * engine records a counterexample, and puts it into the recorded steps. Checks run side by side
 * in one JVM (the gate), each with its own class loader: a description belongs to the check
 * whose loader loaded the model code that made it.
 */
final class DescribedCalls implements CallDescriptions.Listener {
  private static final DescribedCalls INSTANCE = new DescribedCalls();
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  static {
    CallDescriptions.listen(INSTANCE);
  }

  private final Map<ClassLoader, Recording> recordings = new ConcurrentHashMap<>();

  /** A call described in step {@code step} (from 0). */
  private record Described(int step, String call, String arguments) {}

  /** What one recording execution's model described, step by step. */
  static final class Recording implements AutoCloseable {
    private final ClassLoader loader;
    private final EventLog log;
    private final List<Described> described = new ArrayList<>();

    private Recording(ClassLoader loader, EventLog log) {
      this.loader = loader;
      this.log = log;
    }

    /**
     * {@code steps} with each described call's name and arguments: a description made inside an
     * atomic block belongs to the step the block is, the last one begun when the model made it.
     * The first description of a step wins (an operation's own, before those of what it calls).
     */
    List<TraceStep> applyTo(List<TraceStep> steps) {
      List<TraceStep> out = new ArrayList<>(steps);
      boolean[] done = new boolean[out.size()];
      for (Described d : described) {
        if (d.step() < 0 || d.step() >= out.size() || done[d.step()]) {
          continue;
        }
        TraceStep s = out.get(d.step());
        if (!"call".equals(s.operation().kind())) {
          continue; // described outside an atomic block: no step of its own to name
        }
        Operation op = s.operation().describedAs(d.call(), d.arguments());
        out.set(d.step(), new TraceStep(s.step(), s.thread(), op.callText(false), s.location(), op, s.setUp(), s.relevant()));
        done[d.step()] = true;
      }
      return out;
    }

    @Override
    public void close() {
      INSTANCE.recordings.remove(loader);
    }
  }

  /** Starts collecting the descriptions made by model code of {@code loader}, whose execution logs its steps in {@code log}. */
  static Recording record(ClassLoader loader, EventLog log) {
    Recording r = new Recording(loader, log);
    INSTANCE.recordings.put(loader, r);
    return r;
  }

  @Override
  public void described(String call, String arguments) {
    if (recordings.isEmpty()) {
      return; // no counterexample is being recorded: the search's executions pay nothing more
    }
    Recording r = WALKER.walk(frames -> frames
        .map(f -> f.getDeclaringClass().getClassLoader())
        .filter(l -> l != null && recordings.containsKey(l))
        .map(recordings::get)
        .findFirst()
        .orElse(null));
    if (r != null) {
      synchronized (r) {
        r.described.add(new Described(r.log.size() - 1, call, arguments));
      }
    }
  }
}
