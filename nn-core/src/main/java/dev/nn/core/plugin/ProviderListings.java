package dev.nn.core.plugin;

import dev.nn.core.text.ControlCharacters;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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

  private ProviderListings(PluginKind<?> kind, Map<String, Set<String>> origins) {
    this.kind = kind;
    this.origins = origins;
  }

  /** Reads every services file of {@code kind} that {@code loader} sees; a file that cannot be read is skipped. */
  static ProviderListings read(ClassLoader loader, PluginKind<?> kind) {
    String resource = SERVICES + kind.providerType().getName();
    Map<String, Set<String>> origins = new LinkedHashMap<>();
    List<URL> files;
    try {
      files = Collections.list(loader.getResources(resource));
    } catch (IOException e) {
      return new ProviderListings(kind, origins); // ServiceLoader will report what it cannot read
    }
    for (URL file : files) {
      String origin = PluginRegistry.containerOf(file, resource);
      for (String className : classNames(file)) {
        origins.computeIfAbsent(className, c -> new LinkedHashSet<>()).add(origin);
      }
    }
    return new ProviderListings(kind, origins);
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

  /**
   * The jars or directories that list the provider class a ServiceLoader error message names, as
   * "/p/acme.jar", so that a provider that failed to load is reported with the jar to fix or remove.
   */
  Optional<String> listersNamedIn(String message) {
    for (Map.Entry<String, Set<String>> e : origins.entrySet()) {
      if (message.contains("Provider " + e.getKey() + " ") || message.endsWith("Provider " + e.getKey())) {
        return Optional.of(String.join(" and ", e.getValue()));
      }
    }
    return Optional.empty();
  }

  /** The class names a services file lists: one per line, '#' starts a comment. */
  private static List<String> classNames(URL file) {
    List<String> names = new ArrayList<>();
    try (InputStream in = file.openStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int hash = line.indexOf('#');
        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      // ServiceLoader reports a services file it cannot read
    }
    return names;
  }
}
