package dev.nn.spi;

/**
 * What {@link java.util.ServiceLoader} finds: a named factory of one kind of plugin.
 *
 * @param <T> what it creates: an Activation, Loss, Optimizer or Initializer
 */
public interface PluginProvider<T> {

  /**
   * The name an experiment uses, lowercase kebab-case ({@code leaky-relu}), unique among the plugins
   * of one kind. Never {@code null}.
   */
  String name();

  /**
   * The plugin's version: by default the {@code Implementation-Version} in the manifest of the jar this provider's
   * class came from, else "unknown".
   */
  default String version() {
    String v = JarVersion.of(getClass());
    return v == null ? "unknown" : v;
  }

  /** One line for listings: the formula or rule, e.g. "max(0, z)". Never {@code null}. */
  String summary();

  /**
   * The settings this plugin reads, with defaults and allowed values, for listings and error messages:
   * e.g. "slope: number >= 0, default 0.01". Empty when it reads none. Never {@code null}.
   */
  default String settingsHelp() {
    return "";
  }

  /**
   * Creates the plugin from its settings.
   *
   * @throws ConfigException naming the setting, this plugin, what was found and what is allowed,
   *     when a setting has the wrong type or is out of range
   */
  T create(Settings settings);
}
