package dev.nn.core.plugin;

import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a provider that ServiceLoader could not load as one line naming the provider class, its jar and what
 * to do. The JDK's own text names no jar, says "Unable to get public no-arg constructor" of a class that is not
 * public, shows a class compiled for a newer Java in its internal form with a class file version only, and
 * hides what a static initializer threw behind ExceptionInInitializerError.
 */
final class ProviderFailure {
  private static final Pattern CLASS_FILE_VERSION = Pattern.compile("class file version (\\d+)");
  /** Class file major version of Java 1.0 … 1.1 and of every Java release since: major − 44. */
  private static final int MAJOR_OF_JAVA_ZERO = 44;
  /** The Java release nn and nn-api are compiled for, which plugins should be compiled for too. */
  static final int NN_JAVA = 17;

  private final PluginKind<?> kind;
  private final ProviderListings listings;
  private final ClassLoader loader;

  ProviderFailure(PluginKind<?> kind, ProviderListings listings, ClassLoader loader) {
    this.kind = kind;
    this.listings = listings;
    this.loader = loader;
  }

  /**
   * The line for {@code e}, thrown by ServiceLoader's iterator.
   *
   * @param accounted provider classes already loaded or reported, which {@code e} is not about
   */
  String describe(Throwable e, Set<String> accounted) {
    String message = String.valueOf(e.getMessage());
    Optional<String> file = listings.unparsableFileNamedIn(message);
    if (file.isPresent()) {
      return prefix() + file.get();
    }
    Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
    Optional<String> provider = listings.classNamedIn(message).or(() -> failingToLink(e, accounted));
    String what = provider.isEmpty() ? null : what(provider.get(), message, cause);
    if (what == null) {
      // a failure nn has no better words for keeps the JDK's
      return prefix() + message + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
          + provider.flatMap(listings::listers).map(j -> "; listed by " + j).orElse("");
    }
    return prefix() + provider.get() + " from " + listings.listers(provider.get()).orElse("unknown") + " " + what;
  }

