package pinmc.embedded.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import pinmc.embedded.runtime.DefinedClasses;
import pinmc.embedded.runtime.SharedPackages;
import pinmc.embedded.runtime.Sites;

/**
 * Loads a model's classes, instrumented, once per check. Child-first for model classes
 * (from the target's class path, or from pinmc's own for the kernel library and the
 * models shipped with it); only what the engine must share with the model (the JDK and
 * pinmc's API and runtime, by exact package) comes from the parent, uninstrumented. Libraries
 * on the class path, pinmc's own dependencies included, are model code like the model's classes.
 */
public final class ModelClassLoader extends ClassLoader implements DefinedClasses {
  static {
    registerAsParallelCapable();
  }

  private final URLClassLoader modelPath;
  private final ClassLoader parent;
  private final Instrumenter instrumenter;
  private final List<Path> classpath;
  private final ClassHierarchy hierarchy;
  private final Sites sites;
  /** The classes this loader defined, and the same sorted by name (made when asked for). */
  private final java.util.ArrayList<Class<?>> defined = new java.util.ArrayList<>();
  private List<Class<?>> definedByName;
  private final java.util.Map<Class<?>, byte[]> definedBytes = new java.util.HashMap<>();

  public ModelClassLoader(List<Path> classpath, ClassLoader parent, Sites sites) {
    super("pinmc-model", parent);
    this.parent = parent;
    this.classpath = List.copyOf(classpath);
    this.sites = sites;
    URL[] urls = classpath.stream().map(ModelClassLoader::toUrl).toArray(URL[]::new);
    this.modelPath = new URLClassLoader(urls, null);
    this.hierarchy = new ClassHierarchy(this::classBytes);
    this.instrumenter = new Instrumenter(sites, hierarchy);
    setDefaultAssertionStatus(true);
  }

  private static URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad class path entry " + p, e);
    }
  }

  /** See {@link SharedPackages}: the JDK and pinmc's runtime, by exact package. */
  static boolean isShared(String className) {
    return SharedPackages.isShared(className);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isShared(name)) {
      return parent.loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] original = classBytes(name.replace('.', '/'));
        if (original == null) {
          return parent.loadClass(name);
        }
        byte[] transformed = InstrumentedClassCache.instrument(classpath, name, original, instrumenter, hierarchy, sites);
        c = defineClass(name, transformed, 0, transformed.length);
        synchronized (defined) {
          defined.add(c);
          definedByName = null;
          definedBytes.put(c, transformed);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  public byte[] definedBytes(Class<?> c) {
    synchronized (defined) {
      return definedBytes.get(c);
    }
  }

  @Override
  public List<Class<?>> definedClasses() {
    synchronized (defined) {
      if (definedByName == null) {
        java.util.ArrayList<Class<?>> sorted = new java.util.ArrayList<>(defined);
        sorted.sort(java.util.Comparator.comparing(Class::getName));
        definedByName = java.util.List.copyOf(sorted);
      }
      return definedByName;
    }
  }

  @Override
  public URL getResource(String name) {
    URL u = modelPath.getResource(name);
    return u != null ? u : parent.getResource(name);
  }

  /** The original class file of a class this loader instruments, or null. */
  byte[] classBytes(String internalName) {
    if (isShared(internalName.replace('/', '.'))) {
      return null;
    }
    String resource = internalName + ".class";
    try (InputStream in = openResource(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private InputStream openResource(String resource) {
    InputStream in = modelPath.getResourceAsStream(resource);
    return in != null ? in : parent.getResourceAsStream(resource);
  }

  public void close() throws IOException {
    modelPath.close();
  }
}
