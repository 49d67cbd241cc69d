package pinmc.embedded.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import pinmc.embedded.search.SchedulingView;
import pinmc.embedded.search.ThreadSet;

/**
 * The threads of one execution, and what the search sees of them at a scheduling point
 * ({@link SchedulingView}): which threads may take the next step, as their primitives say,
 * how many ways each can go, and a signature of each one's pending operation that names the
 * same operation in every execution.
 */
final class ModelThreads implements SchedulingView {
  /** In order of start: a thread's index is its id. */
  final ArrayList<ModelThread> all = new ArrayList<>();
  private final IdentityHashMap<Thread, ModelThread> byJavaThread = new IdentityHashMap<>();
  private final Primitive[] byOp;
  private final FairYield fair;
  private final ObjectNumbers objects;
  /** The thread that took the last step, or null before the first. */
  ModelThread last;
  /** Scratch for {@link #enabled}, which runs at every step. */
  private final ThreadSet.Builder enabledScratch = new ThreadSet.Builder();

  ModelThreads(Primitive[] byOp, FairYield fair, ObjectNumbers objects) {
    this.byOp = byOp;
    this.fair = fair;
    this.objects = objects;
  }

  ModelThread add(Thread javaThread, boolean isMain) {
    ModelThread mt = new ModelThread(all.size(), javaThread, isMain);
    all.add(mt);
    byJavaThread.put(javaThread, mt);
    return mt;
  }

  int count() {
    return all.size();
  }

  /** The model thread of a started {@link Thread}, or null if it was not started. */
  ModelThread of(Thread t) {
    return byJavaThread.get(t);
  }

  /** The primitive that answers for {@code t}'s pending operation. */
  Primitive primitiveOf(ModelThread t) {
    return byOp[t.op.ordinal()];
  }

  @Override
  public ThreadSet enabled() {
    ThreadSet.Builder enabled = enabledScratch.clear();
    boolean anyUser = false;
    ModelThread inAtomic = null;
    for (ModelThread t : all) {
      if (t.terminated) {
        continue;
      }
      if (!anyUser && !t.javaThread.isDaemon()) {
        anyUser = true; // asked once a step, not of every thread: isDaemon was a tenth of this loop
      }
      if (t.atomicDepth > 0 && t.op != OpKind.BEGIN) {
        inAtomic = t;
      }
      if (byOp[t.op.ordinal()].isEnabled(t)) {
        enabled.add(t.id);
      }
    }
    if (!anyUser) {
      return ThreadSet.EMPTY; // only daemon threads left: the JVM would exit
    }
    ThreadSet mask = enabled.build();
    if (fair.heldCount() > 0) {
      ThreadSet.Builder held = new ThreadSet.Builder();
      for (ModelThread t : all) {
        if (t.heldBack) {
          held.add(t.id);
        }
      }
      ThreadSet free = mask.minus(held.build());
      if (!free.isEmpty()) {
        mask = free;
      }
    }
    if (inAtomic != null) {
      // A choice inside an atomic block: only that thread may go on.
      return mask.contains(inAtomic.id) ? ThreadSet.of(inAtomic.id) : ThreadSet.EMPTY;
    }
    return mask;
  }

  @Override
  public int lastThread() {
    return last == null ? -1 : last.id;
  }

  @Override
  public int choiceCount(int id) {
    ModelThread t = all.get(id);
    return byOp[t.op.ordinal()].choiceCount(t);
  }

  @Override
  public long signature(int id) {
    ModelThread t = all.get(id);
    long objectPart = t.opObject == null ? 0 : objects.objectId(t.opObject);
    return ((long) t.op.ordinal() << 56) ^ ((long) t.opSite << 24) ^ (objectPart << 8) ^ t.opArg;
  }
}
