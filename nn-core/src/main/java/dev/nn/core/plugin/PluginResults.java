package dev.nn.core.plugin;

/**
 * Checks what a plugin returned where nn goes on to use it: a {@code null} from a method the SPI says never
 * returns one would otherwise surface later as a NullPointerException in nn's own code, which reads as a bug
 * in nn. The exception thrown here names the plugin object and the method, so that
 * {@link PluginRegistry#blame} reports it as that plugin's failure. Called where plugins are set up (an
 * updater per parameter block, a checkpoint's state), never per value; and off the hot path, where a look-back
 * found a plugin's value not finite for finite arguments (a prediction, a gradient check).
 */
public final class PluginResults {
  private PluginResults() {}

  /**
   * {@code value}, if it is not {@code null}.
   *
   * @param plugin the plugin object whose method returned {@code value}
   * @param method the method and its arguments, for the message: "newUpdater(120)"
   * @throws Broken when {@code value} is null
   */
  public static <T> T nonNull(T value, Object plugin, String method) {
    if (value == null) {
      throw new Broken(plugin, "returned null from " + method, ", where a value is required");
    }
    return value;
  }

  /**
   * The failure of {@code plugin}, which returned a value that is not finite for finite arguments ({@code what}:
   * "returned NaN for z = 0.5"), found where nn checked what it made ({@link PluginRegistry#blame} names it);
   * thrown by the caller.
   */
  public static RuntimeException nonFinite(Object plugin, String what) {
    return new Broken(plugin, what, "; a plugin must return finite values for finite arguments: the plugin's author"
        + " can fix it");
  }

  /**
   * Throws {@link #nonFinite} when {@code plugin} is a third-party plugin (or an object of one); nn's own plugins
   * give values that are not finite only for extreme arguments, which are not their fault, so for them (and for
   * {@code null}) it returns.
   */
  public static void blameNonFinite(Object plugin, String what) {
    if (plugin != null && !plugin.getClass().getName().startsWith("dev.nn.")) {
      throw nonFinite(plugin, what);
    }
  }

  /**
   * A plugin returned what its contract rules out: {@code null} where a value is required, or a value that is not
   * finite for finite arguments.
   */
  static final class Broken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object plugin;
    private final String what;
    private final String rule;

    Broken(Object plugin, String what, String rule) {
      super(plugin.getClass().getName() + " " + what);
      this.plugin = plugin;
      this.what = what;
      this.rule = rule;
    }

    /** The plugin object, or null after serialization. */
    Object plugin() {
      return plugin;
    }

    /** What it returned, for what: "returned null from newUpdater(120)". */
    String what() {
      return what;
    }

    /** What the contract asks, to follow the message: ", where a value is required". */
    String rule() {
      return rule;
    }
  }
}
