package dev.nn.core.plugin;

import dev.nn.core.text.ControlCharacters;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds whose code threw: nn's or a plugin's. nn does not wrap each call of a plugin (φ runs once per value
 * of every batch, and the hot loops must not allocate), so a plugin's exception travels up like any other;
 * at the top of a command it is read here. The top of its stack trace decides: the first frame that is
 * neither the JDK's nor a library's is either a plugin's class, which makes it that plugin's failure, or
 * nn's own, which makes it nn's (a bug). A plugin's class is its provider, anything nested in it, every
 * class its provider created, or, failing those, any class of its jar.
 *
 * <p>The built-in plugins are nn's own code: their failures stay bugs in nn.
 */
final class PluginBlame {
  /** The packages of the modules that ship the built-in plugins. */
  private static final List<String> BUILT_IN = List.of("dev.nn.activations.", "dev.nn.losses.", "dev.nn.core.");
  /** What users call the methods of the SPI. */
  private static final Map<String, String> METHODS = Map.ofEntries(
      Map.entry("phi", "φ (phi)"), Map.entry("phiPrime", "φ′ (phiPrime)"),
      Map.entry("forward", "φ (forward)"), Map.entry("backward", "φ′ (backward)"),
      Map.entry("seed", "the loss seed (seed)"), Map.entry("value", "the loss value (value)"),
      Map.entry("link", "the output link (link)"), Map.entry("step", "an optimizer step (step)"));

  /** Class name → the plugin it belongs to: providers, and the classes of what they created. */
  private final Map<String, PluginDescriptor> owners = new ConcurrentHashMap<>();
  /** Each plugin's provider class, for finding the jar of a class nothing else names. */
  private final Map<PluginDescriptor, Class<?>> providers = Collections.synchronizedMap(new IdentityHashMap<>());
  /** The plugins something was created from, in the order they were first created. */
  private final Set<PluginDescriptor> created = Collections.synchronizedSet(new LinkedHashSet<>());

  /** Records a provider found on the class path. */
  void provider(PluginDescriptor plugin, Class<?> type) {
    if (!builtIn(plugin)) {
      owners.put(type.getName(), plugin);
      providers.put(plugin, type);
    }
  }

  /** Records what a provider created: an optimizer's updaters and helpers are often nested in it. */
  void created(PluginDescriptor plugin, Object product) {
    if (!builtIn(plugin)) {
      owners.putIfAbsent(product.getClass().getName(), plugin);
      created.add(plugin);
    }
  }

  /**
   * The plugin failure {@code thrown} is, if a plugin's code threw it or something it caused.
   *
   * @param during when it happened, for the message: "during training"
   */
  Optional<PluginFailureException> blame(Throwable thrown, String during) {
    if (thrown instanceof PluginException) {
      return Optional.empty();
    }
    if (thrown instanceof PluginResults.Broken e) {
      PluginDescriptor owner = e.plugin() == null ? null : ownerOf(e.plugin().getClass().getName());
      // a built-in's broken result is nn's bug, not a plugin's failure
      return owner == null ? Optional.empty() : Optional.of(new PluginFailureException(whoIs(owner) + " " + e.what()
          + " " + when(owner, during) + e.rule(), owner, e));
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
      Optional<PluginFailureException> found = blameFrames(t, thrown, during);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<PluginFailureException> blameFrames(Throwable t, Throwable thrown, String during) {
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < frames.length; i++) {
      StackTraceElement frame = frames[i];
      String type = frame.getClassName();
      if (platform(frame)) {
        continue;
      }
      PluginDescriptor owner = ownerOf(type);
      if (owner != null) {
        return Optional.of(failure(owner, whoIs(owner), t, thrown, frames, i, during));
      }
      if (type.startsWith("dev.nn.")) {
        if (type.startsWith("dev.nn.api.") || type.startsWith("dev.nn.spi.")) {
          continue; // a default method of the SPI: whoever called it decides
        }
        return Optional.empty();
      }
      List<PluginDescriptor> inJar = createdFromJarOf(type);
      if (inJar.size() == 1) {
        return Optional.of(failure(inJar.get(0), whoIs(inJar.get(0)), t, thrown, frames, i, during));
      }
      if (inJar.size() > 1) {
        List<String> names = new ArrayList<>();
        for (PluginDescriptor d : inJar) {
          names.add(label(d));
        }
        String who = "a plugin from " + inJar.get(0).origin() + " (" + String.join(", ", names) + ")";
        return Optional.of(failure(null, who, t, thrown, frames, i, during));
      }
      // a library's class: the plugin or nn code that called it decides
    }
    return Optional.empty();
  }

  private PluginDescriptor ownerOf(String type) {
    for (String outer = type; ; outer = outer.substring(0, outer.lastIndexOf('$'))) {
      PluginDescriptor d = owners.get(outer);
      if (d != null) {
        return d;
      }
      if (outer.lastIndexOf('$') < 0) {
        return null;
      }
    }
  }

  /** The plugins in use whose jar holds the class {@code type}. */
  private List<PluginDescriptor> createdFromJarOf(String type) {
    String resource = type.replace('.', '/') + ".class";
    List<PluginDescriptor> found = new ArrayList<>();
    List<PluginDescriptor> used;
    synchronized (created) {
      used = new ArrayList<>(created);
    }
    for (PluginDescriptor d : used) {
      Class<?> provider = providers.get(d);
      ClassLoader loader = provider == null ? null : provider.getClassLoader();
      URL url = loader == null ? null : loader.getResource(resource);
      if (url != null && PluginRegistry.containerOf(url, resource).equals(d.origin())) {
        found.add(d);
      }
    }
    return found;
  }

  private PluginFailureException failure(PluginDescriptor plugin, String who, Throwable t, Throwable thrown,
      StackTraceElement[] frames, int top, String during) {
    String message = who + " threw " + t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + ControlCharacters.escape(t.getMessage()))
        + " in " + method(plugin, frames, top) + " " + when(plugin, during)
        + " (at " + ControlCharacters.escape(frames[top].toString()) + ")"
        + (t instanceof NoClassDefFoundError missing
            ? MissingClass.adviceFor(missing).map(a -> "; it " + ControlCharacters.escape(a)).orElse("") : "")
        // a library the plugin uses, built for a newer Java than nn runs on
        + (t instanceof UnsupportedClassVersionError newer
            ? "; the class it uses " + ProviderFailure.compiledFor(newer) + ": use a build of that library for Java "
                + ProviderFailure.NN_JAVA + ", or compile it with --release " + ProviderFailure.NN_JAVA
            : "");
    return new PluginFailureException(message, plugin, thrown);
  }

