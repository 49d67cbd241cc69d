package pinmc.embedded.runtime;

import java.util.List;
import pinmc.check.Bound;
import pinmc.embedded.search.EventLog;

/**
 * The steps of one execution as they are taken: each opens in the event log with what its
 * operation reads and writes (as the operation's {@link Primitive} says), collects the
 * accesses made while it runs, and when it closes is checked for a data race, the
 * invariants and the step budget.
 */
final class Steps implements Dependence {
  private final Execution ex;
  private final EventLog log;
  private final DataRaceReport races;
  private long count;

  Steps(Execution ex, EventLog log, DataRaceReport races) {
    this.ex = ex;
    this.log = log;
    this.races = races;
  }

  /** How many steps the execution took so far. */
  long count() {
    return count;
  }

  /** {@code t}, chosen to go next, begins the step of its pending operation. */
  void begin(ModelThread t) {
    races.stepBegins(t);
    log.begin(t.id);
    if (t.atomicDepth > 0) {
      log.markContinuation();
    }
    Object held = log.wantsGuards() ? t.lastHeldLock() : null;
    if (held != null) {
      // Only a lock with a number of its own: the objects the model did not allocate share one.
      int lock = ex.objects.objectId(held);
      if (lock != ObjectNumbers.UNKNOWN_OBJECT) {
        log.guardedBy(Location.of(lock, ExclusiveLocks.MONITOR));
      }
    }
    t.eventOpen = true;
    ex.threads.last = t;
    ex.fair.beginStep(t, ex.threads.all);
    ex.threads.primitiveOf(t).recordAccesses(t, this);
    if (ex.trace != null) {
      ex.trace.begin(t);
    }
  }

  /** {@code me}'s step ends at a scheduling point: closes it and checks what is checked after a step. */
  void end(ModelThread me) {
    close(me);
    if (ex.config.detectRaces() && log.dataRace() != null) {
      ex.finish(races.outcome(log.dataRace(), log.dataRaceLocation()));
      throw ExecutionAbort.INSTANCE;
    }
    if (me.atomicDepth == 0 && !ex.invariants.isEmpty()) {
      ex.invariants.check(me);
    }
    if (count >= ex.config.maxSteps()) {
      ex.finish(new Outcome(Outcome.Kind.BOUND, null, null,
          "an execution took more than " + ex.config.maxSteps() + " steps; thread " + me.name()
              + " was last at " + ex.sites.location(me.opSite) + " (a loop that never ends?)",
          List.of(), Bound.STEPS));
      throw ExecutionAbort.INSTANCE;
    }
  }

  /** Closes {@code me}'s step in the event log (also when its thread ends with an exception). */
  void close(ModelThread me) {
    if (ex.config.detectRaces()) {
      races.stepEnds();
    }
    log.end();
    ex.fair.endStep(me, log.accesses(log.size() - 1), ex.threads.all);
    me.eventOpen = false;
    count++;
    if (ex.trace != null) {
      ex.trace.end(me);
    }
  }

  /** An access of the step under way. */
  @Override
  public void access(Object o, int field, byte mode) {
    log.access(ex.objects.location(o, field), mode);
  }

  @Override
  public void markAtomic() {
    log.markAtomic();
  }
}
