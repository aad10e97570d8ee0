package dev.nn.tests.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;
import java.util.Map;

/** Creates built-in activations the way the core does: provider, name and a map of settings. */
final class Plugins {
  private Plugins() {}

  /** What messages call the plugin, as the core labels it: {@code activation "leaky-relu"}. */
  static String label(ActivationProvider provider) {
    return "activation \"" + provider.name() + "\"";
  }

  /** The activation with the given settings. */
  static Activation create(ActivationProvider provider, Map<String, ?> settings) {
    return provider.create(Settings.of(label(provider), settings));
  }

  /** The activation with its defaults. */
  static Activation create(ActivationProvider provider) {
    return provider.create(Settings.empty(label(provider)));
  }
}