  /**
   * "; did you mean com.acme.TypoProvider?" for a listed provider class that is not there, naming the classes of the
   * listing jars closest to it (a misspelt services file); "" when none is close or the jars cannot be read.
   */
  private String closeClasses(String provider) {
    java.util.List<String> classes = new java.util.ArrayList<>();
    for (String jar : listings.listers(provider).map(j -> j.split(" and ")).orElse(new String[0])) {
      try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
        file.stream().map(java.util.zip.ZipEntry::getName)
            .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("META-INF/"))
            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
            .forEach(classes::add);
      } catch (java.io.IOException | RuntimeException e) {
        // a directory, or a jar that cannot be read again: no suggestion
      }
    }
    // a class the services file lists already is no mend: its misspelt line is to be deleted
    classes.removeAll(listings.classNames());
    java.util.List<String> close = dev.nn.core.text.Suggestions.closest(provider, classes);
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
  }

  private String prefix() {
    return kind.label() + " provider failed to load: ";
  }

  /** What is wrong with {@code provider}, given the cause, or null when the JDK's text says it well enough. */
  private String what(String provider, String message, Throwable cause) {
    if (message.endsWith("Provider " + provider + " not found")) {
      return "is listed in " + servicesFile(kind) + ", but no such class is in the jar or on nn's class path: check"
          + " the line's spelling (the class's full name, package and all) and that the class was packed into the jar"
          + closeClasses(provider);
    }
    if (cause instanceof ServiceConfigurationError && String.valueOf(cause.getMessage()).endsWith("not a subtype")) {
      return notAProviderOfThisKind(provider);
    }
    if (cause instanceof NoSuchMethodException || cause instanceof IllegalAccessException) {
      return isPublic(provider)
          ? "has no public no-argument constructor: add one, which ServiceLoader calls to create the provider"
          : "is not a public class: make it public (ServiceLoader creates a provider through a public class's"
              + " public no-argument constructor)";
    }
    if (cause instanceof UnsupportedClassVersionError newer) {
      return compiledFor(newer) + ": compile the plugin with --release " + NN_JAVA;
    }
    if (cause instanceof ExceptionInInitializerError) {
      Throwable thrown = cause.getCause();
      return "could not be initialized: its static initializer threw " + (thrown == null ? "ExceptionInInitializerError"
          : thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
    }
    if (cause instanceof NoClassDefFoundError missing) {
      return MissingClass.adviceFor(missing).orElse("could not be initialized: its static initializer failed"
          + " earlier (" + String.valueOf(cause.getMessage()).replace('/', '.') + ")");
    }
    if (message.endsWith("could not be instantiated") && cause != null) {
      return "could not be created: its constructor threw " + cause.getClass().getName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + " (ServiceLoader creates every provider"
          + " when nn starts: work that can fail belongs in create())";
    }
    return null;
  }

  /**
   * Why a listed class is not a provider of this kind, and where it belongs: a provider of another kind (a jar with
   * both a loss and an activation, its lines pasted into the wrong file), the plugin's own class rather than its
   * provider (the commonest slip), or a class that is neither.
   */
  private String notAProviderOfThisKind(String provider) {
    String notThis = "does not implement " + kind.providerType().getName();
    Optional<Class<?>> type = loaded(provider);
    Optional<PluginKind<?>> providerOf = type.flatMap(t -> kindWhere(k -> k.providerType().isAssignableFrom(t)));
    if (providerOf.isPresent()) {
      PluginKind<?> other = providerOf.get();
      return notThis + ": it is " + withArticle(other.label()) + " provider (it implements "
          + other.providerType().getName() + "), so list it in " + servicesFile(other) + ", not in "
          + servicesFile(kind);
    }
    Optional<PluginKind<?>> pluginOf = type.flatMap(t -> kindWhere(k -> k.pluginType().isAssignableFrom(t)));
    if (pluginOf.isPresent() && pluginOf.get() != kind) {
      PluginKind<?> other = pluginOf.get();
      return notThis + ": it is " + withArticle(other.label()) + " itself (it implements "
          + other.pluginType().getName() + "); list the class that creates it (one implementing "
          + other.providerType().getName() + ") in " + servicesFile(other) + ", not in " + servicesFile(kind);
    }
    if (pluginOf.isPresent() || type.isEmpty()) {
      return notThis + ": the service file lists the class that implements it (a provider, whose create() builds"
          + " the plugin), not the plugin's own class";
    }
    return notThis + ": a service file lists provider classes only (classes that implement "
        + kind.providerType().getSimpleName() + ", whose create() builds the plugin)";
  }

  private static Optional<PluginKind<?>> kindWhere(java.util.function.Predicate<PluginKind<?>> test) {
    return PluginKind.values().stream().filter(test).findFirst();
  }

  /** "META-INF/services/dev.nn.spi.ActivationProvider": the file ServiceLoader reads for {@code kind}. */
  static String servicesFile(PluginKind<?> kind) {
    return "META-INF/services/" + kind.providerType().getName();
  }

  /** "an activation", "a loss". */
  private static String withArticle(String label) {
    return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
  }

  /** The class {@code name} on the plugin path, not initialized; empty when it cannot be loaded. */
  private Optional<Class<?>> loaded(String name) {
    try {
      return Optional.of(Class.forName(name, false, loader));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** "was compiled for Java 21 (class file version 65), but nn runs on Java 17", from the JVM's message. */
  static String compiledFor(UnsupportedClassVersionError newer) {
    Matcher m = CLASS_FILE_VERSION.matcher(String.valueOf(newer.getMessage()));
    String compiled = m.find() ? "Java " + (Integer.parseInt(m.group(1)) - MAJOR_OF_JAVA_ZERO) + " (class file version "
        + m.group(1) + ")" : "a newer Java";
    int running = Runtime.version().feature();
    return "was compiled for " + compiled + ", but nn runs on Java " + running
        + (running == NN_JAVA ? "" : " (and needs only Java " + NN_JAVA + ")");
  }

  private boolean isPublic(String provider) {
    try {
      return Modifier.isPublic(Class.forName(provider, false, loader).getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return true;
    }
  }

  /**
   * The provider a LinkageError that names no provider is about (a superclass or interface missing from the
   * plugin path): ServiceLoader meets the listed classes in order, so it is the first not yet accounted for
   * that cannot be linked.
   */
  private Optional<String> failingToLink(Throwable e, Set<String> accounted) {
    if (!(e instanceof LinkageError) && !(e.getCause() instanceof LinkageError)) {
      return Optional.empty();
    }
    for (String name : listings.classNames()) {
      if (accounted.contains(name)) {
        continue;
      }
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError failed) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
