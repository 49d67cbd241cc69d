package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * The hooks around calls from model code on JDK objects the engine controls (collections,
 * builders; see {@link JdkObjects}): each such call is one step that reads or writes the
 * state of the object it acts on, or of the object a view of it stands for.
 *
 * <p>Public because instrumented classes in another class loader call it; not an API.
 */
public final class JdkObjectHooks {
  private JdkObjectHooks() {}

  /**
   * Before a call from model code on a JDK object (see {@link JdkObjects}): if the object is
   * one the engine controls, one step that reads or writes the state of the object it stands
   * for, and the call runs inside that step (a function it calls back runs there too). A JDK
   * object that synchronises its calls (Vector, StringBuffer, Collections.synchronizedList)
   * first takes its monitor, as the JDK's code does. Returns what {@link #jdkCallEnd} must
   * do: 0 nothing, 1 end the step, 2 end the step and release the monitor, 3 only note a view
   * (a silent call, such as one in a static initialiser).
   */
  public static int jdkCallBegin(Object receiver, int mode, int site) {
    if (receiver == null || !(Thread.currentThread() instanceof Carrier c) || c.thread == null) {
      return 0;
    }
    if (mode == JdkObjects.HASH && JdkObjects.hasIdentityHash(receiver)) {
      throw new UnsupportedConstructError(receiver.getClass().getName() + ".hashCode()",
          "an identity hash code differs from run to run; give the class its own hashCode (model classes get a "
              + "deterministic one) or do not hash this object");
    }
    JdkObjects.Kind kind = JdkObjects.kind(receiver.getClass());
    if (kind == JdkObjects.Kind.UNCONTROLLED) {
      return 0;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    int state = ex.sites.fieldOf(site);
    boolean write = mode == JdkObjects.WRITE;
    if (me.silent > 0) {
      if (me.observing && !write) {
        ex.invariants.observe(state);
      }
      return 3; // no step, but a view made here (in a static initialiser) still stands for its object
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
    boolean synchronizedCall = kind == JdkObjects.Kind.SYNCHRONIZED;
    if (synchronizedCall) {
      ex.locks.lock(me, receiver, site);
    }
    jdkAccess(me, ex, receiver, state, write, site);
    me.atomicDepth++; // the call, and model code it calls back, is one step
    return synchronizedCall ? 2 : 1;
  }

  /** An argument of a call begun by {@link #jdkCallBegin}: a JDK object it reads (as addAll reads its argument). */
  public static void jdkArgument(Object argument, int began, int site) {
    if (began == 0 || began == 3 || argument == null || !(Thread.currentThread() instanceof Carrier c) || c.thread == null
        || JdkObjects.kind(argument.getClass()) == JdkObjects.Kind.UNCONTROLLED || c.execution.isAborting()) {
      return;
    }
    Execution ex = c.execution;
    ex.memory.atomicAccess(c.thread, ex.objects.viewedObject(argument), ex.sites.fieldOf(site), AccessSet.READ);
  }

  /**
   * Before JDK code that reads an object model code hands it (a copy constructor,
   * {@code new ArrayList<>(shared)}; string concatenation, {@code "pages " + shared}): if the
   * object is a JDK object the engine controls, a step that reads it; the JDK code runs in
   * that step.
   */
  public static void jdkObjectRead(Object argument, int site) {
    if (argument == null || !(Thread.currentThread() instanceof Carrier c) || c.thread == null
        || JdkObjects.kind(argument.getClass()) == JdkObjects.Kind.UNCONTROLLED) {
      return;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    int state = ex.sites.fieldOf(site);
    if (me.silent > 0) {
      if (me.observing) {
        ex.invariants.observe(state);
      }
      return;
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
    jdkAccess(me, ex, argument, state, false, site);
  }

  /** A step (or, inside an atomic one, part of it) that reads or writes the state of the JDK object {@code o} stands for. */
  private static void jdkAccess(ModelThread me, Execution ex, Object o, int state, boolean write, int site) {
    Object root = ex.objects.viewedObject(o);
    if (me.atomicDepth > 0) {
      ex.memory.atomicAccess(me, root, state, write ? AccessSet.WRITE : AccessSet.READ);
    } else {
      me.announce(write ? OpKind.WRITE : OpKind.READ, root, state, site);
      ex.schedulePoint(me);
    }
  }

  /**
   * After a call begun by {@link #jdkCallBegin} (normally or not): ends its step; a JDK
   * container it returned that the model did not allocate (an iterator, a view, an entry, a
   * stream) stands for the receiver's state from now on.
   */
  public static void jdkCallEnd(Object result, Object receiver, int began, int site) {
    if (began == 0 || !(Thread.currentThread() instanceof Carrier c) || c.thread == null || c.execution.isAborting()) {
      return;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    if (began != 3) {
      me.atomicDepth--;
    }
    if (result != null && result != receiver && JdkObjects.kind(result.getClass()) != JdkObjects.Kind.UNCONTROLLED) {
      ex.objects.viewOf(result, receiver);
    }
    if (began == 2) {
      ex.locks.unlock(me, receiver, site);
    }
  }
}
