package dev.nn.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.core.testing.PluginJars;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers that ServiceLoader cannot load or create, in real jars: each is one line naming the class, its jar and
 * what to do, in words of its own rather than the JDK's, and the jar's other providers still load.
 */
class UnloadableProviderTests {
  private static final String ACTIVATIONS = "dev.nn.spi.ActivationProvider";

  @TempDir
  Path dir;

  private static URLClassLoader loader(Path... jars) throws Exception {
    return PluginJars.loader(jars);
  }

  /** An identity activation provider {@code com.acme.<cls>}, declared with {@code header}, plus {@code extra}. */
  private static String provider(String header, String cls, String name, String extra) {
    return "package com.acme;\n"
        + "import dev.nn.api.Activation;\n"
        + "import dev.nn.spi.ActivationProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + header + " class " + cls + " implements ActivationProvider {\n"
        + extra
        + "  public String name() { return \"" + name + "\"; }\n"
        + "  public String summary() { return \"z\"; }\n"
        + "  public Activation create(Settings s) {\n"
        + "    return new Activation() {\n"
        + "      public double phi(double z) { return com.acme.Lib.same(z); }\n"
        + "      public double phiPrime(double z, double x) { return 1; }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }

  /** A copy of {@code jar} with each entry's bytes as {@code change} gives them (null leaves the entry out). */
  private Path rewritten(Path jar, String name, BiFunction<String, byte[], byte[]> change) throws IOException {
    Path out = dir.resolve(name);
    try (JarFile in = new JarFile(jar.toFile()); JarOutputStream o = new JarOutputStream(Files.newOutputStream(out))) {
      for (JarEntry e : java.util.Collections.list(in.entries())) {
        byte[] bytes;
        try (InputStream s = in.getInputStream(e)) {
          bytes = change.apply(e.getName(), s.readAllBytes());
        }
        if (bytes != null) {
          o.putNextEntry(new JarEntry(e.getName()));
          o.write(bytes);
          o.closeEntry();
        }
      }
    }
    return out;
  }

  @Test
  void eachProviderThatCannotBeCreatedIsNamedWithItsJarAndWhatToDo() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com.acme.Lib", "package com.acme;\npublic class Lib {\n  public static double same(double z) {"
        + " return z; }\n}\n");
    sources.put("com.acme.LibBase", "package com.acme;\npublic abstract class LibBase {}\n");
    sources.put("com.acme.Good", provider("public final", "Good", "good", ""));
    sources.put("com.acme.NoNoArg", provider("public final", "NoNoArg", "no-no-arg",
        "  public NoNoArg(double scale) {}\n"));
    sources.put("com.acme.Hidden", provider("final", "Hidden", "hidden", ""));
    sources.put("com.acme.StaticThrows", provider("public final", "StaticThrows", "static-throws",
        "  static final int X = Integer.parseInt(\"not a number\");\n"));
    sources.put("com.acme.CtorThrows", provider("public final", "CtorThrows", "ctor-throws",
        "  public CtorThrows() { throw new IllegalStateException(\"licence file /etc/acme.lic not found\"); }\n"));
    sources.put("com.acme.NeedsBase", provider("public final", "NeedsBase extends LibBase", "needs-base", "")
        .replace("class NeedsBase extends LibBase implements", "class NeedsBase extends com.acme.LibBase implements"));
    sources.put("com.acme.Newer", provider("public final", "Newer", "newer", ""));
    Path built = PluginJars.build(dir, "built", sources, Map.of(ACTIVATIONS,
        "com.acme.NoNoArg\ncom.acme.Hidden\ncom.acme.StaticThrows\ncom.acme.CtorThrows\ncom.acme.NeedsBase\ncom.acme.Newer\ncom.acme.Good\n"));
    // the library's classes left out of the plugin's jar; one class marked as compiled for Java 21 (major 65)
    Path jar = rewritten(built, "acme.jar", (name, bytes) -> {
      if (name.startsWith("com/acme/Lib")) {
        return null;
      }
      if (name.equals("com/acme/Newer.class")) {
        bytes[6] = 0;
        bytes[7] = 65;
      }
      return bytes;
    });
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      assertEquals(List.of("good"), List.copyOf(registry.names(PluginKind.ACTIVATION)).stream()
          .filter(n -> !PluginRegistry.loadDefault().names(PluginKind.ACTIVATION).contains(n)).toList());
      String failed = "activation provider failed to load: ";
      String from = " from " + jar.toUri().getPath() + " ";
      assertEquals(List.of(
          failed + "com.acme.NoNoArg" + from + "has no public no-argument constructor: add one, which ServiceLoader"
              + " calls to create the provider",
          failed + "com.acme.Hidden" + from + "is not a public class: make it public (ServiceLoader creates a"
              + " provider through a public class's public no-argument constructor)",
          failed + "com.acme.StaticThrows" + from + "could not be initialized: its static initializer threw"
              + " java.lang.NumberFormatException: For input string: \"not a number\"",
          failed + "com.acme.CtorThrows" + from + "could not be created: its constructor threw"
              + " java.lang.IllegalStateException: licence file /etc/acme.lic not found (ServiceLoader creates every"
              + " provider when nn starts: work that can fail belongs in create())",
          failed + "com.acme.NeedsBase" + from + "needs the class com.acme.LibBase, which is not on the plugin path:"
              + " put the jar that holds it on the plugin path too (a jar without service files is taken as a"
              + " library)",
          failed + "com.acme.Newer" + from + "was compiled for Java 21 (class file version 65), but nn runs on Java "
              + Runtime.version().feature() + (Runtime.version().feature() == 17 ? "" : " (and needs only Java 17)")
              + ": compile the plugin with --release 17"),
          registry.failures());
    }
  }

  @Test
  void aLibraryClassMissingWhenThePluginRunsIsNamedWithWhatToDo() throws Exception {
    Path built = PluginJars.build(dir, "built", Map.of(
        "com.acme.Lib", "package com.acme;\npublic class Lib {\n  public static double same(double z) { return z; }\n}\n",
        "com.acme.Uses", provider("public final", "Uses", "uses-lib", "")), Map.of(ACTIVATIONS, "com.acme.Uses\n"));
    Path jar = rewritten(built, "uses.jar", (name, bytes) -> name.startsWith("com/acme/Lib") ? null : bytes);
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      Activation uses = registry.create(PluginKind.ACTIVATION, "uses-lib");
      NoClassDefFoundError thrown = assertThrows(NoClassDefFoundError.class, () -> uses.phi(1.0));
      String message = registry.blame(thrown, "during training").orElseThrow().getMessage();
      assertTrue(message.startsWith("activation \"uses-lib\" from " + jar.toUri().getPath() + " threw"
          + " NoClassDefFoundError: com/acme/Lib in φ (phi) during training (at "), message);
      assertTrue(message.endsWith("; it needs the class com.acme.Lib, which is not on the plugin path: put the jar"
          + " that holds it on the plugin path too (a jar without service files is taken as a library)"), message);
    }
  }

