package dev.nn.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars in a test, as a plugin author's build would: compiles Java sources against the
 * test's class path with the JDK compiler and packs the classes and a services file into a jar.
 */
public final class PluginJars {
  private PluginJars() {}

  /** A class loader over {@code jars} whose parent is the test's, as the plugin path's is nn's. */
  public static java.net.URLClassLoader loader(Path... jars) throws IOException {
    java.net.URL[] urls = new java.net.URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new java.net.URLClassLoader(urls, PluginJars.class.getClassLoader());
  }

  /**
   * Compiles {@code sources} (fully qualified class name → source text) and writes a jar holding the
   * classes and the given {@code META-INF/services} files.
   *
   * @param services service interface name → provider class names, one per line
   */
  public static Path build(Path dir, String jarName, Map<String, String> sources, Map<String, String> services)
      throws IOException {
    return build(dir, jarName, sources, services, null);
  }

  /**
   * {@link #build(Path, String, Map, Map)} with a manifest naming {@code implementationVersion}, as a Maven
   * build's jar plugin writes it; none when {@code null}.
   */
  public static Path build(Path dir, String jarName, Map<String, String> sources, Map<String, String> services,
      String implementationVersion) throws IOException {
    Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
    Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
    // -path: a jar on the test class path (OpenBLAS's) names a Class-Path entry that Maven does not lay out
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), "--release", "17", "-Xlint:all,-path", "-Werror"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, args.toArray(new String[0]));
    if (status != 0) {
      throw new IllegalStateException("compiling the plugin failed with status " + status);
    }
    Path jar = dir.resolve(jarName + ".jar");
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    if (implementationVersion != null) {
      manifest.getMainAttributes().put(java.util.jar.Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
    }
    try (JarOutputStream out = implementationVersion == null ? new JarOutputStream(Files.newOutputStream(jar))
        : new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      List<Path> files;
      try (var walk = Files.walk(classes)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      for (Map.Entry<String, String> e : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
        write(out, e.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Source of an activation provider named {@code name}: φ(z) = z·scale. */
  public static String activationProvider(String pkg, String cls, String name) {
    return "package " + pkg + ";\n"
        + "import dev.nn.api.Activation;\n"
        + "import dev.nn.spi.ActivationProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class " + cls + " implements ActivationProvider {\n"
        + "  public String name() { return \"" + name + "\"; }\n"
        + "  public String summary() { return \"z\"; }\n"
        + "  public Activation create(Settings s) {\n"
        + "    return new Activation() {\n"
        + "      public double phi(double z) { return z; }\n"
        + "      public double phiPrime(double z, double x) { return 1; }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }
}