  /**
   * When it failed, for the message: an initializer runs once, as the network is built, which "during training" would
   * misplace.
   */
  private static String when(PluginDescriptor plugin, String during) {
    if (plugin == null || plugin.kind() != PluginKind.INITIALIZER) {
      return during;
    }
    return during.equals("during training") ? "as it drew the initial weights, before training"
        : "as it drew the initial weights " + during;
  }

  /**
   * The plugin's method that nn (or a default method of the SPI) called: the outermost frame of the run of
   * frames that starts at {@code top} and ends where nn's code begins.
   */
  private String method(PluginDescriptor plugin, StackTraceElement[] frames, int top) {
    int outermost = top;
    boolean reachesNn = false;
    for (int i = top + 1; i < frames.length; i++) {
      if (frames[i].getClassName().startsWith("dev.nn.")) {
        reachesNn = true;
        break;
      }
      if (!platform(frames[i])) {
        outermost = i;
      }
    }
    if (!reachesNn && frames.length >= 1024) {
      // a StackOverflowError's trace keeps its innermost frames only (the JVM's default 1,024): the plugin's
      // recursion fills it, and the method nn called is not among them
      return frames[top].getMethodName() + "() (its trace, cut short at " + frames.length + " frames, does not show"
          + " which of the plugin's methods nn called)";
    }
    String name = frames[outermost].getMethodName();
    if (name.startsWith("lambda$")) {
      // a lambda has no name of its own: it implements the one method of a functional type of the plugin's —
      // the plugin type or one nested in it (an Optimizer's Updater), told apart by the parameters it takes
      Optional<String> implemented = plugin == null ? Optional.empty()
          : implementedBy(plugin, frames[outermost].getClassName(), name);
      String[] parts = name.split("\\$");
      name = implemented.orElse(parts.length > 1 ? "a lambda in " + parts[1] : "a lambda");
    }
    return METHODS.getOrDefault(name, name + "()");
  }

  /**
   * The SPI method a plugin's lambda implements: of the plugin type and the interfaces nested in it, the one
   * abstract method whose parameter types end the lambda's (a lambda's body method takes its captured values
   * first); empty when none or several fit, or the class cannot be looked at.
   */
  private Optional<String> implementedBy(PluginDescriptor plugin, String className, String lambdaName) {
    Class<?> type = plugin.kind().pluginType();
    List<Class<?>> functional = new ArrayList<>();
    functional.add(type);
    functional.addAll(List.of(type.getClasses()));
    Class<?> provider = providers.get(plugin);
    List<Method> lambdas = new ArrayList<>();
    try {
      ClassLoader loader = provider == null ? null : provider.getClassLoader();
      for (Method m : Class.forName(className, false, loader).getDeclaredMethods()) {
        if (m.getName().equals(lambdaName)) {
          lambdas.add(m);
        }
      }
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return functional.size() == 1 ? onlyAbstractMethod(type) : Optional.empty();
    }
    Set<String> fits = new LinkedHashSet<>();
    for (Class<?> f : functional) {
      for (Method abstractMethod : f.getMethods()) {
        if (!Modifier.isAbstract(abstractMethod.getModifiers())) {
          continue;
        }
        for (Method lambda : lambdas) {
          if (endsWith(lambda.getParameterTypes(), abstractMethod.getParameterTypes())) {
            fits.add(abstractMethod.getName());
          }
        }
      }
    }
    return fits.size() == 1 ? Optional.of(fits.iterator().next()) : Optional.empty();
  }

  private static boolean endsWith(Class<?>[] all, Class<?>[] tail) {
    if (tail.length > all.length) {
      return false;
    }
    for (int i = 0; i < tail.length; i++) {
      if (all[all.length - tail.length + i] != tail[i]) {
        return false;
      }
    }
    return true;
  }

  /** The one abstract method of an interface such as Initializer, or empty when it has several. */
  private static Optional<String> onlyAbstractMethod(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isAbstract(m.getModifiers())) {
        names.add(m.getName());
      }
    }
    return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
  }

  private static boolean platform(StackTraceElement frame) {
    String module = frame.getModuleName();
    if (module != null && (module.startsWith("java.") || module.startsWith("jdk."))) {
      return true;
    }
    String type = frame.getClassName();
    return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
        || type.startsWith("sun.") || type.startsWith("com.sun.");
  }

  static boolean builtIn(PluginDescriptor plugin) {
    return builtIn(plugin.className());
  }

  static boolean builtIn(String providerClass) {
    for (String prefix : BUILT_IN) {
      if (providerClass.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** "activation \"swish\" from /p/acme.jar". */
  private static String whoIs(PluginDescriptor d) {
    return label(d) + " from " + d.origin();
  }

  /** "activation \"swish\"". */
  static String label(PluginDescriptor d) {
    return d.kind().label() + " \"" + d.name() + "\"";
  }
}