  /** A library class built for a newer Java than nn runs on, met as the plugin runs: named with what to do. */
  @Test
  void aLibraryClassForANewerJavaIsNamedWithWhatToDo() throws Exception {
    Path built = PluginJars.build(dir, "built-newer", Map.of(
        "com.acme.Lib", "package com.acme;\npublic class Lib {\n  public static double same(double z) { return z; }\n}\n",
        "com.acme.Uses", provider("public final", "Uses", "uses-lib", "")), Map.of(ACTIVATIONS, "com.acme.Uses\n"));
    Path jar = rewritten(built, "uses-newer.jar", (name, bytes) -> {
      if (name.equals("com/acme/Lib.class")) {
        bytes[6] = 0;
        bytes[7] = 65;
      }
      return bytes;
    });
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      Activation uses = registry.create(PluginKind.ACTIVATION, "uses-lib");
      UnsupportedClassVersionError thrown = assertThrows(UnsupportedClassVersionError.class, () -> uses.phi(1.0));
      String message = registry.blame(thrown, "during training").orElseThrow().getMessage();
      assertTrue(message.startsWith("activation \"uses-lib\" from " + jar.toUri().getPath() + " threw"
          + " UnsupportedClassVersionError: "), message);
      assertTrue(message.endsWith("; the class it uses was compiled for Java 21 (class file version 65), but nn runs"
          + " on Java " + Runtime.version().feature() + (Runtime.version().feature() == 17 ? ""
              : " (and needs only Java 17)") + ": use a build of that library for Java 17, or compile it with"
          + " --release 17"), message);
    }
  }

  @Test
  void aServicesFileWithAByteOrderMarkIsNamedWithEveryProviderItLoses() throws Exception {
    // as an editor on Windows saves it: a byte-order mark, then the file's two providers
    Path jar = PluginJars.build(dir, "bom", Map.of(
        "com.acme.Lib", "package com.acme;\npublic class Lib {\n  public static double same(double z) { return z; }\n}\n",
        "com.acme.A", provider("public final", "A", "a", ""),
        "com.acme.B", provider("public final", "B", "b", "")), Map.of(ACTIVATIONS, "\uFEFFcom.acme.A\ncom.acme.B\n"));
    try (URLClassLoader cl = loader(jar)) {
      assertEquals(List.of("activation provider failed to load: the services file META-INF/services/" + ACTIVATIONS
          + " of " + jar.toUri().getPath() + " starts with a byte-order mark (\\uFEFF), so ServiceLoader skips the"
          + " whole file and none of the 2 providers it lists load (com.acme.A, com.acme.B): save it as UTF-8"
          + " without a BOM"), PluginRegistry.load(cl).failures());
    }
  }

  /** A provider written as its class file's path is told to be written with dots, not to lose its slashes. */
  @Test
  void aProviderWrittenAsAPathIsToldToUseDots() throws Exception {
    Path jar = PluginJars.build(dir, "slashes", Map.of(
        "com.acme.Lib", "package com.acme;\npublic class Lib {\n  public static double same(double z) { return z; }\n}\n",
        "com.acme.A", provider("public final", "A", "a", "")), Map.of(ACTIVATIONS, "/com/acme/A\n"));
    try (URLClassLoader cl = loader(jar)) {
      assertEquals(List.of("activation provider failed to load: the services file META-INF/services/" + ACTIVATIONS
          + " of " + jar.toUri().getPath() + " holds the character '/' on line 1, which no class name has, so"
          + " ServiceLoader skips the whole file and the provider it lists does not load (com.acme.A): write the"
          + " class's name with dots (com.acme.A)"), PluginRegistry.load(cl).failures());
    }
  }

  /**
   * A class in the wrong kind's services file (a jar with a loss and an activation, a line pasted into the other
   * file) is told which file it belongs in: an activation provider, and an activation itself, in the losses' file; a
   * class that is neither is told what a services file lists.
   */
  @Test
  void aClassListedInTheWrongKindsServicesFileIsToldTheFileItBelongsIn() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com.acme.Lib", "package com.acme;\npublic class Lib {\n  public static double same(double z) {"
        + " return z; }\n}\n");
    sources.put("com.acme.Isru", provider("public final", "Isru", "acme-isru", ""));
    sources.put("com.acme.Squash", "package com.acme;\npublic final class Squash implements dev.nn.api.Activation {\n"
        + "  public double phi(double z) { return z; }\n"
        + "  public double phiPrime(double z, double x) { return 1; }\n}\n");
    Path jar = PluginJars.build(dir, "wrong-kind", sources,
        Map.of("dev.nn.spi.LossProvider", "com.acme.Isru\ncom.acme.Squash\ncom.acme.Lib\n"));
    try (URLClassLoader cl = loader(jar)) {
      String failed = "loss provider failed to load: ";
      String from = " from " + jar.toUri().getPath() + " does not implement dev.nn.spi.LossProvider: ";
      assertEquals(List.of(
          failed + "com.acme.Isru" + from + "it is an activation provider (it implements"
              + " dev.nn.spi.ActivationProvider), so list it in META-INF/services/dev.nn.spi.ActivationProvider, not"
              + " in META-INF/services/dev.nn.spi.LossProvider",
          failed + "com.acme.Squash" + from + "it is an activation itself (it implements dev.nn.api.Activation); list"
              + " the class that creates it (one implementing dev.nn.spi.ActivationProvider) in"
              + " META-INF/services/dev.nn.spi.ActivationProvider, not in META-INF/services/dev.nn.spi.LossProvider",
          failed + "com.acme.Lib" + from + "a service file lists provider classes only (classes that implement"
              + " LossProvider, whose create() builds the plugin)"),
          PluginRegistry.load(cl).failures());
    }
  }
}
