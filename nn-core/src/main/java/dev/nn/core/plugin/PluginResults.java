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
