package dev.nn.core.export;

import dev.nn.api.Activation;
import dev.nn.core.model.PluginUse;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One of nn's built-in activations as a model uses it, with every setting it has, defaults filled in: what an
 * exported file needs to compute it without nn. The defaults are those of the providers in nn-activations;
 * the export tests compare every built-in's exported form with nn's own predictions, so a changed default
 * would fail there.
 *
 * @param name the activation's name, e.g. {@code leaky-relu}
 * @param settings every setting, the model's values over the defaults
 */
record BuiltInActivation(String name, Map<String, Object> settings) {
  /** The built-ins and their settings' defaults. */
  private static final Map<String, Map<String, Object>> DEFAULTS = Map.ofEntries(
      Map.entry("identity", Map.of()),
      Map.entry("relu", Map.of()),
      Map.entry("sigmoid", Map.of()),
      Map.entry("tanh", Map.of()),
      Map.entry("softsign", Map.of()),
      Map.entry("hard-sigmoid", Map.of()),
      Map.entry("silu", Map.of()),
      Map.entry("softplus", Map.of("beta", 1.0, "threshold", 20.0)),
      Map.entry("leaky-relu", Map.of("slope", 0.01)),
      Map.entry("elu", Map.of("alpha", 1.0)),
      Map.entry("hard-tanh", Map.of("min", -1.0, "max", 1.0)),
      Map.entry("gelu", Map.of("approximate", "none")));

  /** The package of nn's own activations: a name is only trusted when nn's class implements it. */
  private static final String BUILT_IN_PACKAGE = "dev.nn.activations.";

  /** Copies, keeping the settings sorted by name. */
  BuiltInActivation {
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /**
   * The built-in activation {@code use} names, or empty when it is a plugin's.
   *
   * @param instance the activation the loaded model computes with, to make sure the name is nn's own
   */
  static Optional<BuiltInActivation> of(PluginUse use, Activation instance) {
    Map<String, Object> defaults = DEFAULTS.get(use.name());
    if (defaults == null || !instance.getClass().getName().startsWith(BUILT_IN_PACKAGE)) {
      return Optional.empty();
    }
    Map<String, Object> all = new TreeMap<>(defaults);
    for (String key : defaults.keySet()) {
      Object given = use.settings().get(key);
      if (given != null) {
        all.put(key, defaults.get(key) instanceof String ? given.toString() : number(given));
      }
    }
    return Optional.of(new BuiltInActivation(use.name(), all));
  }

  /** A numeric setting. */
  double number(String key) {
    return (Double) settings.get(key);
  }

  /** A text setting. */
  String text(String key) {
    return (String) settings.get(key);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
  }
}
