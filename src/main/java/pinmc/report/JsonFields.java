package pinmc.report;

import java.util.List;
import java.util.Map;

/** Typed access to a parsed JSON object, with errors that name the field. */
public final class JsonFields {
  private final Map<?, ?> map;
  private final String path;

  public JsonFields(Object value, String path) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(path + ": expected an object");
    }
    this.map = m;
    this.path = path;
  }

  /** Whether {@code key} is present with a value other than null. */
  public boolean has(String key) {
    return map.get(key) != null;
  }

  public String string(String key) {
    String s = optionalString(key);
    if (s == null) {
      throw new IllegalArgumentException(path + "." + key + ": missing");
    }
    return s;
  }

  public String optionalString(String key) {
    Object v = map.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(path + "." + key + ": expected a string");
    }
    return (String) v;
  }

  public long number(String key) {
    if (!(map.get(key) instanceof Long n)) {
      throw new IllegalArgumentException(path + "." + key + ": expected a whole number");
    }
    return n;
  }

  public boolean bool(String key) {
    if (!(map.get(key) instanceof Boolean b)) {
      throw new IllegalArgumentException(path + "." + key + ": expected true or false");
    }
    return b;
  }

  public List<?> list(String key) {
    if (!(map.get(key) instanceof List<?> l)) {
      throw new IllegalArgumentException(path + "." + key + ": expected an array");
    }
    return l;
  }

  public JsonFields object(String key) {
    return new JsonFields(map.get(key), path + "." + key);
  }
}
