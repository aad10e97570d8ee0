package dev.nn.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A plugin as a model refers to it: by name, version and settings, never by Java class.
 *
 * @param name the plugin's YAML name
 * @param version the version that trained the model
 * @param settings its settings (numbers, strings, booleans)
 */
public record PluginUse(String name, String version, Map<String, Object> settings) {
  /** Copies. */
  public PluginUse {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    settings = Map.copyOf(settings);
  }
}
