package pinmc.embedded.runtime;

import java.time.Duration;

/** What an execution needs from the check's options. */
public record ExecutionConfig(int maxSteps, Duration localProgressTimeout, boolean enumerateRandom, long maxLocalBackEdges,
    boolean detectRaces) {}
