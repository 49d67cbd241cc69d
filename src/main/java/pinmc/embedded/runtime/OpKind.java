package pinmc.embedded.runtime;

/** The visible operation a model thread is about to perform at a scheduling point. */
public enum OpKind {
  BEGIN("begins"),
  END("ends"),
  READ("read"),
  WRITE("write"),
  LOCK("lock"),
  UNLOCK("unlock"),
  WAIT("wait"),
  REACQUIRE("wakes, relocks"),
  NOTIFY("notify"),
  NOTIFY_ALL("notifyAll"),
  START("start"),
  JOIN("join"),
  YIELD("yield"),
  SLEEP("sleep"),
  CHOICE("choose"),
  ATOMIC("atomic"),
  GUARDED("atomic when"),
  ATOMIC_OP("atomic op"),
  TRY_LOCK("tryLock"),
  PARK("park"),
  UNPARK("unpark"),
  INTERRUPT("interrupt"),
  THREAD_QUERY("query"),
  READ_LOCK("read-lock"),
  READ_UNLOCK("read-unlock");

  final String verb;

  OpKind(String verb) {
    this.verb = verb;
  }
}
