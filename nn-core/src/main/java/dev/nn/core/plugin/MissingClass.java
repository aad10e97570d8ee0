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
    return "needs the class " + missing.replace('/', '.') + ", which is not on the plugin path: put the jar that"
        + " holds it on the plugin path too (a jar without service files is taken as a library)";
  }
}
