package pinmc.embedded.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import pinmc.check.SourceLocation;

/**
 * The table of instrumented sites of one check: every shared access, lock or thread
 * operation in the model's bytecode gets a number at instrumentation time, and the hooks
 * receive that number. From it the engine knows where the step is in the source and, for
 * field accesses, which field (fields have numbers of their own, so that a field reached
 * through a subclass is still the same location).
 *
 * <p>Written while classes load, read on every step: registration is synchronized and
 * publishes a new array; readers see at least every site of every class already loaded.
 */
public final class Sites {
  private volatile SourceLocation[] locations = new SourceLocation[256];
  private volatile int[] fieldOfSite = new int[256];
  private int siteCount = 1; // site 0 is "unknown"
  private final Map<String, Integer> fieldIds = new HashMap<>();
  private volatile String[] fieldNames = new String[64];
  private volatile boolean[] fieldVolatile = new boolean[64];
  private volatile java.lang.reflect.Field[] reflected = new java.lang.reflect.Field[64];
  private volatile String[] fieldOwners = new String[64];
  private int fieldCount = 1; // field 0 is "none"

  private final java.util.Set<Integer> invariantVisible = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean anyInvariantVisible;

  /**
   * Notes that an invariant read locations of kind {@code key} (a field id, or one of the
   * engine's keys for array elements and atomic values). Returns true the first time.
   */
  public boolean markInvariantVisible(int key) {
    // Invariants read the same state after every step: a lookup first spares the map's
    // locked insert path, which cost 4% of a search with invariants.
    if (invariantVisible.contains(key)) {
      return false;
    }
    boolean added = invariantVisible.add(key);
    if (added) {
      anyInvariantVisible = true;
    }
    return added;
  }

  public boolean isInvariantVisible(int key) {
    return anyInvariantVisible && invariantVisible.contains(key);
  }

  private final java.util.Set<Integer> noSpinLoop = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Notes that the yield at {@code site} is not in a pure spin loop (a thread held back
   * there left the loop on its own state), so threads are never held back there again.
   * Returns true the first time.
   */
  public boolean markNoSpinLoop(int site) {
    return noSpinLoop.add(site);
  }

  public boolean isNoSpinLoop(int site) {
    return !noSpinLoop.isEmpty() && noSpinLoop.contains(site);
  }

  private volatile boolean modelYields;

  /** Notes that the model yields (yield, onSpinWait, sleep); returns true the first time. */
  public boolean markModelYields() {
    if (modelYields) {
      return false;
    }
    modelYields = true;
    return true;
  }

  public boolean modelYields() {
    return modelYields;
  }

  private final Map<String, Integer> classNumbers = new HashMap<>();

  /** A number for a class, the same in every execution of the check. */
  public synchronized int classNumber(String className) {
    return classNumbers.computeIfAbsent(className, k -> classNumbers.size());
  }

  public Sites() {
    locations[0] = SourceLocation.UNKNOWN;
  }

  /** Registers a site; {@code field} is a field id or 0. */
  public synchronized int addSite(SourceLocation location, int field) {
    if (siteCount == locations.length) {
      locations = Arrays.copyOf(locations, siteCount * 2);
      fieldOfSite = Arrays.copyOf(fieldOfSite, siteCount * 2);
    }
    locations[siteCount] = location;
    fieldOfSite[siteCount] = field;
    return siteCount++;
  }

  /** The id of field {@code name} declared by {@code owner} (a binary class name). */
  public synchronized int fieldId(String owner, String name, boolean isVolatile) {
    String key = owner + "." + name;
    Integer id = fieldIds.get(key);
    if (id != null) {
      return id;
    }
    if (fieldCount == fieldNames.length) {
      fieldNames = Arrays.copyOf(fieldNames, fieldCount * 2);
      fieldVolatile = Arrays.copyOf(fieldVolatile, fieldCount * 2);
      reflected = Arrays.copyOf(reflected, fieldCount * 2);
      fieldOwners = Arrays.copyOf(fieldOwners, fieldCount * 2);
    }
    int simple = owner.lastIndexOf('.');
    String shortOwner = owner.substring(simple + 1);
    int nest = shortOwner.lastIndexOf('$');
    fieldNames[fieldCount] = (nest >= 0 ? shortOwner.substring(nest + 1) : shortOwner) + "." + name;
    fieldVolatile[fieldCount] = isVolatile;
    fieldOwners[fieldCount] = owner;
    fieldIds.put(key, fieldCount);
    return fieldCount++;
  }

  public SourceLocation location(int site) {
    SourceLocation[] l = locations;
    return site > 0 && site < l.length && l[site] != null ? l[site] : SourceLocation.UNKNOWN;
  }

  public int fieldOf(int site) {
    return fieldOfSite[site];
  }

  /** {@code Page.refcount}. */
  public String fieldName(int field) {
    return fieldNames[field];
  }

  public boolean isVolatile(int field) {
    return fieldVolatile[field];
  }

  /** The reflective handle of a field, for reading values into a trace; null if unavailable. */
  java.lang.reflect.Field reflect(int field, ClassLoader loader) {
    java.lang.reflect.Field f = reflected[field];
    if (f != null) {
      return f;
    }
    try {
      String name = fieldNames[field];
      Class<?> owner = Class.forName(fieldOwners[field], false, loader);
      f = owner.getDeclaredField(name.substring(name.indexOf('.') + 1));
      f.setAccessible(true);
      reflected[field] = f;
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
