package pinmc.check;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How to search. Immutable; build with {@link #builder()} or {@link #defaults()}.
 *
 * <p>Every bound that can cut the search makes it {@link Verdict#INCONCLUSIVE} when it does,
 * never {@link Verdict#PASS}.
 */
public final class CheckOptions {
  /** Default steps one execution may take before it is taken for a spinning thread. */
  public static final int DEFAULT_MAX_STEPS = 20_000;
  /** Default time a thread may run without reaching a scheduling point. */
  public static final Duration DEFAULT_LOCAL_PROGRESS = Duration.ofSeconds(10);

  private final int maxSteps;
  private final OptionalInt preemptionBound;
  private final long maxExecutions;
  private final Duration timeLimit;
  private final Duration localProgressTimeout;
  private final Reduction reduction;
  private final boolean detectRaces;
  private final boolean enumerateRandom;
  private final boolean minimize;
  private final ProgressListener progress;

  private CheckOptions(Builder b) {
    this.maxSteps = b.maxSteps;
    this.preemptionBound = b.preemptionBound;
    this.maxExecutions = b.maxExecutions;
    this.minimize = b.minimize;
    this.timeLimit = b.timeLimit;
    this.localProgressTimeout = b.localProgressTimeout;
    this.reduction = b.reduction;
    this.detectRaces = b.detectRaces;
    this.enumerateRandom = b.enumerateRandom;
    this.progress = b.progress;
  }

  public static CheckOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSteps = maxSteps;
    b.preemptionBound = preemptionBound;
    b.maxExecutions = maxExecutions;
    b.minimize = minimize;
    b.timeLimit = timeLimit;
    b.localProgressTimeout = localProgressTimeout;
    b.reduction = reduction;
    b.detectRaces = detectRaces;
    b.enumerateRandom = enumerateRandom;
    b.progress = progress;
    return b;
  }

  /** Steps one execution may take; past it the execution is cut ({@link Bound#STEPS}). */
  public int maxSteps() {
    return maxSteps;
  }

  /** The most preemptions a schedule may have, if bounded. */
  public OptionalInt preemptionBound() {
    return preemptionBound;
  }

  /** The most executions to run; 0 for no limit. */
  public long maxExecutions() {
    return maxExecutions;
  }

  /** The wall-clock budget of the whole search, or null for none. */
  public Duration timeLimit() {
    return timeLimit;
  }

  /** How long one thread may run between two scheduling points. */
  public Duration localProgressTimeout() {
    return localProgressTimeout;
  }

  public Reduction reduction() {
    return reduction;
  }

  /** Whether to report data races on plain fields as violations. */
  public boolean detectRaces() {
    return detectRaces;
  }

  /** Whether {@code java.util.Random} in model code is explored like {@code Choice}. */
  public boolean enumerateRandom() {
    return enumerateRandom;
  }

  /** Where the search reports progress; never null. */
  /**
   * Whether a search that found a violation goes on through every schedule for the shortest
   * counterexample with the same outcome; otherwise it goes on only while that is cheap.
   */
  public boolean minimize() {
    return minimize;
  }

  public ProgressListener progress() {
    return progress;
  }

  /** Builder of {@link CheckOptions}. */
  public static final class Builder {
    private int maxSteps = DEFAULT_MAX_STEPS;
    private OptionalInt preemptionBound = OptionalInt.empty();
    private long maxExecutions;
    private Duration timeLimit;
    private Duration localProgressTimeout = DEFAULT_LOCAL_PROGRESS;
    private Reduction reduction = Reduction.AUTO;
    private boolean detectRaces;
    private boolean enumerateRandom;
    private boolean minimize;
    private ProgressListener progress = ProgressListener.NONE;

    private Builder() {}

    public Builder maxSteps(int steps) {
      Preconditions.checkArgument(steps > 0, "max steps must be positive: %s", steps);
      this.maxSteps = steps;
      return this;
    }

    public Builder preemptionBound(int bound) {
      Preconditions.checkArgument(bound >= 0, "preemption bound must not be negative: %s", bound);
      this.preemptionBound = OptionalInt.of(bound);
      return this;
    }

    public Builder noPreemptionBound() {
      this.preemptionBound = OptionalInt.empty();
      return this;
    }

    public Builder maxExecutions(long executions) {
      Preconditions.checkArgument(executions >= 0, "max executions must not be negative: %s", executions);
      this.maxExecutions = executions;
      return this;
    }

    public Builder timeLimit(Duration limit) {
      Preconditions.checkArgument(limit == null || !limit.isNegative() && !limit.isZero(), "time limit must be positive: %s", limit);
      this.timeLimit = limit;
      return this;
    }

    public Builder localProgressTimeout(Duration timeout) {
      Preconditions.checkArgument(timeout != null && !timeout.isNegative() && !timeout.isZero(), "local progress timeout must be positive");
      this.localProgressTimeout = timeout;
      return this;
    }

    public Builder reduction(Reduction r) {
      this.reduction = Preconditions.checkNotNull(r);
      return this;
    }

    public Builder detectRaces(boolean on) {
      this.detectRaces = on;
      return this;
    }

    public Builder enumerateRandom(boolean on) {
      this.enumerateRandom = on;
      return this;
    }

    public Builder minimize(boolean on) {
      this.minimize = on;
      return this;
    }

    public Builder progress(ProgressListener listener) {
      this.progress = listener == null ? ProgressListener.NONE : listener;
      return this;
    }

    public CheckOptions build() {
      return new CheckOptions(this);
    }
  }
}
