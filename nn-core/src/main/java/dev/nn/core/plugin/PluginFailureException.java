package dev.nn.core.plugin;

/**
 * A plugin's own code failed: it threw while nn called it, during training, prediction or any other
 * step. The message names the plugin (kind, name and jar), what it threw and in which of its methods, so
 * the user knows whose code to fix or remove; the plugin's exception is the cause, for {@code --debug}.
 */
public final class PluginFailureException extends PluginException {
  private static final long serialVersionUID = 1L;

  private final transient PluginDescriptor plugin;

  PluginFailureException(String message, PluginDescriptor plugin, Throwable cause) {
    super(message, cause);
    this.plugin = plugin;
  }

  /**
   * A failure of {@code plugin} that nn found rather than caught: a value it returned breaks its contract.
   *
   * @param message names the plugin and its jar, and says what it did
   */
  public static PluginFailureException of(PluginDescriptor plugin, String message, Throwable cause) {
    return new PluginFailureException(message, plugin, cause);
  }

  /** The plugin that failed, or {@code null} when only its jar is known (several plugins of it were in use). */
  public PluginDescriptor plugin() {
    return plugin;
  }
}
