package dev.nn.core.plugin;

import dev.nn.core.text.ControlCharacters;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds nn-api's classes a second time on a class loader: a plugin jar that bundles nn-api, whole or in part (a
 * shaded jar whose filter kept dev.nn.api but not dev.nn.spi). Loading is parent-first, so such a copy is harmless
 * today, but it is another build of nn's interfaces riding along with the plugin: a jar built so is refused, naming
 * it and the classes it holds, rather than accepted until some class loader prefers it.
 */
final class BundledApi {
  private static final String ALLOWED = "plugin jars must not bundle nn-api; declare it with <scope>provided</scope>"
      + " (a shaded jar leaves out dev.nn.api and dev.nn.spi)";
  /** How many of a copy's classes a message names; the rest are counted. */
  private static final int NAMED = 3;

  private BundledApi() {}

  /** One problem for each jar or directory other than nn's own nn-api that holds any class nn-api ships. */
  static List<ConfigProblem> problems(ClassLoader loader) {
    String own = PluginRegistry.origin(PluginProvider.class);
    Map<String, List<String>> copies = new LinkedHashMap<>();
    for (String resource : apiClasses()) {
      List<URL> found;
      try {
        found = Collections.list(loader.getResources(resource));
      } catch (IOException e) {
        continue; // cannot list resources: nothing to check
      }
      for (URL url : found) {
        String where = PluginRegistry.containerOf(url, resource);
        if (!where.equals(own)) {
          copies.computeIfAbsent(where, w -> new ArrayList<>()).add(className(resource));
        }
      }
    }
    List<ConfigProblem> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> copy : copies.entrySet()) {
      problems.add(ConfigProblem.of(ProblemId.BUNDLED_API, "", "nn-api is on the "
          + (onPluginPath(loader, copy.getKey()) ? "plugin path" : "class path") + " a second time: "
          + ControlCharacters.escape(copy.getKey()) + " holds " + named(copy.getValue()) + ", which nn has from "
          + ControlCharacters.escape(own), ALLOWED));
    }
    return problems;
  }

  /**
   * "its class dev.nn.spi.PluginProvider", "9 of its classes (dev.nn.api.Activation, … and 6 more)", "all 21 of its
   * classes".
   */
  private static String named(List<String> classes) {
    if (classes.size() == 1) {
      return "its class " + classes.get(0);
    }
    if (classes.size() == apiClasses().size()) {
      return "all " + classes.size() + " of its classes";
    }
    List<String> shown = classes.subList(0, Math.min(NAMED, classes.size()));
    int more = classes.size() - shown.size();
    return classes.size() + " of its classes (" + String.join(", ", shown)
        + (more == 0 ? "" : " and " + more + " more") + ")";
  }

  /**
   * Whether {@code container} is one of the jars {@code loader} itself adds (the plugin path's loader adds its
   * jars to nn's), rather than one it has from its parent, the class path nn runs from.
   */
  private static boolean onPluginPath(ClassLoader loader, String container) {
    if (!(loader instanceof URLClassLoader) || loader == PluginProvider.class.getClassLoader()) {
      return false;
    }
    for (URL url : ((URLClassLoader) loader).getURLs()) {
      if (PluginRegistry.fileOf(url.toString()).equals(container)) {
        return true;
      }
    }
    return false;
  }

  private static String className(String resource) {
    return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
  }

  /**
   * The resource name of every class of nn's own nn-api, in its packages dev.nn.api and dev.nn.spi
   * ("dev/nn/spi/PluginProvider.class"), read from its jar or class directory; that one class alone when neither can
   * be read.
   */
  static List<String> apiClasses() {
    return ApiClasses.ALL;
  }

  /** Read once: nn-api does not change while nn runs. */
  private static final class ApiClasses {
    static final List<String> ALL = read();

    private static List<String> read() {
      String fallback = PluginProvider.class.getName().replace('.', '/') + ".class";
      Path location;
      try {
        location = Path.of(PluginProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (java.net.URISyntaxException | RuntimeException e) {
        return List.of(fallback);
      }
      List<String> names = new ArrayList<>();
      try {
        if (Files.isDirectory(location)) {
          try (Stream<Path> files = Files.walk(location)) {
            files.filter(f -> f.toString().endsWith(".class"))
                .map(f -> location.relativize(f).toString().replace('\\', '/')).forEach(names::add);
          }
        } else {
          try (JarFile jar = new JarFile(location.toFile())) {
            jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(names::add);
          }
        }
      } catch (IOException e) {
        return List.of(fallback);
      }
      // nn-api's packages only: where nn runs from one jar of everything, its other classes are not nn-api's
      names.removeIf(n -> !n.startsWith("dev/nn/api/") && !n.startsWith("dev/nn/spi/"));
      Collections.sort(names);
      return names.isEmpty() ? List.of(fallback) : List.copyOf(names);
    }
  }
}
