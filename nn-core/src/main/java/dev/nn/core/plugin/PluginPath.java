package dev.nn.core.plugin;

import dev.nn.core.text.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The plugin path: jars, and directories whose {@code *.jar} files are all plugins, checked before any is
 * put on a class loader. A class loader skips a jar it cannot open without a word, so a file that is empty,
 * not a zip at all, cut short by an interrupted copy, or damaged would make its plugins vanish; here each
 * such entry is named with what is wrong instead.
 */
public final class PluginPath {
  private static final System.Logger LOG = System.getLogger(PluginPath.class.getName());
  private static final String NOT_A_JAR = "is not a jar file (a jar is a zip archive)";

  private final List<Path> jars;

  private PluginPath(List<Path> jars) {
    this.jars = List.copyOf(jars);
  }

  /**
   * Checks every entry and every jar of every directory entry; a directory's jars are taken in name order.
   *
   * @throws PluginPathException naming every entry that is missing, and every jar that is empty, not a
   *     zip archive, truncated or damaged, or cannot be read
   */
  public static PluginPath of(List<Path> entries) {
    List<Path> jars = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.exists(entry)) {
        problems.add(entry + ": plugin path entry does not exist");
      } else if (Files.isDirectory(entry)) {
        for (Path jar : jarsIn(entry, problems)) {
          check(jar, jars, problems);
        }
      } else {
        check(entry, jars, problems);
      }
    }
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        LOG.log(System.Logger.Level.WARNING, () -> "plugin path refused: " + problem);
      }
      throw new PluginPathException(problems);
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "plugin path: " + jars);
    return new PluginPath(jars);
  }

  /**
   * A warning for each directory among {@code entries} that holds no {@code *.jar} file, which would add no plugin
   * without a word: an empty directory, a class directory such as {@code target/classes} (nn loads plugins from
   * jars only, so that a run can record each one's SHA-256), or one whose jars are named {@code .JAR}; and for a
   * directory whose {@code .JAR} files sit beside {@code .jar} ones, which would be left out as silently.
   */
  public static List<String> directoriesWithoutJars(List<Path> entries) {
    List<String> notices = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.isDirectory(entry)) {
        continue;
      }
      List<String> names;
      try (Stream<Path> files = Files.list(entry)) {
        names = files.map(f -> f.getFileName().toString()).sorted().toList();
      } catch (IOException e) {
        continue; // of(entries) names a directory it cannot list
      }
      List<String> otherCase = names.stream().filter(n -> !n.endsWith(".jar")
          && n.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")).toList();
      if (names.stream().anyMatch(n -> n.endsWith(".jar"))) {
        if (!otherCase.isEmpty()) {
          notices.add("plugin path entry " + ControlCharacters.escape(entry.toString()) + " holds "
              + String.join(", ", otherCase.stream().map(ControlCharacters::escape).toList()) + ", not taken as only"
              + " names ending in .jar (lowercase) are; rename " + (otherCase.size() == 1 ? "it" : "them"));
        }
        continue;
      }
      String what = "plugin path entry " + ControlCharacters.escape(entry.toString()) + " is a directory without a"
          + " *.jar file, so it adds no plugin";
      if (!otherCase.isEmpty()) {
        notices.add(what + ": " + ControlCharacters.escape(otherCase.get(0)) + " is not taken, as only names ending in"
            + " .jar (lowercase) are; rename it");
      } else if (Files.isDirectory(entry.resolve("META-INF").resolve("services"))) {
        notices.add(what + ": it holds META-INF/services, like a class directory, but nn loads plugins from jars only;"
            + " give the jar your build makes (or: jar cf plugin.jar -C " + ControlCharacters.escape(entry.toString())
            + " .)");
      } else {
        notices.add(what + (names.isEmpty() ? " (it is empty)" : ""));
      }
    }
    return notices;
  }

  /** The jars, in the order their classes are looked up. */
  public List<Path> jars() {
    return jars;
  }

  /** A class loader over the jars whose parent is {@code parent}, the loader of nn and its built-ins. */
  public ClassLoader classLoader(ClassLoader parent) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = url(jars.get(i));
    }
    return new URLClassLoader(urls, parent);
  }

  /**
   * The jars {@code entries} stand for as they are now, each once, absolute: an entry that is a file, or a
   * directory's {@code *.jar} files in name order. Unlike {@link #of}, nothing is checked: a missing entry stands for
   * no jar. What a record of the jars a run or sweep used is made from.
   */
  public static List<Path> jarsNamedBy(List<Path> entries) {
    java.util.Set<Path> jars = new java.util.LinkedHashSet<>();
    for (Path entry : entries) {
      if (Files.exists(entry)) {
        for (Path jar : jarsOf(entry)) {
          if (Files.isRegularFile(jar)) {
            jars.add(jar.toAbsolutePath().normalize());
          }
        }
      }
    }
    return List.copyOf(jars);
  }

  /**
   * The jars a plugin path entry stands for: the entry itself, or a directory's {@code *.jar} files in name order;
   * none for a directory that cannot be listed (reading the path names it).
   */
  static List<Path> jarsOf(Path entry) {
    return Files.isDirectory(entry) ? jarsIn(entry, new ArrayList<>()) : List.of(entry);
  }

  private static List<Path> jarsIn(Path directory, List<String> problems) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      problems.add(directory + ": the plugin directory cannot be listed (" + reason(e) + ")");
      return Collections.emptyList();
    }
  }

  /** Adds {@code jar} to {@code jars} if it is a whole, readable zip archive, else says why to {@code problems}. */
  private static void check(Path jar, List<Path> jars, List<String> problems) {
    for (Path earlier : jars) {
      if (sameFile(earlier, jar)) {
        return; // one file named twice (directly and in its directory, or by two spellings) is one jar
      }
    }
    String problem = problemOf(jar);
    if (problem == null) {
      // as the path reads without "." and "..": what a plugin's origin shows, and what it is compared by
      jars.add(jar.toAbsolutePath().normalize());
    } else {
      problems.add(jar + ": " + problem);
    }
  }

  /** Whether {@code a} and {@code b} name one file; false when either cannot be read. */
  static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** What is wrong with the file, or {@code null} when it is a jar whose every entry reads back whole. */
  static String problemOf(Path jar) {
    if (Files.isDirectory(jar)) {
      return "is a directory, not a jar file";
    }
    try {
      if (Files.size(jar) == 0) {
        return "is empty (0 bytes), not a jar file";
      }
      if (!startsLikeAZip(jar)) {
        return NOT_A_JAR;
      }
    } catch (IOException e) {
      return "cannot be read (" + reason(e) + ")";
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> names = new ArrayList<>();
      // reading every entry checks its length and CRC: a jar cut short or damaged inside fails here
      for (ZipEntry entry : Collections.list(zip.entries())) {
        names.add(entry.getName());
        String damage = damageOf(zip, entry);
        if (damage != null) {
          return "is a damaged jar: its entry " + ControlCharacters.escape(entry.getName()) + " cannot be read ("
              + damage + ")";
        }
      }
      java.util.Set<String> all = java.util.Set.copyOf(names);
      // every such file at once, misnamed and misplaced: a jar of three plugins packed with one mistake has it thrice
      List<String> told = new ArrayList<>();
      names.stream().map(n -> misnamedService(n, all)).filter(java.util.Objects::nonNull).forEach(told::add);
      told.addAll(MisplacedServicesFile.in(names, SERVICES));
      return told.isEmpty() ? null : "has " + String.join("; and ", told);
    } catch (IOException e) {
      return "is a truncated or damaged jar (" + reason(e) + ")";
    }
  }

  /** The service files nn reads, one per kind of plugin. */
  static final List<String> SERVICES = List.of("dev.nn.spi.ActivationProvider", "dev.nn.spi.LossProvider",
      "dev.nn.spi.OptimizerProvider", "dev.nn.spi.InitializerProvider");

  /**
   * Why a service file meant for nn would be passed over — {@code META-INF/services/dev.nn.api.ActivationProvider},
   * a name of nn's that is not one of its provider interfaces — after "has", with the name it was most likely
   * meant to have; or null: ServiceLoader would silently find nothing, and the plugin would only be missed later, as
   * an unknown name. A jar without any service file is a library a plugin uses, and fine.
   */
  static String misnamedService(String entry, java.util.Set<String> entries) {
    String prefix = "META-INF/services/";
    if (!entry.startsWith(prefix) || entry.endsWith("/")) {
      return null;
    }
    String service = entry.substring(prefix.length());
    if (!service.startsWith("dev.nn.") || SERVICES.contains(service)) {
      return null;
    }
    List<String> meant = dev.nn.core.text.Suggestions.closest(service, SERVICES);
    if (meant.size() == 1 && entries.contains(prefix + meant.get(0))) {
      return null; // a spare copy beside the file it was meant to be, which ServiceLoader reads
    }
    return "the service file " + ControlCharacters.escape(entry) + ", which nn does not read, so its providers"
        + " would not be found; name it after the provider interface: " + (meant.size() == 1 ? prefix + meant.get(0)
            + " (spelt exactly so, in that case), if it lists " + meant.get(0).substring("dev.nn.spi.".length())
            .replace("Provider", "").toLowerCase(java.util.Locale.ROOT) + " providers; otherwise " : "") + "META-INF/services/ followed by one of " + String.join(", ", SERVICES);
  }

  /** Why an entry's bytes are not what the archive recorded of them (ZipFile does not check CRCs), or null. */
  private static String damageOf(ZipFile zip, ZipEntry entry) {
    CRC32 crc = new CRC32();
    long length;
    try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
      length = in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      return reason(e);
    }
    if (entry.getSize() >= 0 && length != entry.getSize()) {
      return "it holds " + length + " bytes, the archive records " + entry.getSize();
    }
    if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
      return "its CRC does not match the one the archive records";
    }
    return null;
  }

  private static boolean startsLikeAZip(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, head.length) < head.length) {
        return false;
      }
    }
    // "PK" then 3 4 (a local file header) or 5 6 (the end record of an archive without entries)
    return head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : ControlCharacters.escape(e.getMessage());
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(p + " is not a valid path", e);
    }
  }
}
