package dev.nn.core.plugin;

/**
 * What to do about a plugin that needs a class nothing on the plugin path holds: almost always a third-party
 * library the plugin was built with, whose jar was not put beside the plugin's.
 */
final class MissingClass {
  private MissingClass() {}

  /**
   * "needs the class org.lib.X, which is not on the plugin path: put the jar that holds it on the plugin path
   * too (a jar without service files is taken as a library)".
   *
   * @param missing the class's name, in either form (NoClassDefFoundError's message uses slashes)
   */
  static String advice(String missing) {
    String name = missing.replace('/', '.');
    if (name.startsWith("dev.nn.")) {
      // nn's own API is never taken from the plugin path: a class of it that is missing is a newer nn's
      return "needs the class " + name + ", which this nn does not have: the plugin was built against a newer"
          + " nn-api; upgrade nn, or build the plugin against this nn's nn-api";
    }
    return "needs the class " + name + ", which is not on the plugin path: put the jar that"
        + " holds it on the plugin path too (a jar without service files is taken as a library)";
  }

  /**
   * The advice for {@code e}, or empty when it is not about a class that is missing: "Could not initialize
   * class X" means X is there but its static initializer failed, which is reported where it first failed.
   */
  static java.util.Optional<String> adviceFor(NoClassDefFoundError e) {
    return adviceForMissing(e);
  }

  /**
   * "a plugin whose classes are all there: it needs …" for a missing class, "a plugin built against this nn's
   * nn-api: …" for a member of nn's API it calls that is not there as it expects ({@code NoSuchMethodError},
   * {@code AbstractMethodError}: a plugin built against another nn-api); empty for any other linkage error.
   */
  static java.util.Optional<String> allowedFor(LinkageError e) {
    if (e instanceof NoClassDefFoundError missing) {
      return adviceForMissing(missing).map(advice -> "a plugin whose classes are all there: it " + advice);
    }
    boolean member = e instanceof NoSuchMethodError || e instanceof NoSuchFieldError
        || e instanceof AbstractMethodError || e instanceof IncompatibleClassChangeError;
    if (member && String.valueOf(e.getMessage()).contains("dev.nn.")) {
      return java.util.Optional.of("a plugin built against the nn-api of this nn (nn --version names it): it uses a"
          + " part of nn's API that this nn does not have as the plugin expects, so it was built against another"
          + " nn-api; build it against this one");
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> adviceForMissing(NoClassDefFoundError e) {
    String message = e.getMessage();
    if (message == null || message.startsWith("Could not initialize class")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(advice(message));
  }
}
