package dev.nn.core.config;

import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import dev.nn.spi.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to a plugin by name with its settings, as written {@code relu} or
 * {@code {name: leaky-relu, slope: 0.1}}.
 *
 * @param name the plugin's name, e.g. {@code leaky-relu}
 * @param settings setting name to value (a Number, String or Boolean), in the order written, without
 *     {@code name}; never {@code null}
 * @param where where the reference was written, so that problems found later can name the line
 */
public record PluginRef(String name, Map<String, Object> settings, Position where) {

  /** Checks for {@code null} and copies. */
  public PluginRef {
    Objects.requireNonNull(name, "name");
    // insertion order is kept: the writer and the unknown-setting report follow the order written
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    Objects.requireNonNull(where, "where");
  }

  /** A reference without settings. */
  static PluginRef named(String name, Position where) {
    return new PluginRef(name, Map.of(), where);
  }

  /**
   * The settings as the plugin's provider receives them.
   *
   * @param kind how messages name the kind of plugin, e.g. {@code activation}
   */
  Settings toSettings(String kind) {
    return Settings.of(kind + " \"" + name + "\"", settings);
  }

  /**
   * Creates the plugin through the registry's typed door, with every problem placed at this reference's
   * key and line: {@code Loss loss = experiment.loss().create(registry, PluginKind.LOSS)}.
   *
   * @throws ConfigException for an unknown name, a rejected or unknown setting
   */
  public <T> T create(PluginRegistry registry, PluginKind<T> kind) {
    try {
      return registry.create(kind, name, toSettings(kind.label()));
    } catch (ConfigException e) {
      List<ConfigProblem> placed = new ArrayList<>();
      for (ConfigProblem p : e.problems()) {
        placed.add(where.place(p));
      }
      throw new ConfigException(placed);
    }
  }
}
