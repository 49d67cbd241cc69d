package pinmc.embedded.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.check.Property;
import pinmc.embedded.search.AccessSet;

/**
 * The model's registered invariants: checked after every step outside an atomic block, and
 * what they read. Partial-order reduction keeps every order of dependent steps, but an
 * invariant checked after every step also sees the states in between, which independent
 * steps can reach in different orders. So every write of state an invariant has been seen
 * to read also writes one common location, {@link #INVARIANT_STATE}: such writes are all
 * dependent, and every order of them is explored. (The set of such state only grows; the
 * engine restarts the search when it does, so that no execution was explored with too
 * small a set.)
 */
final class Invariants {
  /** The key under which invariants' reads of any array element are noted. */
  static final int ARRAY_ELEMENTS = -100;
  /** A location written by every step that changes state an invariant reads. */
  static final int INVARIANT_STATE = -8;

  private record Registered(String name, BooleanSupplier holds, Supplier<String> message) {}

  private final Execution ex;
  private final Sites sites;
  private final ArrayList<Registered> registered = new ArrayList<>();
  private boolean visibilityGrew;

  Invariants(Execution ex, Sites sites) {
    this.ex = ex;
    this.sites = sites;
  }

  void register(String name, BooleanSupplier holds, Supplier<String> message) {
    registered.add(new Registered(name, holds, message));
  }

  /** Its part of a state fingerprint: the invariants registered so far and what they read. */
  void hashState(StateFingerprint f) {
    f.putInt(registered.size());
    for (Registered r : registered) {
      f.reference(r.name());
      f.reference(r.holds());
      f.reference(r.message());
    }
  }

  boolean isEmpty() {
    return registered.isEmpty();
  }

  /** Whether this execution found state read by invariants that earlier executions did not treat as such. */
  boolean visibilityGrew() {
    return visibilityGrew;
  }

  /** A write of {@code field} of {@code o}: also a write of the common location if invariants read such state. */
  void writeVisible(Object o, int field, Dependence out) {
    int key = o != null && o.getClass().isArray() ? ARRAY_ELEMENTS : field == AtomicCells.VALUE ? AtomicCells.VALUE : field;
    if (sites.isInvariantVisible(key)) {
      out.access(null, INVARIANT_STATE, AccessSet.WRITE);
    }
  }

  /**
   * A read by a silent thread (an invariant or a guard being evaluated): noted for invariant
   * visibility while observing, and for a trace's account of what a failing check read.
   */
  void silentRead(ModelThread me, Object o, int index, int site) {
    if (me.observing) {
      observe(index >= 0 ? ARRAY_ELEMENTS : sites.fieldOf(site));
    }
    if (ex.trace != null) {
      ex.trace.silentRead(o, index >= 0 ? index : sites.fieldOf(site));
    }
  }

  /** An invariant being evaluated read state of kind {@code key}. */
  void observe(int key) {
    if (sites.markInvariantVisible(key)) {
      visibilityGrew = true;
    }
  }

  /** After {@code me}'s step: checks every invariant, ending the execution at the first that fails or throws. */
  void check(ModelThread me) {
    for (int i = 0; i < registered.size(); i++) {
      Registered inv = registered.get(i);
      String failure = null;
      if (ex.trace != null) {
        ex.trace.checkStarts();
      }
      me.silent++;
      me.observing = true;
      try {
        if (!inv.holds().getAsBoolean()) {
          me.observing = false;
          failure = inv.message().get();
        }
      } catch (ExecutionAbort a) {
        throw a;
      } catch (RuntimeException | Error e) {
        // A broken invariant is not evidence of the bug it names: the model is in error.
        ex.finish(new Outcome(Outcome.Kind.ERROR, null, null,
            "invariant " + inv.name() + " threw " + e + " at " + ModelFrames.modelFrame(e.getStackTrace()), List.of(), null));
        throw ExecutionAbort.INSTANCE;
      } finally {
        me.silent--;
        me.observing = false;
      }
      if (failure != null) {
        ex.finish(new Outcome(Outcome.Kind.VIOLATION, Property.INVARIANT, inv.name(), failure, List.of(), null));
        throw ExecutionAbort.INSTANCE;
      }
    }
  }
}
