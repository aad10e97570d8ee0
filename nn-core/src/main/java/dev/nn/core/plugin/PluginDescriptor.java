package dev.nn.core.plugin;

/**
 * What the registry knows about one plugin: for listings, provenance and messages.
 *
 * @param kind activation, loss, optimizer or initializer
 * @param name the YAML name
 * @param version the provider's {@code version()}
 * @param className the provider class
 * @param origin the jar or directory the class came from, or "unknown"
 * @param summary the provider's one-line summary
 * @param settingsHelp the provider's {@code settingsHelp()}: the settings it reads, or empty when it reads none
 */
public record PluginDescriptor(PluginKind<?> kind, String name, String version, String className, String origin,
    String summary, String settingsHelp) {

  /** A plugin that reads no settings, or whose settings are not known. */
  public PluginDescriptor(PluginKind<?> kind, String name, String version, String className, String origin,
      String summary) {
    this(kind, name, version, className, origin, summary, "");
  }

  /** Whether the provider is one of nn's own (nn-activations, nn-losses, nn-core), which change with nn itself. */
  public boolean builtIn() {
    return builtIn(className);
  }

  /** Whether {@code providerClass} is one of nn's own providers. */
  public static boolean builtIn(String providerClass) {
    return PluginBlame.builtIn(providerClass);
  }

  /** "relu → dev.nn.activations.ReluProvider (nn-activations-0.1.0.jar, v0.1.0)". */
  @Override
  public String toString() {
    return name + " → " + className + " (" + origin + ", v" + version + ")";
  }
}
