package pinmc.check;

/** Told about a search's progress now and then (at most a few times a second). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (executions, steps, elapsedMillis) -> {};

  void progress(long executions, long steps, long elapsedMillis);
}
