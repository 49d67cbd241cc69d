package pinmc.models;

import pinmc.kernel.KernelVersion;

/**
 * A model's command line: the variant's name, then size settings such as {@code pages=2}, and
 * the kernel release to model, {@code version=6.5} (default: the model's own, usually
 * {@link KernelVersion#LATEST}).
 * Everything is checked before the model starts a thread, and anything unknown or out of
 * range is an {@link IllegalArgumentException} that says what is allowed.
 */
public final class ModelArgs {
  /** A size setting a model accepts: its name, default, and allowed range. */
  public record Size(String name, int defaultValue, int min, int max) {}

  /** The setting that selects the kernel release. */
  public static final String VERSION = "version";

  private final String variant;
  private final Size[] sizes;
  private final int[] values;
  private final KernelVersion kernel;

  private ModelArgs(String variant, Size[] sizes, int[] values, KernelVersion kernel) {
    this.variant = variant;
    this.sizes = sizes;
    this.values = values;
    this.kernel = kernel;
  }

  /** {@link #parse(String, KernelVersion, String[], String[], Size...)} defaulting to the latest release. */
  public static ModelArgs parse(String model, String[] args, String[] variants, Size... sizes) {
    return parse(model, KernelVersion.LATEST, args, variants, sizes);
  }

  /**
   * Parses {@code args} for model {@code model}, whose variants are {@code variants} and whose
   * sizes are {@code sizes}.
   */
  public static ModelArgs parse(String model, KernelVersion defaultVersion, String[] args, String[] variants, Size... sizes) {
    if (args.length == 0) {
      throw new IllegalArgumentException(model + ": no variant given; variants: " + String.join(", ", variants));
    }
    String variant = args[0].trim();
    if (!contains(variants, variant)) {
      throw new IllegalArgumentException(model + ": unknown variant '" + variant + "'; variants: " + String.join(", ", variants));
    }
    int[] values = new int[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      values[i] = sizes[i].defaultValue();
    }
    KernelVersion kernel = defaultVersion;
    for (int a = 1; a < args.length; a++) {
      String setting = args[a].trim();
      int eq = setting.indexOf('=');
      if (eq > 0 && setting.substring(0, eq).trim().equals(VERSION)) {
        try {
          kernel = KernelVersion.parse(setting.substring(eq + 1));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
        continue;
      }
      int i = eq < 0 ? -1 : indexOf(sizes, setting.substring(0, eq));
      if (i < 0) {
        throw new IllegalArgumentException(model + ": unknown setting '" + setting + "'; settings: " + describe(sizes));
      }
      Size size = sizes[i];
      int value;
      try {
        value = Integer.parseInt(setting.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(model + ": " + size.name() + " must be a number, not '" + setting.substring(eq + 1) + "'", e);
      }
      if (value < size.min() || value > size.max()) {
        throw new IllegalArgumentException(model + ": " + size.name() + "=" + value + " is out of range " + size.min() + ".." + size.max());
      }
      values[i] = value;
    }
    return new ModelArgs(variant, sizes, values, kernel);
  }

  /** The kernel release to model. */
  public KernelVersion kernel() {
    return kernel;
  }

  public String variant() {
    return variant;
  }

  /** Whether the variant is {@code name}. */
  public boolean is(String name) {
    return variant.equals(name);
  }

  /** The value of size {@code name}. */
  public int size(String name) {
    int i = indexOf(sizes, name);
    if (i < 0) {
      throw new IllegalStateException("no size named " + name);
    }
    return values[i];
  }

  /** Starts {@code threads} and waits for every one of them to end. */
  public static void runToCompletion(Thread... threads) throws InterruptedException {
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private static boolean contains(String[] names, String name) {
    for (String n : names) {
      if (n.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(Size[] sizes, String name) {
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i].name().equals(name.trim())) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Size[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (Size s : sizes) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.name()).append('=').append(s.min()).append("..").append(s.max())
          .append(" (default ").append(s.defaultValue()).append(')');
    }
    return sb.append(sb.length() == 0 ? "" : ", ").append(VERSION).append("=MAJOR.MINOR").toString();
  }
}
