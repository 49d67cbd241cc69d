package pinmc.embedded.runtime;

import java.util.Arrays;
import java.util.List;
import pinmc.check.Property;

/**
 * Where each step of one execution happened, so that a data race the event log finds (under
 * {@code --races}) is reported with both threads and both source lines.
 */
final class DataRaceReport {
  private final Execution ex;
  private final Sites sites;
  private int eventSite;
  private ModelThread eventThread;
  private int[] stepSites = new int[64];
  private ModelThread[] stepThreads = new ModelThread[64];
  private int stepCount;

  DataRaceReport(Execution ex, Sites sites) {
    this.ex = ex;
    this.sites = sites;
  }

  /** {@code t}'s step begins. */
  void stepBegins(ModelThread t) {
    eventSite = t.opSite;
    eventThread = t;
  }

  /** The step begun last ends: it is step number {@code stepCount} of the event log. */
  void stepEnds() {
    if (stepCount == stepSites.length) {
      stepSites = Arrays.copyOf(stepSites, stepCount * 2);
      stepThreads = Arrays.copyOf(stepThreads, stepCount * 2);
    }
    stepSites[stepCount] = eventSite;
    stepThreads[stepCount++] = eventThread;
  }

  /** The violation for steps {@code race[0]} and {@code race[1]}, which race on {@code location}. */
  Outcome outcome(int[] race, long location) {
    int field = Location.field(location);
    Object target = ex.objects.objectNumbered(Location.object(location));
    String what = target != null && target.getClass().isArray() ? "element " + field + " of " + ex.describe(target)
        : target != null && JdkObjects.kind(target.getClass()) != JdkObjects.Kind.UNCONTROLLED ? ex.describe(target)
        : sites.fieldName(field);
    String first = stepThreads[race[0]].name() + where(stepSites[race[0]]);
    String second = stepThreads[race[1]].name() + where(stepSites[race[1]]);
    return new Outcome(Outcome.Kind.VIOLATION, Property.DATA_RACE, null,
        "data race on " + what + ": " + first + " and " + second + " are not ordered by synchronisation",
        List.of(), null);
  }

  /** " at File.java:12", or " in an atomic block" for a step made of a block's accesses. */
  private String where(int site) {
    return site == 0 ? " in an atomic block" : " at " + sites.location(site);
  }
}
