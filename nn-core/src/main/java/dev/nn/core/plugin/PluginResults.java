package dev.nn.core.plugin;

/**
 * Checks what a plugin returned where nn goes on to use it: a {@code null} from a method the SPI says never
 * returns one would otherwise surface later as a NullPointerException in nn's own code, which reads as a bug
 * in nn. The exception thrown here names the plugin object and the method, so that
 * {@link PluginRegistry#blame} reports it as that plugin's failure. Called where plugins are set up (an
 * updater per parameter block, a checkpoint's state), never per value.
 */
public final class PluginResults {
  private PluginResults() {}

  /**
   * {@code value}, if it is not {@code null}.
   *
   * @param plugin the plugin object whose method returned {@code value}
   * @param method the method and its arguments, for the message: "newUpdater(120)"
   * @throws ReturnedNull when {@code value} is null
   */
  public static <T> T nonNull(T value, Object plugin, String method) {
    if (value == null) {
      throw new ReturnedNull(plugin, method);
    }
    return value;
  }

  /**
   * The failure of {@code plugin}, which returned a value that is not finite for finite arguments ({@code what}:
   * "returned NaN for z = 0.5"), found where nn checked what it made ({@link PluginRegistry#blame} names it);
   * thrown by the caller.
   */
  public static RuntimeException nonFinite(Object plugin, String what) {
    return new ReturnedNonFinite(plugin, what);
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

  /** A plugin returned NaN or an infinity for finite arguments. */
  static final class ReturnedNonFinite extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object plugin;
    private final String what;

    ReturnedNonFinite(Object plugin, String what) {
      super(plugin.getClass().getName() + " " + what);
      this.plugin = plugin;
      this.what = what;
    }

    /** The plugin object, or null after serialization. */
    Object plugin() {
      return plugin;
    }

    /** What it returned, for what. */
    String what() {
      return what;
    }
  }

  /** A plugin method returned {@code null} where the SPI promises a value. */
  static final class ReturnedNull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object plugin;
    private final String method;

    ReturnedNull(Object plugin, String method) {
      super(plugin.getClass().getName() + " returned null from " + method);
      this.plugin = plugin;
      this.method = method;
    }

    /** The plugin object, or null after serialization. */
    Object plugin() {
      return plugin;
    }

    /** The method, with its arguments. */
    String method() {
      return method;
    }
  }
}
