package dev.nn.core.plugin;

import dev.nn.core.text.ControlCharacters;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which jar lists which provider class, read from every {@code META-INF/services} file of one kind that a
 * class loader sees. ServiceLoader loads a provider class once however many jars list it, and the class
 * loader takes it from the first jar that has it: with two versions of one plugin jar on the path, one
 * would win without a word (in a directory, the one whose file name sorts first, usually the older).
 * These listings show such a class, so the registry can refuse it and name both jars.
 */
final class ProviderListings {
  private static final String SERVICES = "META-INF/services/";

  private final PluginKind<?> kind;
  /** Provider class name → the jars or class directories whose services file lists it, in class path order. */
  private final Map<String, Set<String>> origins;
  /** A services file's URL → why ServiceLoader skips it whole, for a file it cannot parse. */
  private final Map<String, String> unparsable;

  private ProviderListings(PluginKind<?> kind, Map<String, Set<String>> origins, Map<String, String> unparsable) {
    this.kind = kind;
    this.origins = origins;
    this.unparsable = unparsable;
  }

  /** Reads every services file of {@code kind} that {@code loader} sees; a file that cannot be read is skipped. */
  static ProviderListings read(ClassLoader loader, PluginKind<?> kind) {
    String resource = SERVICES + kind.providerType().getName();
    Map<String, Set<String>> origins = new LinkedHashMap<>();
    Map<String, String> unparsable = new LinkedHashMap<>();
    List<URL> files;
    try {
      files = Collections.list(loader.getResources(resource));
    } catch (IOException e) {
      return new ProviderListings(kind, origins, unparsable); // ServiceLoader will report what it cannot read
    }
    for (URL file : files) {
      String origin = PluginRegistry.containerOf(file, resource);
      List<String> names = new ArrayList<>();
      ServicesFileText.Unparsable problem = ServicesFileText.read(file, names);
      for (String className : names) {
        origins.computeIfAbsent(className, c -> new LinkedHashSet<>()).add(origin);
      }
      if (problem != null) {
        unparsable.put(file.toString(), "the services file " + resource + " of " + origin + " " + problem.what()
            + ", so ServiceLoader skips the whole file and " + (names.size() == 1 ? "the provider it lists does not"
            + " load (" : "none of the " + names.size() + " providers it lists load (")
            + ControlCharacters.escape(String.join(", ", names)) + "): " + problem.fix());
      }
    }
    return new ProviderListings(kind, origins, unparsable);
  }

  /**
   * Why ServiceLoader skipped the services file a ServiceLoader error message names (one holding a byte-order
   * mark or another character no class name has), when it is one of these.
   */
  Optional<String> unparsableFileNamedIn(String message) {
    for (Map.Entry<String, String> e : unparsable.entrySet()) {
      if (message.contains(e.getKey() + ":")) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every provider class listed, in the order ServiceLoader meets them. */
  List<String> classNames() {
    return List.copyOf(origins.keySet());
  }

  /** The jars or directories that list {@code className}: "/p/acme.jar", or "/p/a.jar and /p/b.jar". */
  Optional<String> listers(String className) {
    Set<String> where = origins.get(className);
    return where == null ? Optional.empty() : Optional.of(String.join(" and ", where));
  }

  /**
   * The listed provider class a JDK message names, in the dotted form or the internal one with slashes
   * ("com/acme/A has been compiled by a more recent version…"); the longest name that appears as a whole word.
   */
  Optional<String> classNamedIn(String message) {
    String found = null;
    for (String name : origins.keySet()) {
      if ((wholeWordIn(message, name) || wholeWordIn(message, name.replace('.', '/')))
          && (found == null || name.length() > found.length())) {
        found = name;
      }
    }
    return Optional.ofNullable(found);
  }

  private static boolean wholeWordIn(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      int end = at + word.length();
      boolean before = at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1));
      boolean after = end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  /** One problem for each provider class that more than one jar or directory lists. */
  List<ConfigProblem> duplicates() {
    List<ConfigProblem> problems = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : origins.entrySet()) {
      if (e.getValue().size() > 1) {
        problems.add(ConfigProblem.of(ProblemId.DUPLICATE_PLUGIN, "",
            "the " + kind.label() + " provider " + ControlCharacters.escape(e.getKey()) + " is in "
                + e.getValue().size() + " jars: " + String.join(" and ", e.getValue())
                + "; only the first would be used",
            "one copy of each plugin jar on the plugin path: remove the other versions"));
      }
    }
    return problems;
  }
}
