package dev.nn.core.plugin;

/**
 * A problem with the plugin path or with a plugin's own code, already worded for the user: it names the
 * file or the plugin (its kind, name and jar) and what is wrong. It is not a bug in nn: the user fixes it
 * by changing the plugin path, or by fixing or removing the plugin.
 */
public class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem whose {@code message} is printed as it is. */
  public PluginException(String message) {
    super(message);
  }

  /** A problem whose {@code message} is printed as it is, revealed by {@code cause}. */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
