package dev.nn.tests.plugins;

import dev.nn.spi.PluginProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds {@code examples/plugin-example} into {@code target/acme-nn-plugins-1.0.0.jar} the way its
 * author's compiler would, without Maven: javac with {@code --release 17 -Xlint:all -Werror} over
 * {@code src/main/java}, with nothing but nn-api on the class path, then a jar of the classes,
 * {@code src/main/resources} and a manifest carrying {@code Implementation-Version: 1.0.0}, as the
 * project's pom configures the jar plugin.
 */
public final class PluginExampleJar {
  /** The example project, from nn-tests, where the tests run. */
  static final Path PROJECT = Path.of("..", "examples", "plugin-example");

  /** The project's version, as its pom declares it. */
  static final String VERSION = "1.0.0";

  /** The file Maven's {@code package} writes. */
  static final String JAR_NAME = "acme-nn-plugins-" + VERSION + ".jar";

  /** Entry times, fixed so that two builds give the same bytes (the pom's outputTimestamp). */
  private static final FileTime ENTRY_TIME = FileTime.fromMillis(1_767_225_600_000L);

  private PluginExampleJar() {}

  /** What a compilation produced: whether it succeeded, and every diagnostic, one a line. */
  record Compilation(boolean succeeded, String diagnostics) {}

  /**
   * Compiles the example and packs it into {@code dir/target/acme-nn-plugins-1.0.0.jar}.
   *
   * @return the jar
   * @throws AssertionError with the compiler's diagnostics if compilation fails or warns
   */
  public static Path build(Path dir) throws IOException {
    Path classes = dir.resolve("target").resolve("classes");
    Compilation compilation = compile(javaSources(PROJECT.resolve("src/main/java")), List.of(nnApiLocation()), classes);
    if (!compilation.succeeded()) {
      throw new AssertionError("the plugin example does not compile against nn-api " + nnApiLocation() + ":\n"
          + compilation.diagnostics());
    }
    Path jar = dir.resolve("target").resolve(JAR_NAME);
    pack(jar, List.of(classes, PROJECT.resolve("src/main/resources")));
    return jar;
  }

