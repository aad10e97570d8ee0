package dev.nn.core.plugin;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.text.ControlCharacters;
import dev.nn.core.text.Counted;
import dev.nn.core.text.Required;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
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
  private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  /** What {@link #create}'s parameters take, for the message of a null one. */
  private static final String PLUGIN_KIND = "a plugin kind (PluginKind.LOSS, PluginKind.ACTIVATION, ...)";
  private static final String PLUGIN_NAME = "a plugin's name";

  private final Map<PluginKind<?>, SortedMap<String, PluginProvider<?>>> providers;
  private final Map<PluginKind<?>, SortedMap<String, PluginDescriptor>> descriptors;
  private final List<String> failures;
  private final List<Path> pluginPath;
  /** Whether the caller has shown each of {@link #failures} already, so that {@link #unknown} need not repeat them. */
  private final boolean failuresShown;
  private final PluginBlame blame;
  /** Whether the providers were given in code ({@link #of}, {@link #with}) rather than found on a class path. */
  private final boolean givenInCode;

  private PluginRegistry(Map<PluginKind<?>, SortedMap<String, PluginProvider<?>>> providers,
      Map<PluginKind<?>, SortedMap<String, PluginDescriptor>> descriptors, List<String> failures,
      List<Path> pluginPath, boolean failuresShown, boolean givenInCode) {
    this.givenInCode = givenInCode;
    this.providers = providers;
    this.descriptors = descriptors;
    this.failures = List.copyOf(failures);
    this.pluginPath = List.copyOf(pluginPath);
    this.failuresShown = failuresShown;
    this.blame = new PluginBlame();
    for (PluginKind<?> kind : PluginKind.values()) {
      for (Map.Entry<String, PluginProvider<?>> e : providers.get(kind).entrySet()) {
        blame.provider(descriptors.get(kind).get(e.getKey()), e.getValue().getClass());
      }
    }
  }

  /**
   * Whether the providers were given in code ({@link #of}, {@link #with}) rather than found on a class path: a
   * missing plugin is then one to give the registry, not a jar to add.
   */
  public boolean givenInCode() {
    return givenInCode;
  }

  /** Loads the plugins visible to the class loader that loaded nn itself. */
  public static PluginRegistry loadDefault() {
    return load(PluginRegistry.class.getClassLoader());
  }

  /**
   * Loads every provider of every kind visible to {@code loader}. A provider whose class cannot be loaded or
   * whose {@code name()}, {@code version()}, {@code summary()} or {@code settingsHelp()} throws or returns
   * {@code null} is skipped and reported in {@link #failures()}; the others still work.
   *
   * @throws ConfigException if two providers of one kind share a name, two jars hold the same provider class
   *     (two versions of one jar), or a plugin jar carries its own copy of nn-api
   */
  public static PluginRegistry load(ClassLoader loader) {
    Map<PluginKind<?>, SortedMap<String, PluginProvider<?>>> providers = new LinkedHashMap<>();
    Map<PluginKind<?>, SortedMap<String, PluginDescriptor>> descriptors = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    problems.addAll(BundledApi.problems(loader));
    Map<PluginKind<?>, ProviderListings> listings = new LinkedHashMap<>();
    for (PluginKind<?> kind : PluginKind.values()) {
      listings.put(kind, ProviderListings.read(loader, kind));
      problems.addAll(listings.get(kind).duplicates());
    }
    if (!problems.isEmpty()) {
      // with a provider class in two jars the loader picks one silently: refuse before loading any
      throw warned(new ConfigException(problems));
    }
    for (PluginKind<?> kind : PluginKind.values()) {
      SortedMap<String, PluginProvider<?>> byName = new TreeMap<>();
      SortedMap<String, PluginDescriptor> infoByName = new TreeMap<>();
      Iterator<? extends PluginProvider<?>> it = ServiceLoader.load(kind.providerType(), loader).iterator();
      ProviderFailure failure = new ProviderFailure(kind, listings.get(kind), loader);
      Set<String> accounted = new HashSet<>();
      while (true) {
        PluginProvider<?> provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          String line = failure.describe(e, accounted);
          listings.get(kind).classNamedIn(line).ifPresent(accounted::add);
          failures.add(warn(ControlCharacters.escape(line), e));
          continue;
        }
        accounted.add(provider.getClass().getName());
        PluginDescriptor info;
        try {
          info = describe(kind, provider);
        } catch (BrokenProvider e) {
          failures.add(warn(e.getMessage()));
          continue;
        }
        PluginDescriptor earlier = infoByName.get(info.name());
        if (earlier != null) {
          problems.add(duplicate(kind, earlier, info));
          continue;
        }
        byName.put(info.name(), provider);
        infoByName.put(info.name(), info);
      }
      providers.put(kind, Collections.unmodifiableSortedMap(byName));
      descriptors.put(kind, Collections.unmodifiableSortedMap(infoByName));
    }
    if (!problems.isEmpty()) {
      throw warned(new ConfigException(problems));
    }
    return new PluginRegistry(providers, descriptors, failures, List.of(), false, false);
  }

  /**
   * What a listing shows of a provider, from its own methods, each of which is the plugin author's code and
   * checked as such.
   *
   * @throws BrokenProvider naming the provider, its jar and the method that threw or returned {@code null},
   *     or a name that is not lowercase kebab-case
   */
  private static PluginDescriptor describe(PluginKind<?> kind, PluginProvider<?> provider) {
    Class<?> type = provider.getClass();
    String where = kind.label() + " provider " + ControlCharacters.escape(type.getName()) + " from "
        + ControlCharacters.escape(origin(type));
    String name = call(where, "name()", provider::name);
    if (!KEBAB.matcher(name).matches()) {
      throw new BrokenProvider(where + " has the name \"" + ControlCharacters.escape(name)
          + "\", which is not lowercase kebab-case (letters a-z, digits and single hyphens); skipped");
    }
    String version = call(where, "version()", provider::version);
    String summary = call(where, "summary()", provider::summary);
    String settingsHelp = call(where, "settingsHelp()", provider::settingsHelp);
    // a listing prints these: whatever a plugin (or the path of its jar) holds, it stays one plain line
    return new PluginDescriptor(kind, name, ControlCharacters.escape(version), ControlCharacters.escape(type.getName()),
        ControlCharacters.escape(origin(type)), ControlCharacters.escape(summary),
        ControlCharacters.escape(settingsHelp));
  }

  /** Calls one of a provider's text methods, which must return something and must not throw. */
  private static String call(String where, String method, Supplier<String> text) {
    String value;
    try {
      value = text.get();
    } catch (RuntimeException | LinkageError e) {
      throw new BrokenProvider(where + " threw " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + ControlCharacters.escape(e.getMessage())) + " in " + method
          + "; skipped");
    }
    if (value == null) {
      throw new BrokenProvider(where + " returned null from " + method + "; skipped");
    }
    return value;
  }

  /**
   * Logs a provider that failed to load, as it happens, for an application that watches nn's log rather
   * than {@link #failures()}; returns the message.
   */
  private static String warn(String failure) {
    LOG.log(System.Logger.Level.WARNING, () -> "plugin skipped: " + failure);
    return failure;
  }

  /** {@link #warn(String)}, the record carrying {@code cause}: its trace is the plugin author's lead. */
  private static String warn(String failure, Throwable cause) {
    LOG.log(System.Logger.Level.WARNING, () -> "plugin skipped: " + failure, cause);
    return failure;
  }

  /** Logs plugins that cannot be loaded together (a duplicate name or jar, a bundled nn-api); returns it. */
  private static ConfigException warned(ConfigException e) {
    for (ConfigProblem p : e.problems()) {
      LOG.log(System.Logger.Level.WARNING, () -> "plugins refused: " + p.message());
    }
    return e;
  }

  /** A provider that cannot be listed; its message is one line of {@link #failures()}. */
  private static final class BrokenProvider extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenProvider(String message) {
      super(message, null, false, false);
    }
  }

  /** The jar or class directory a class was loaded from. */
  static String origin(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "unknown";
    }
    return fileOf(source.getLocation().toString());
  }

  /**
   * The file a {@code file:} URL names, as a path with its escapes decoded: "/p/café/a.jar" for
   * "file:/p/caf%C3%A9/a.jar" (a URL's path keeps them, and a jar under "My Tools" or "café" would be named by
   * a path that does not exist).
   */
  static String fileOf(String fileUrl) {
    try {
      return Path.of(java.net.URI.create(fileUrl)).toString();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return fileUrl.replaceFirst("^file:", "");
    }
  }

  /**
   * The jar or class directory that holds {@code resource}, given the URL a class loader found it at, in the
   * form {@link #origin} gives: "/p/acme.jar" for "jar:file:/p/acme.jar!/com/acme/A.class".
   */
  static String containerOf(URL url, String resource) {
    String path = url.toString().replaceFirst("^jar:", "");
    if (path.endsWith("!/" + resource)) {
      return fileOf(path.substring(0, path.length() - resource.length() - 2));
    }
    if (path.endsWith(resource)) {
      return fileOf(path.substring(0, path.length() - resource.length()));
    }
    return fileOf(path);
  }

  /**
   * This registry's providers and {@code more}: an application's own plugins beside nn's built-ins
   * ({@code PluginRegistry.loadDefault().with(List.of(new MyActivationProvider()))}), without listing every built-in
   * provider. The new registry is made as {@link #of} makes one.
   *
   * @throws ConfigException if a provider of {@code more} takes the name of one of this registry's of its kind
   */
  public PluginRegistry with(Collection<? extends PluginProvider<?>> more) {
    java.util.Objects.requireNonNull(more, "more: a collection of plugin providers is needed, found null");
    List<PluginProvider<?>> all = new ArrayList<>();
    for (PluginKind<?> kind : PluginKind.values()) {
      all.addAll(providers.get(kind).values());
    }
    all.addAll(more);
    return of(all);
  }

  /**
   * A registry of the given providers only, without ServiceLoader: plugins defined in code (a test, an
   * application that ships its own activation) are used exactly as jar plugins are. Each provider's kind
   * is the SPI interface it implements.
   *
   * <p>A provider whose {@code name()}, {@code version()}, {@code summary()} or {@code settingsHelp()} throws or
   * returns {@code null} is left out and reported in {@link #failures()}, as {@link #load} does.
   *
   * @throws ConfigException if two providers of one kind share a name
   * @throws IllegalArgumentException for a provider that implements no plugin interface
   */
  public static PluginRegistry of(Collection<? extends PluginProvider<?>> given) {
    Required.of(given, "given", "a collection of plugin providers");
    Required.each(given, "given", "a plugin provider");
    Map<PluginKind<?>, SortedMap<String, PluginProvider<?>>> providers = new LinkedHashMap<>();
    Map<PluginKind<?>, SortedMap<String, PluginDescriptor>> descriptors = new LinkedHashMap<>();
    for (PluginKind<?> kind : PluginKind.values()) {
      providers.put(kind, new TreeMap<>());
      descriptors.put(kind, new TreeMap<>());
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (PluginProvider<?> provider : given) {
      PluginKind<?> kind = PluginKind.values().stream().filter(k -> k.providerType().isInstance(provider)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(provider.getClass().getName()
              + " implements none of ActivationProvider, LossProvider, OptimizerProvider, InitializerProvider"));
      PluginDescriptor info;
      try {
        info = describe(kind, provider);
      } catch (BrokenProvider e) {
        failures.add(warn(e.getMessage()));
        continue;
      }
      PluginDescriptor earlier = descriptors.get(kind).get(info.name());
      if (earlier != null) {
        problems.add(duplicate(kind, earlier, info));
        continue;
      }
      providers.get(kind).put(info.name(), provider);
      descriptors.get(kind).put(info.name(), info);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    providers.replaceAll((k, m) -> Collections.unmodifiableSortedMap(m));
    descriptors.replaceAll((k, m) -> Collections.unmodifiableSortedMap(m));
    return new PluginRegistry(providers, descriptors, failures, List.of(), false, true);
  }

  private static ConfigProblem duplicate(PluginKind<?> kind, PluginDescriptor earlier, PluginDescriptor info) {
    if (earlier.className().equals(info.className()) && java.util.Objects.equals(earlier.origin(), info.origin())) {
      // one provider given twice (a registry's own provider passed to with() again): not two plugins of one name
      return ConfigProblem.of(ProblemId.DUPLICATE_PLUGIN, "", "the " + kind.label() + " plugin \"" + info.name()
          + "\" is given twice, both times as " + info.className() + " from " + info.origin() + "; a registry's with()"
          + " adds to the providers it holds (loadDefault() holds nn's own and the class path's)",
          "each provider once");
    }
    return ConfigProblem.of(ProblemId.DUPLICATE_PLUGIN, "",
        "two " + kind.label() + " plugins are named \"" + info.name() + "\": " + earlier.className()
            + " from " + earlier.origin() + " and " + info.className() + " from " + info.origin(),
        // nn's own plugin cannot be removed: the plugin that takes its name must change it
        PluginBlame.builtIn(earlier) || PluginBlame.builtIn(info)
            ? "another name for the plugin: \"" + info.name() + "\" is one of nn's built-in " + kind.pluralLabel()
            : java.util.Objects.equals(earlier.origin(), info.origin())
                // one jar: there is no other jar to take away
                ? "another name for one of the two providers in " + info.origin()
                : "remove one of the two jars from the plugin path");
  }

  /**
   * The same plugins, noted as loaded from the plugin path {@code entries} (jars and directories), which a
   * run records so that it can be resumed without them being given again.
   */
  public PluginRegistry fromPluginPath(List<Path> entries) {
    List<Path> absolute = new ArrayList<>();
    for (Path entry : entries) {
      Path normal = entry.toAbsolutePath().normalize();
      // one entry named twice (./a.jar and a.jar, a relative and an absolute path) is recorded once
      if (absolute.stream().noneMatch(earlier -> earlier.equals(normal) || PluginPath.sameFile(earlier, normal))) {
        absolute.add(normal);
      }
    }
    return new PluginRegistry(providers, descriptors, failures, absolute, failuresShown, givenInCode);
  }

  /**
   * The same plugins, for a caller that has shown each of {@link #failures()} already, just before (a command line
   * warns of them on stderr as it starts): the problem of an unknown name then points at those warnings rather than
   * saying each failure a second time.
   */
  public PluginRegistry withFailuresShown() {
    return new PluginRegistry(providers, descriptors, failures, pluginPath, true, givenInCode);
  }

  /**
   * Warnings about the plugin path this registry was loaded from that stop nothing: a directory on it without a
   * {@code *.jar} file, which adds no plugin (see {@link PluginPath#directoriesWithoutJars}).
   */
  public List<String> pluginPathWarnings() {
    List<String> warnings = new ArrayList<>(PluginPath.directoriesWithoutJars(pluginPath));
    // (a directory without jars has been said of already: that is why it adds nothing)
    if (!pluginPath.isEmpty() && warnings.isEmpty() && failures.isEmpty() && !anyFromThePluginPath()) {
      // the commonest slip in packaging a plugin: a jar without its service file is read and adds nothing
      warnings.add("nothing on the plugin path (" + String.join(", ", pluginPath.stream()
          .map(p -> ControlCharacters.escape(p.toString())).toList()) + ") provides a plugin: a plugin jar names its"
          + " providers in files such as META-INF/services/dev.nn.spi.ActivationProvider (see plugins.md);"
          + " jar tf JAR shows what a jar holds");
    }
    return warnings;
  }

  /** Whether a provider was loaded from a jar of the plugin path (its origin is one of them, or in one). */
  private boolean anyFromThePluginPath() {
    for (SortedMap<String, PluginDescriptor> byName : descriptors.values()) {
      for (PluginDescriptor d : byName.values()) {
        for (Path entry : pluginPath) {
          if (d.origin() != null && Path.of(d.origin()).toAbsolutePath().normalize().startsWith(entry)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The jars of the plugin path (given, or in a directory given) from which no provider loaded and none failed to:
   * a library a plugin uses, or a plugin jar without its service files.
   */
  private List<String> jarsProvidingNothing() {
    List<String> bare = new ArrayList<>();
    for (Path entry : pluginPath) {
      for (Path jar : PluginPath.jarsOf(entry)) {
        String name = jar.toString();
        boolean provides = descriptors.values().stream().flatMap(m -> m.values().stream())
            .anyMatch(d -> d.origin() != null && (name.equals(d.origin()) || Path.of(d.origin()).startsWith(jar)));
        if (!provides && failures.stream().noneMatch(f -> f.contains(name))) {
          bare.add(ControlCharacters.escape(name));
        }
      }
    }
    return bare;
  }

  /** The plugin path entries this registry was loaded from, absolute; empty for the built-ins alone. */
  public List<Path> pluginPath() {
    return pluginPath;
  }

  /** Providers that failed to load, one message each; empty when all loaded. */
  public List<String> failures() {
    return failures;
  }

  /** The names of the installed plugins of one kind, sorted. */
  public Set<String> names(PluginKind<?> kind) {
    return providers.get(kind).keySet();
  }

  /** What is known about each plugin of one kind, sorted by name. */
  public SortedMap<String, PluginDescriptor> descriptors(PluginKind<?> kind) {
    return descriptors.get(kind);
  }

  /** What is known about the named plugin, if it is installed. */
  public Optional<PluginDescriptor> descriptor(PluginKind<?> kind, String name) {
    return Optional.ofNullable(descriptors.get(kind).get(name));
  }

  /** Every plugin found, by kind and name. */
  public List<PluginDescriptor> all() {
    List<PluginDescriptor> all = new ArrayList<>();
    for (PluginKind<?> kind : PluginKind.values()) {
      all.addAll(descriptors.get(kind).values());
    }
    return all;
  }

  /** Creates the named plugin with its defaults: {@code registry.create(PluginKind.ACTIVATION, "relu")}. */
  public <T> T create(PluginKind<T> kind, String name) {
    Required.of(kind, "kind", PLUGIN_KIND);
    Required.of(name, "name", PLUGIN_NAME);
    return create(kind, name, Settings.empty(kind.label() + " \"" + name + "\""), List.of());
  }

  /** Creates the named plugin from {@code settings}; see {@link #create(PluginKind, String, Settings, Collection)}. */
  public <T> T create(PluginKind<T> kind, String name, Settings settings) {
    return create(kind, name, settings, List.of());
  }

  /**
   * Creates the named plugin from its settings: the one place nn turns a plugin name into an object.
   * Every problem is a {@link ConfigException} whose problems' paths are relative to the reference (a
   * setting's key, or empty for the reference itself), so a caller can place them at the YAML lines:
   * an unknown name (with the allowed names, did-you-mean, and any plugin jar that failed to load), a
   * setting the provider rejects, a provider that fails or returns nothing, and a setting the provider
   * never read (with the keys it did ask for as suggestions).
   *
   * @param otherKeys keys the caller reads itself from the same mapping (an optimizer's
   *     {@code learning-rate}), named as allowed and suggested beside the plugin's own
   */
  public <T> T create(PluginKind<T> kind, String name, Settings settings, Collection<String> otherKeys) {
    Required.of(kind, "kind", PLUGIN_KIND);
    Required.of(name, "name", PLUGIN_NAME);
    Required.of(settings, "settings", "the plugin's settings (Settings.empty for its defaults)");
    Required.of(otherKeys, "otherKeys", "the keys read beside the plugin's own (List.of() for none)");
    PluginProvider<?> provider = providers.get(kind).get(name);
    if (provider == null) {
      throw new ConfigException(unknown(kind, name));
    }
    PluginDescriptor info = descriptors.get(kind).get(name);
    String label = kind.label() + " \"" + name + "\"";
    Object created;
    try {
      created = provider.create(settings);
    } catch (ConfigException e) {
      // the plugin's own words: keep them, but never let them steer the terminal
      throw escaped(everyRefusal(provider, settings, e, label, otherKeys));
    } catch (RuntimeException | LinkageError e) {
      // an IllegalArgumentException is how a plugin refuses a value; anything else is a fault of its own
      boolean refused = e instanceof IllegalArgumentException;
      String what = refused ? " rejected its settings" : " failed to create it";
      // what is allowed: the settings, when it refused them; otherwise nothing the experiment can change
      String allowed = refused ? settingsHelp(provider)
          : e instanceof LinkageError linkage ? MissingClass.allowedFor(linkage)
              .orElse("a plugin whose create() succeeds; the plugin's author can fix it")
          : "a plugin whose create() succeeds; the plugin's author can fix it";
      ConfigException failed = new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, "",
          label + " from " + info.origin() + what + ": its create() threw "
              + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
              + ControlCharacters.escape(e.getMessage())), allowed));
      // what --debug prints: the plugin's own frames, where its author looks (suppressed, not its cause: the
      // problem is the report, not a failure of the plugin's to blame as one)
      failed.addSuppressed(e);
      throw failed;
    }
    if (!kind.pluginType().isInstance(created)) {
      throw new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, "", label + " from "
          + info.origin() + " created " + (created == null ? "nothing (its create() returned null)"
          : "a " + created.getClass().getName()) + " instead of " + kind.pluginType().getSimpleName(),
          "a plugin whose provider returns its " + kind.label() + "; the plugin's author can fix it"));
    }
    blame.created(info, created);
    String nullFrom = firstNullAnswer(created);
    if (nullFrom != null) {
      throw new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, "", label + " from " + info.origin()
          + " returned null from " + nullFrom + ", where a value is required",
          "a plugin whose methods return what nn-api documents; the plugin's author can fix it"));
    }
    if (created instanceof Activation activation) {
      // the gradient check skips the steps that cross a kink: a NaN or an unordered list skipped none, silently
      double[] kinks = activation.kinks();
      for (int i = 0; i < kinks.length; i++) {
        if (!Double.isFinite(kinks[i]) || i > 0 && !(kinks[i] > kinks[i - 1])) {
          throw new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, "", label + " from "
              + info.origin() + " returned kinks() " + java.util.Arrays.toString(kinks) + ", whose "
              + (Double.isFinite(kinks[i]) ? "values are not in increasing order" : "value " + kinks[i]
                  + " is not finite"), "kinks() finite and strictly increasing, as nn-api documents; the plugin's"
              + " author can fix it"));
        }
      }
    }
    List<ConfigProblem> unknown = unknownKeys(provider, settings, label, otherKeys);
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown);
    }
    return kind.pluginType().cast(created);
  }

  /** A problem for each setting given that the plugin, once created from {@code settings}, never read. */
  private static List<ConfigProblem> unknownKeys(PluginProvider<?> provider, Settings settings, String label,
      Collection<String> otherKeys) {
    return unknownKeys(provider, settings, label, otherKeys, List.of());
  }

  /**
   * {@link #unknownKeys(PluginProvider, Settings, String, Collection)}, suggesting {@code alsoKnown} too: the keys a
   * plugin refused as missing, which it may have asked for with {@code has} alone.
   */
  private static List<ConfigProblem> unknownKeys(PluginProvider<?> provider, Settings settings, String label,
      Collection<String> otherKeys, Collection<String> alsoKnown) {
    List<String> known = new ArrayList<>(otherKeys);
    known.addAll(settings.requestedKeys());
    alsoKnown.stream().filter(k -> !known.contains(k)).forEach(known::add);
    // without the plugin's own help, the keys it asked for are what it reads
    List<String> read = settings.requestedKeys();
    String help = !settingsHelp(provider).isEmpty() ? settingsHelp(provider)
        : read.isEmpty() ? label + " reads no settings" : label + " reads " + String.join(", ", read);
    String allowed = otherKeys.isEmpty() ? help : String.join(", ", otherKeys) + "; " + help;
    List<ConfigProblem> problems = new ArrayList<>();
    for (String key : settings.unreadKeys()) {
      problems.add(ConfigProblem.of(ProblemId.UNKNOWN_KEY, key, "unknown setting \"" + key + "\" of " + label, allowed)
          .withSuggestions(Suggestions.closest(key, known)));
    }
    return problems;
  }

  /**
   * {@code first} and every other value the provider refuses: a typed getter throws at the first bad value, so
   * the plugin is created again without the settings refused so far (their getters give defaults) until it
   * refuses no more of them, at most once per setting; then the settings it never read are unknown keys. A refusal
   * of no particular setting, or of one already left out, or another failure, ends the search with what was found.
   */
  private static ConfigException everyRefusal(PluginProvider<?> provider, Settings settings, ConfigException first,
      String label, Collection<String> otherKeys) {
    List<ConfigProblem> problems = new ArrayList<>(first.problems());
    if (first.problems().stream().map(ConfigProblem::path).noneMatch(k -> k.isEmpty() || settings.keys().contains(k))) {
      // refused for settings not given (a required one missing): a plugin that read every setting before refusing,
      // as plugin-api.md asks, left unread only keys it does not know, a misspelling of the missing one among them;
      // a key its help names it would have read later, and is not said to be unknown
      String help = settingsHelp(provider);
      problems.addAll(unknownKeys(provider, settings, label, otherKeys, first.problems().stream()
          .map(ConfigProblem::path).toList()).stream().filter(q -> !names(help, q.path())).toList());
    }
    Set<String> refused = new LinkedHashSet<>();
    for (int attempt = 0; attempt < settings.keys().size(); attempt++) {
      List<String> keys = problems.stream().map(ConfigProblem::path).toList();
      if (!settings.keys().containsAll(keys) || !refused.addAll(keys)) {
        break;
      }
      Settings rest = settings.without(refused);
      try {
        provider.create(rest);
        problems.addAll(unknownKeys(provider, rest, label, otherKeys));
        break;
      } catch (ConfigException again) {
        // a refusal that names a key taken out is about that key's default, which the user never wrote ("min must
        // be less than max = 1" once max: 1.5 was refused for min: 2): the same conflict again, not news
        List<ConfigProblem> more = again.problems().stream().filter(p -> !refused.contains(p.path()))
            .filter(p -> refused.stream().noneMatch(key -> names(p.message(), key))).toList();
        if (more.isEmpty()) {
          break;
        }
        problems.addAll(more);
      } catch (RuntimeException | LinkageError e) {
        break;
      }
    }
    if (problems.size() == first.problems().size()) {
      return first;
    }
    ConfigException all = new ConfigException(problems);
    all.setStackTrace(first.getStackTrace());
    return all;
  }

  /** Whether {@code message} names the setting {@code key} as a word of its own (not inside "min-delta"). */
  private static boolean names(String message, String key) {
    return java.util.regex.Pattern.compile("(?<![\\w-])" + java.util.regex.Pattern.quote(key) + "(?![\\w-])")
        .matcher(message).find();
  }

  /**
   * The first of a new plugin's constant answers that is {@code null} although nn-api promises a value, or
   * null when there is none: asked once here, so that a {@code null} is reported at the plugin's line rather
   * than met later, in the middle of a run, as a NullPointerException in nn's code.
   */
  private static String firstNullAnswer(Object created) {
    if (created instanceof Loss) {
      Loss loss = (Loss) created;
      return loss.seeding() == null ? "seeding()" : loss.targets() == null ? "targets()" : null;
    }
    if (created instanceof Activation) {
      return ((Activation) created).kinks() == null ? "kinks()" : null;
    }
    return null;
  }

  /** The provider's settings help, made safe to print; checked at load time, so it neither throws nor is null. */
  private static String settingsHelp(PluginProvider<?> provider) {
    try {
      return ControlCharacters.escape(Objects.requireNonNullElse(provider.settingsHelp(), ""));
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** A plugin's ConfigException with its text escaped: a plugin writes its messages itself. */
  private static ConfigException escaped(ConfigException e) {
    List<ConfigProblem> safe = new ArrayList<>();
    for (ConfigProblem p : e.problems()) {
      List<String> suggestions = new ArrayList<>();
      for (String s : p.suggestions()) {
        suggestions.add(ControlCharacters.escape(s));
      }
      safe.add(new ConfigProblem(p.id(), ControlCharacters.escape(p.path()), p.line(), p.column(),
          ControlCharacters.escape(p.message()), ControlCharacters.escape(p.allowed()), suggestions));
    }
    ConfigException copy = new ConfigException(safe);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /**
   * Whether a plugin's own code threw {@code thrown} (or something it caused), and if so the failure that
   * names the plugin, its jar, what it threw and in which method: nn wraps no single call of a plugin, so
   * the code that runs plugins hands what it caught here. A {@link ConfigException} is a plugin's way of
   * rejecting its settings, and nn's own code throwing makes a bug in nn: neither is a plugin failure. An Error
   * a plugin throws (a failed assertion, a stack overflow, a missing class) is its failure as an exception is;
   * running out of memory, or a JVM that broke, is nobody's plugin's, whatever code was running.
   *
   * @param during when it happened, for the message: "during training", "during prediction"
   */
  public Optional<PluginFailureException> blame(Throwable thrown, String during) {
    if (thrown instanceof ConfigException
        || thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError)) {
      return Optional.empty();
    }
    return blame.blame(thrown, during);
  }

  /**
   * Runs {@code action}, throwing what a plugin's code threw in it as the {@link PluginFailureException} that
   * names the plugin ({@link #blame}); anything else passes unchanged. Plugins are called without a wrapper of
   * their own (φ runs for every value of every batch), so each entry point that runs them calls this once.
   *
   * @param during when the plugin ran, for the message: "during training"
   */
  public <T> T attributing(String during, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException | Error e) {
      Optional<PluginFailureException> failure = blame(e, during);
      if (failure.isPresent()) {
        throw failure.get();
      }
      throw e;
    }
  }

  /** How many providers that failed to load {@link #unknown} names. */
  private static final int SKIPPED_SHOWN = 3;

  /**
   * The problem "unknown activation "rleu"", with the allowed names, a did-you-mean, and the plugin jars
   * that failed to load (one of which may have been meant to provide it).
   */
  public ConfigProblem unknown(PluginKind<?> kind, String name) {
    Set<String> known = names(kind);
    String allowed = known.isEmpty()
        ? givenInCode ? "(none: this registry holds the providers given to it in code)"
            : "(none found: add " + kind.builtInModule() + " or a plugin jar to the class path)"
        : String.join(", ", known);
    if (!failures.isEmpty() && failuresShown) {
      allowed += "; " + Counted.of(failures.size(), "plugin", "plugins") + " failed to load (see the "
          + (failures.size() == 1 ? "warning" : "warnings") + " above)";
    } else if (!failures.isEmpty()) {
      // the first few: the rest would bury the names; nn plugins lists every one
      int shown = Math.min(SKIPPED_SHOWN, failures.size());
      allowed += "; " + failures.size() + (failures.size() == 1 ? " plugin" : " plugins") + " failed to load: "
          + String.join("; ", failures.subList(0, shown))
          + (shown < failures.size() ? "; and " + (failures.size() - shown) + " more (nn plugins lists them)" : "");
    }
    List<String> suggestions = suggestions(kind, name, known);
    // a name like no installed one is most often a plugin whose jar was not given; so is an installed name with a
    // part of its own ("acme-rmsprop" beside rmsprop), which a misspelling is not
    // (but not another framework's name for one of nn's, sgd-momentum)
    boolean likePlugin = suggestions.isEmpty() || OtherFrameworksNames.meaning(kind, name).isEmpty()
        && suggestions.stream().anyMatch(s -> withAPartOfItsOwn(name, s) && !ownName(otherPart(name, s)));
    List<String> bare = likePlugin ? jarsProvidingNothing() : List.of();
    String where = likePlugin && givenInCode
        ? "; this registry was given its providers in code: give it this one too (PluginRegistry.of, or with)"
        : likePlugin && pluginPath.isEmpty()
        ? "; a plugin's name is known once its jar is on the plugin path (--plugin-path JAR, or NN_PLUGIN_PATH)"
        : bare.isEmpty() ? ""
        // the commonest slip in packaging a plugin: the jar is there, its service file is not
        : "; on the plugin path, " + String.join(", ", bare) + (bare.size() == 1 ? " provides" : " provide")
            + " no plugin (a library, or a plugin jar without its META-INF/services files; jar tf JAR shows what a"
            + " jar holds)";
    return ConfigProblem.of(ProblemId.UNKNOWN_PLUGIN, "", "unknown " + kind.label() + " \"" + dev.nn.core.text.Excerpt.of(name) + "\""
        + OtherFrameworksNames.note(kind, name) + where, allowed).withSuggestions(suggestions);
  }

  /** {@code name} without {@code installed} and the '-' that joins them: "p3" of "p3-rmsprop". */
  private static String otherPart(String name, String installed) {
    return name.startsWith(installed + "-") ? name.substring(installed.length() + 1)
        : name.substring(0, name.length() - installed.length() - 1);
  }

  /** Whether {@code word} is the name of an installed plugin of any kind (momentum-sgd, gelu-tanh are nn's names). */
  private boolean ownName(String word) {
    return PluginKind.values().stream().anyMatch(k -> names(k).contains(word));
  }

  /** Whether {@code name} is {@code installed} with a word of its own before or after it: "p3-rmsprop", "relu-x". */
  private static boolean withAPartOfItsOwn(String name, String installed) {
    return name.length() > installed.length() + 1
        && (name.endsWith("-" + installed) || name.startsWith(installed + "-"));
  }

  /** nn's names for another framework's name first, then the closest spellings; at most three, all installed. */
  private static List<String> suggestions(PluginKind<?> kind, String name, Set<String> known) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (String meant : OtherFrameworksNames.meaning(kind, name)) {
      if (known.contains(meant)) {
        all.add(meant);
      }
    }
    all.addAll(Suggestions.closest(name, known));
    return all.stream().limit(3).toList();
  }
}
