package dev.nn.core.plugin;

import dev.nn.core.text.Suggestions;
import dev.nn.api.Activation;
import dev.nn.api.Initializer;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every plugin nn can use, found by {@link ServiceLoader} through an explicit class loader: the built-ins
 * and any third-party jar on that loader. The only class that calls ServiceLoader.
 *
 * <p>A provider that fails to load is reported in {@link #failures()} and skipped; the others still work.
 * Two providers of one kind with the same name are an error naming both origins. Immutable and
 * thread-safe once loaded.
 */
public final class PluginRegistry {
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<PluginKind, SortedMap<String, PluginProvider<?>>> providers;
  private final Map<PluginKind, SortedMap<String, PluginDescriptor>> descriptors;
  private final List<String> failures;

  private PluginRegistry(Map<PluginKind, SortedMap<String, PluginProvider<?>>> providers,
      Map<PluginKind, SortedMap<String, PluginDescriptor>> descriptors, List<String> failures) {
    this.providers = providers;
    this.descriptors = descriptors;
    this.failures = List.copyOf(failures);
  }

  /** Loads the plugins visible to the class loader that loaded nn itself. */
  public static PluginRegistry loadDefault() {
    return load(PluginRegistry.class.getClassLoader());
  }

  /**
   * Loads every provider of every kind visible to {@code loader}.
   *
   * @throws ConfigException if two providers of one kind share a name, or a plugin jar carries its own copy of nn-api
   */
  public static PluginRegistry load(ClassLoader loader) {
    Map<PluginKind, SortedMap<String, PluginProvider<?>>> providers = new EnumMap<>(PluginKind.class);
    Map<PluginKind, SortedMap<String, PluginDescriptor>> descriptors = new EnumMap<>(PluginKind.class);
    List<String> failures = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    checkSingleApi(loader, problems);
    for (PluginKind kind : PluginKind.values()) {
      SortedMap<String, PluginProvider<?>> byName = new TreeMap<>();
      SortedMap<String, PluginDescriptor> infoByName = new TreeMap<>();
      Iterator<? extends PluginProvider<?>> it = ServiceLoader.load(kind.providerType(), loader).iterator();
      while (true) {
        PluginProvider<?> provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          failures.add(kind.label() + " provider failed to load: " + e.getMessage()
              + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
          continue;
        }
        PluginDescriptor info;
        try {
          info = describe(kind, provider);
        } catch (RuntimeException | LinkageError e) {
          failures.add(kind.label() + " provider " + provider.getClass().getName() + " failed: " + e);
          continue;
        }
        if (!KEBAB.matcher(info.name()).matches()) {
          failures.add(kind.label() + " provider " + info.className() + " from " + info.origin()
              + " has the name \"" + info.name() + "\", which is not lowercase kebab-case; skipped");
          continue;
        }
        PluginDescriptor earlier = infoByName.get(info.name());
        if (earlier != null) {
          problems.add(ConfigProblem.of(ProblemId.DUPLICATE_PLUGIN, "",
              "two " + kind.label() + " plugins are named \"" + info.name() + "\": " + earlier.className()
                  + " from " + earlier.origin() + " and " + info.className() + " from " + info.origin(),
              "remove one of the two jars from the plugin path"));
          continue;
        }
        byName.put(info.name(), provider);
        infoByName.put(info.name(), info);
      }
      providers.put(kind, Collections.unmodifiableSortedMap(byName));
      descriptors.put(kind, Collections.unmodifiableSortedMap(infoByName));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new PluginRegistry(providers, descriptors, failures);
  }

  private static PluginDescriptor describe(PluginKind kind, PluginProvider<?> provider) {
    Class<?> type = provider.getClass();
    return new PluginDescriptor(kind, provider.name(), provider.version(), type.getName(), origin(type),
        provider.summary());
  }

  /** The jar or class directory a class was loaded from. */
  static String origin(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "unknown";
    }
    return source.getLocation().getPath();
  }

  /** A plugin jar that bundles nn-api shadows or splits the SPI types: name it. */
  private static void checkSingleApi(ClassLoader loader, List<ConfigProblem> problems) {
    try {
      List<URL> copies = Collections.list(loader.getResources("dev/nn/spi/PluginProvider.class"));
      if (copies.size() > 1) {
        List<String> where = new ArrayList<>();
        for (URL u : copies) {
          where.add(u.getPath().replaceFirst("!/dev/nn/spi/PluginProvider.class$", "").replaceFirst("^file:", ""));
        }
        problems.add(ConfigProblem.of(ProblemId.BUNDLED_API, "",
            "nn-api is on the class path more than once: " + String.join(", ", where),
            "plugin jars must not bundle nn-api; declare it with <scope>provided</scope>"));
      }
    } catch (IOException e) {
      // cannot list resources: nothing to check
    }
  }

  /** Providers that failed to load, one message each; empty when all loaded. */
  public List<String> failures() {
    return failures;
  }

  /** The providers of one kind by name, sorted by name. */
  public SortedMap<String, PluginProvider<?>> providers(PluginKind kind) {
    return providers.get(kind);
  }

  /** What is known about each plugin of one kind, sorted by name. */
  public SortedMap<String, PluginDescriptor> descriptors(PluginKind kind) {
    return descriptors.get(kind);
  }

  /** Every plugin found, by kind and name. */
  public List<PluginDescriptor> all() {
    List<PluginDescriptor> all = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      all.addAll(descriptors.get(kind).values());
    }
    return all;
  }

  /**
   * The provider of the named plugin.
   *
   * @throws ConfigException naming the unknown plugin, the allowed names and the closest ones
   */
  public PluginProvider<?> provider(PluginKind kind, String name) {
    PluginProvider<?> p = providers.get(kind).get(name);
    if (p == null) {
      throw new ConfigException(unknown(kind, name));
    }
    return p;
  }

  /** The problem "unknown activation "rleu"", with allowed names and a did-you-mean. */
  public ConfigProblem unknown(PluginKind kind, String name) {
    SortedMap<String, PluginProvider<?>> known = providers.get(kind);
    String allowed = known.isEmpty()
        ? "(none found: add nn-" + (kind == PluginKind.ACTIVATION ? "activations" : kind == PluginKind.LOSS
        ? "losses" : "core") + " or a plugin jar to the class path)"
        : String.join(", ", known.keySet());
    return ConfigProblem.of(ProblemId.UNKNOWN_PLUGIN, "", "unknown " + kind.label() + " \"" + name + "\"", allowed)
        .withSuggestions(Suggestions.closest(name, known.keySet()));
  }

  /** Creates the named activation from its settings. */
  public Activation activation(String name, Settings settings) {
    return (Activation) provider(PluginKind.ACTIVATION, name).create(settings);
  }

  /** Creates the named loss from its settings. */
  public Loss loss(String name, Settings settings) {
    return (Loss) provider(PluginKind.LOSS, name).create(settings);
  }

  /** Creates the named optimizer from its settings. */
  public Optimizer optimizer(String name, Settings settings) {
    return (Optimizer) provider(PluginKind.OPTIMIZER, name).create(settings);
  }

  /** Creates the named initializer from its settings. */
  public Initializer initializer(String name, Settings settings) {
    return (Initializer) provider(PluginKind.INITIALIZER, name).create(settings);
  }

  /** Creates a plugin with no settings: {@code registry.activation("relu")}. */
  public Activation activation(String name) {
    return activation(name, Settings.empty("activation \"" + name + "\""));
  }

  /** Creates a loss with no settings. */
  public Loss loss(String name) {
    return loss(name, Settings.empty("loss \"" + name + "\""));
  }

  /** Creates an optimizer with default settings. */
  public Optimizer optimizer(String name) {
    return optimizer(name, Settings.empty("optimizer \"" + name + "\""));
  }

  /** Creates an initializer with default settings. */
  public Initializer initializer(String name) {
    return initializer(name, Settings.empty("initializer \"" + name + "\""));
  }
}
