package pinmc.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.props.ModelSpec;
import pinmc.props.PropertiesFileException;
import pinmc.report.ReportEntry;

/**
 * The CI gate: checks every properties file, in parallel, and compares each outcome with the
 * file's {@code pinmc.expect}. A file that cannot be read, or sets no expectation, is an
 * {@code error} entry rather than a reason to stop, so that one run reports every problem.
 */
public final class Gate {
  /** What {@code expected} says for a file whose expectation could not be read. */
  public static final String NO_EXPECTATION = "(none)";

  private final Engine engine;
  private final CheckOptions options;
  private final int jobs;

  /** Told when a file is done; called from the gate's worker threads. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (entry, done, total) -> {};

    void finished(ReportEntry entry, int done, int total);
  }

  /**
   * The gate's findings, in the order of the files.
   *
   * @param entries one per file
   * @param crashes exceptions the engine threw (bugs in pinmc, not in the models), in file order
   */
  public record Run(List<ReportEntry> entries, List<Throwable> crashes) {
    /** Whether every file met its expectation. */
    public boolean allAsExpected() {
      return entries.stream().allMatch(ReportEntry::asExpected);
    }
  }

  public Gate(Engine engine, CheckOptions options, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
    }
    this.engine = engine;
    this.options = options;
    this.jobs = jobs;
  }

  /**
   * The properties files under {@code paths}: each directory searched recursively for
   * {@code *.jpf}, in name order, and each file taken as it is.
   */
  public static List<Path> findPropertiesFiles(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> f.getFileName().toString().endsWith(ModelSpec.EXTENSION) && Files.isRegularFile(f))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.exists(p)) {
        files.add(p);
      } else {
        throw new java.nio.file.NoSuchFileException(p.toString());
      }
    }
    return files;
  }

  public Run run(List<Path> files, Listener listener) throws InterruptedException {
    // Not daemon threads: the embedded engine's verdicts currently depend on the daemon status
    // of the thread that calls it (model threads inherit it), and a gate must check exactly
    // what 'check' checks. The pool is shut down below whatever happens.
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, files.size())),
        r -> new Thread(r, "pinmc-gate"));
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<Checked>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> {
          Checked c = check(file);
          listener.finished(c.entry(), done.incrementAndGet(), files.size());
          return c;
        }));
      }
      List<ReportEntry> entries = new ArrayList<>();
      List<Throwable> crashes = new ArrayList<>();
      for (Future<Checked> f : futures) {
        Checked c = f.get();
        entries.add(c.entry());
        if (c.crash() != null) {
          crashes.add(c.crash());
        }
      }
      return new Run(entries, crashes);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the gate failed to check a file", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private record Checked(ReportEntry entry, Throwable crash) {}

  private Checked check(Path file) {
    String source = file.toString();
    ModelSpec spec;
    try {
      spec = ModelSpec.load(file);
    } catch (PropertiesFileException e) {
      return new Checked(new ReportEntry(CheckResult.error(ModelSpec.modelName(file), engine.name(), e.getMessage()), NO_EXPECTATION, source), null);
    }
    if (spec.expectation().isEmpty()) {
      String message = file + ": no '" + ModelSpec.EXPECT + "' key: the gate needs the expected outcome";
      return new Checked(new ReportEntry(CheckResult.error(spec.name(), engine.name(), message), NO_EXPECTATION, source), null);
    }
    String expected = spec.expectation().get().outcome();
    try {
      return new Checked(new ReportEntry(engine.check(spec.target(), options).withTarget(spec.name()), expected, source), null);
    } catch (RuntimeException | Error e) {
      String message = "internal error: the " + engine.name() + " engine failed: " + e;
      return new Checked(new ReportEntry(CheckResult.error(spec.name(), engine.name(), message), expected, source), e);
    }
  }
}