  /**
   * The example built again with its package renamed, into {@code dir/target/renamed.jar}: a second vendor's
   * jar whose plugins have the same names as the example's, which the registry must refuse to choose between.
   */
  public static Path buildRenamed(Path dir, String packageName) throws IOException {
    Path copy = dir.resolve("renamed-src");
    String from = "com.example.acme.nn";
    for (Path root : List.of(PROJECT.resolve("src/main/java"), PROJECT.resolve("src/main/resources"))) {
      for (Path p : filesUnder(root)) {
        String relative = root.relativize(p).toString().replace(from.replace('.', File.separatorChar),
            packageName.replace('.', File.separatorChar));
        Path target = copy.resolve(root.getFileName().toString()).resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, Files.readString(p).replace(from, packageName));
      }
    }
    Path classes = dir.resolve("target").resolve("renamed-classes");
    Compilation compilation = compile(javaSources(copy.resolve("java")), List.of(nnApiLocation()), classes);
    if (!compilation.succeeded()) {
      throw new AssertionError("the renamed plugin example does not compile:\n" + compilation.diagnostics());
    }
    Path jar = dir.resolve("target").resolve("renamed.jar");
    pack(jar, List.of(classes, copy.resolve("resources")));
    return jar;
  }

  /**
   * A plugin jar of the given sources, compiled as the example is (against nn-api alone), into
   * {@code dir/target/<jarName>.jar}: for plugins that are wrong on purpose.
   *
   * @param sources fully qualified class name → source text
   * @param services SPI interface name → provider class names, one a line
   */
  public static Path buildOf(Path dir, String jarName, Map<String, String> sources, Map<String, String> services)
      throws IOException {
    Path src = dir.resolve(jarName + "-src");
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', File.separatorChar) + ".java");
      Files.createDirectories(file.getParent());
      files.add(Files.writeString(file, e.getValue()));
    }
    Path resources = dir.resolve(jarName + "-resources");
    for (Map.Entry<String, String> e : services.entrySet()) {
      Path file = resources.resolve("META-INF").resolve("services").resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
    }
    Path classes = dir.resolve(jarName + "-classes");
    Compilation compilation = compile(files, List.of(nnApiLocation()), classes);
    if (!compilation.succeeded()) {
      throw new AssertionError("the plugin " + jarName + " does not compile:\n" + compilation.diagnostics());
    }
    Path jar = dir.resolve("target").resolve(jarName + ".jar");
    pack(jar, List.of(classes, resources));
    return jar;
  }

  /**
   * A copy of {@code jar} that also carries nn-api's {@code PluginProvider}: what a plugin jar looks like when
   * its author declared nn-api in compile scope and shaded it.
   */
  public static Path withBundledApi(Path jar, Path bundled) throws IOException {
    try (JarFile source = new JarFile(jar.toFile());
        OutputStream file = Files.newOutputStream(bundled);
        JarOutputStream out = new JarOutputStream(file, new Manifest(source.getManifest()))) {
      for (JarEntry entry : Collections.list(source.entries())) {
        if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
          out.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = source.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
      out.putNextEntry(new JarEntry("dev/nn/spi/PluginProvider.class"));
      try (InputStream in = PluginProvider.class.getResourceAsStream("PluginProvider.class")) {
        in.transferTo(out);
      }
      out.closeEntry();
    }
    return bundled;
  }

  /** The jar or class directory this JVM loaded nn-api from: the only thing a plugin compiles against. */
  static Path nnApiLocation() {
    return location(PluginProvider.class);
  }

  /** The jar or class directory {@code type} was loaded from. */
  static Path location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  /** Every {@code .java} file under {@code root}, sorted. */
  static List<Path> javaSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }

  /**
   * Runs the system Java compiler with {@code --release 17 -Xlint:all -Werror} and exactly
   * {@code classPath}; without an explicit class path javac would fall back to this JVM's, which holds
   * every nn module.
   */
  static Compilation compile(List<Path> sources, List<Path> classPath, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
    }
    Files.createDirectories(out);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8",
        "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
        "-d", out.toString());
    boolean succeeded;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      succeeded = javac.getTask(null, files, diagnostics, options, null, units).call();
    }
    StringBuilder report = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      report.append(d.getKind()).append(' ')
          .append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
          .append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return new Compilation(succeeded, report.toString());
  }

  /**
   * Writes a jar of every file under {@code roots}, in sorted order, after a manifest with
   * Implementation-Title and Implementation-Version.
   *
   * @param roots directories whose contents become the jar's root. Not modified.
   */
  private static void pack(Path jar, List<Path> roots) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.IMPLEMENTATION_TITLE, "acme-nn-plugins");
    main.put(Attributes.Name.IMPLEMENTATION_VERSION, VERSION);
    Files.createDirectories(jar.getParent());
    Set<String> written = new HashSet<>();
    written.add("META-INF/");
    written.add("META-INF/MANIFEST.MF");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Path root : roots) {
        for (Path p : filesUnder(root)) {
          String name = root.relativize(p).toString().replace(File.separatorChar, '/');
          addDirectories(out, name, written);
          if (written.add(name)) {
            out.putNextEntry(entry(name));
            Files.copy(p, out);
            out.closeEntry();
          }
        }
      }
    }
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** Adds the entries of {@code name}'s parent directories not yet written, outermost first. */
  private static void addDirectories(JarOutputStream out, String name, Set<String> written) throws IOException {
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      String directory = name.substring(0, slash + 1);
      if (written.add(directory)) {
        out.putNextEntry(entry(directory));
        out.closeEntry();
      }
    }
  }

  private static JarEntry entry(String name) {
    JarEntry e = new JarEntry(name);
    e.setLastModifiedTime(ENTRY_TIME);
    return e;
  }
}
