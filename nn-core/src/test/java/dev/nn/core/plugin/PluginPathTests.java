package dev.nn.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.testing.PluginJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of plugin path entry a class loader would skip without a word is named, with what is wrong. */
class PluginPathTests {
  private static final String SPI = "dev.nn.spi.ActivationProvider";

  @TempDir
  Path dir;

  private Path goodJar(String name) throws Exception {
    Path build = Files.createDirectories(dir.resolve("build-" + name));
    return PluginJars.build(build, name, Map.of("com.acme.Linear",
        PluginJars.activationProvider("com.acme", "Linear", "acme-linear")), Map.of(SPI, "com.acme.Linear\n"));
  }

  private static String problemOf(Path entry) {
    PluginPathException e = assertThrows(PluginPathException.class, () -> PluginPath.of(List.of(entry)));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aWholeJarIsAccepted() throws Exception {
    Path jar = goodJar("acme");
    assertEquals(List.of(jar), PluginPath.of(List.of(jar)).jars());
  }

  /**
   * A service file named after something of nn's that is not a provider interface would make the plugin vanish
   * without a word: it is refused naming the file and the names nn reads. A jar without service files (a library a
   * plugin uses) is fine.
   */
  @Test
  void aMisnamedServiceFileIsNamedWithTheNamesNnReads() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build-misnamed"));
    Path jar = PluginJars.build(build, "misnamed", Map.of("com.acme.Linear",
        PluginJars.activationProvider("com.acme", "Linear", "acme-linear")),
        Map.of("dev.nn.api.ActivationProvider", "com.acme.Linear\n"));
    assertEquals(jar + ": has the service file META-INF/services/dev.nn.api.ActivationProvider, which nn does not"
        + " read, so its providers would not be found; name it after the provider interface:"
        + " META-INF/services/dev.nn.spi.ActivationProvider (spelt exactly so, in that case), if it lists activation"
        + " providers; otherwise META-INF/services/ followed by one of dev.nn.spi.ActivationProvider,"
        + " dev.nn.spi.LossProvider, dev.nn.spi.OptimizerProvider, dev.nn.spi.InitializerProvider", problemOf(jar));
    // each misnamed file of a jar at once, a name like none of nn's without a guess
    Path three = PluginJars.build(Files.createDirectories(dir.resolve("build-three")), "three", Map.of(
        "com.acme.Linear", PluginJars.activationProvider("com.acme", "Linear", "acme-linear")),
        Map.of("dev.nn.spi.activationprovider", "com.acme.Linear\n", "dev.nn.spi.LossProviders", "com.acme.Linear\n",
            "dev.nn.Plugins", "com.acme.Linear\n"));
    String problem = problemOf(three);
    assertEquals(3, problem.split("; and the service file ").length, problem);
    assertTrue(problem.contains("META-INF/services/dev.nn.spi.activationprovider, which nn does not read, so its"
        + " providers would not be found; name it after the provider interface:"
        + " META-INF/services/dev.nn.spi.ActivationProvider (spelt exactly so, in that case), if it lists activation"
        + " providers;"), problem);
    assertTrue(problem.contains("META-INF/services/dev.nn.spi.LossProviders, which nn does not read, so its"
        + " providers would not be found; name it after the provider interface:"
        + " META-INF/services/dev.nn.spi.LossProvider (spelt"), problem);
    assertTrue(problem.contains("META-INF/services/dev.nn.Plugins, which nn does not read, so its providers would"
        + " not be found; name it after the provider interface: META-INF/services/ followed by one of"), problem);
    // a misnamed copy beside the file it was meant to be is a spare: the jar is whole
    Path spare = PluginJars.build(Files.createDirectories(dir.resolve("build-spare")), "spare", Map.of(
        "com.acme.Linear", PluginJars.activationProvider("com.acme", "Linear", "acme-linear")),
        Map.of("dev.nn.api.ActivationProvider", "com.acme.Linear\n", "dev.nn.spi.ActivationProvider",
            "com.acme.Linear\n"));
    assertEquals(List.of(spare), PluginPath.of(List.of(spare)).jars());
    // a misnamed file and a misplaced one, both told in the one message
    Path both = PluginJars.build(Files.createDirectories(dir.resolve("build-both")), "both", Map.of(
        "com.acme.Linear", PluginJars.activationProvider("com.acme", "Linear", "acme-linear")),
        Map.of("dev.nn.api.ActivationProvider", "com.acme.Linear\n"));
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(both)) {
      Files.createDirectories(zip.getPath("META-INF/service"));
      Files.writeString(zip.getPath("META-INF/service/dev.nn.spi.LossProvider"), "com.acme.Linear\n");
    }
    String told = problemOf(both);
    assertTrue(told.contains("META-INF/services/dev.nn.api.ActivationProvider, which nn does not read")
        && told.contains("; and the service file META-INF/service/dev.nn.spi.LossProvider in the folder"), told);
    Path library = PluginJars.build(Files.createDirectories(dir.resolve("build-library")), "library",
        Map.of("com.acme.Helper", "package com.acme; public final class Helper {}\n"), Map.of());
    assertEquals(List.of(library), PluginPath.of(List.of(library)).jars());
  }

  /**
   * A services file in a misspelt folder (META-INF/service/, meta-inf/services/) or outside META-INF is never read by
   * ServiceLoader: it is refused as a misnamed file is, naming the file and where it goes. A spare copy beside the
   * one at the right place is fine.
   */
  @Test
  void aServiceFileInAMisspeltFolderIsNamedWithWhereItGoes() throws Exception {
    Path jar = goodJar("acme");
    String right = "META-INF/services/" + SPI;
    for (String folder : List.of("META-INF/service/", "meta-inf/services/", "services/")) {
      Path moved = renamed(jar, folder.replace('/', '-') + ".jar", Map.of(right, folder + SPI));
      assertEquals(moved + ": has the service file " + folder + SPI + " in the folder " + folder + ", where"
          + " ServiceLoader does not look, so its providers would not be found; move it to " + right + " (spelt exactly"
          + " so, in that case)", problemOf(moved));
    }
    // each misplaced file of a jar at once
    Path lower = renamed(goodJar("acme-three"), "lower.jar", Map.of(right, "meta-inf/services/" + SPI));
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(lower)) {
      Files.writeString(zip.getPath("meta-inf/services/dev.nn.spi.LossProvider"), "com.acme.Linear\n");
    }
    assertEquals(lower + ": has the service file meta-inf/services/" + SPI + " in the folder meta-inf/services/, where"
        + " ServiceLoader does not look, so its providers would not be found; move it to " + right + " (spelt exactly"
        + " so, in that case); and the service file meta-inf/services/dev.nn.spi.LossProvider in the folder"
        + " meta-inf/services/, where ServiceLoader does not look, so its providers would not be found; move it to"
        + " META-INF/services/dev.nn.spi.LossProvider (spelt exactly so, in that case)", problemOf(lower));
    Path both = renamed(jar, "both.jar", Map.of(right, "META-INF/service/dev.nn.api.ActivationProvider"));
    assertEquals(both + ": has the service file META-INF/service/dev.nn.api.ActivationProvider in the folder"
        + " META-INF/service/, where ServiceLoader does not look, so its providers would not be found; move it to"
        + " META-INF/services/ and name it after the provider interface, one of dev.nn.spi.ActivationProvider,"
        + " dev.nn.spi.LossProvider, dev.nn.spi.OptimizerProvider, dev.nn.spi.InitializerProvider (spelt exactly so,"
        + " in that case)", problemOf(both));
    Path spare = renamed(jar, "spare.jar", Map.of());
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(spare)) {
      Path copy = zip.getPath("src/main/resources/META-INF/services/" + SPI);
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, "com.acme.Linear\n");
    }
    assertEquals(List.of(spare), PluginPath.of(List.of(spare)).jars());
  }

  /** A copy of {@code jar} named {@code name} whose entries {@code names} names are renamed so. */
  private Path renamed(Path jar, String name, Map<String, String> names) throws Exception {
    Path out = dir.resolve(name);
    try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile());
        JarOutputStream o = new JarOutputStream(Files.newOutputStream(out))) {
      for (JarEntry e : java.util.Collections.list(in.entries())) {
        o.putNextEntry(new JarEntry(names.getOrDefault(e.getName(), e.getName())));
        in.getInputStream(e).transferTo(o);
        o.closeEntry();
      }
    }
    return out;
  }

  @Test
  void aFileThatIsNotAZipIsNamed() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.jar"), "these are not classes\n");
    assertEquals(notes + ": is not a jar file (a jar is a zip archive)", problemOf(notes));
  }

  @Test
  void anEmptyFileIsNamed() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jar"));
    assertEquals(empty + ": is empty (0 bytes), not a jar file", problemOf(empty));
  }

  @Test
  void aJarCutShortIsNamed() throws Exception {
    byte[] whole = Files.readAllBytes(goodJar("acme"));
    Path cut = Files.write(dir.resolve("cut.jar"), Arrays.copyOf(whole, whole.length / 2));
    String message = problemOf(cut);
    assertTrue(message.startsWith(cut + ": is a truncated or damaged jar ("), message);
  }

  @Test
  void aJarDamagedInsideIsNamedWithTheEntry() throws Exception {
    byte[] text = "com.acme.Linear\n".getBytes(StandardCharsets.UTF_8);
    Path jar = dir.resolve("damaged.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      JarEntry entry = new JarEntry("META-INF/services/" + SPI);
      entry.setMethod(ZipEntry.STORED); // stored, so that its bytes can be found and changed below
      CRC32 crc = new CRC32();
      crc.update(text);
      entry.setCrc(crc.getValue());
      entry.setSize(text.length);
      out.putNextEntry(entry);
      out.write(text);
      out.closeEntry();
    }
    byte[] bytes = Files.readAllBytes(jar);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("com.acme.Linear\n");
    bytes[at] = 'k'; // one byte changed on disk: the entry's CRC no longer matches
    Files.write(jar, bytes);
    String message = problemOf(jar);
    assertTrue(message.startsWith(jar + ": is a damaged jar: its entry META-INF/services/" + SPI
        + " cannot be read ("), message);
  }

  @Test
  void everyBadEntryIsNamedInOneMessageAlsoInsideADirectory() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(goodJar("acme"), plugins.resolve("acme.jar"));
    Path empty = Files.createFile(plugins.resolve("b-empty.jar"));
    Path text = Files.writeString(plugins.resolve("c-text.jar"), "hello");
    Files.writeString(plugins.resolve("README.txt"), "not a jar, and not named like one: not a plugin");
    Path missing = dir.resolve("missing.jar");
    PluginPathException e = assertThrows(PluginPathException.class, () -> PluginPath.of(List.of(plugins, missing)));
    assertEquals(List.of(empty + ": is empty (0 bytes), not a jar file",
        text + ": is not a jar file (a jar is a zip archive)",
        missing + ": plugin path entry does not exist"), e.problems());
    assertEquals("3 plugin path entries cannot be used:\n  " + String.join("\n  ", e.problems()), e.getMessage());
  }

  @Test
  void aDirectorysJarsAreTakenInNameOrder() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = goodJar("acme");
    Files.copy(jar, plugins.resolve("b.jar"));
    Files.copy(jar, plugins.resolve("a.jar"));
    assertEquals(List.of(plugins.resolve("a.jar"), plugins.resolve("b.jar")), PluginPath.of(List.of(plugins)).jars());
  }

  @Test
  void oneJarNamedTwiceIsOneJarAndNotTwoVersions() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = Files.copy(goodJar("acme"), plugins.resolve("acme.jar"));
    Path otherSpelling = plugins.resolve(".").resolve("acme.jar");
    PluginPath path = PluginPath.of(List.of(jar, plugins, otherSpelling));
    assertEquals(List.of(jar), path.jars());
    // loads without a duplicate: the registry sees the jar once
    assertTrue(PluginRegistry.load(path.classLoader(getClass().getClassLoader())).names(PluginKind.ACTIVATION)
        .contains("acme-linear"));
  }
}
