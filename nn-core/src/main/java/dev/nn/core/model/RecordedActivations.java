package dev.nn.core.model;

import dev.nn.api.Activation;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ConfigException;
import dev.nn.spi.Settings;

/**
 * Checks, before a model is saved, that the activations its spec records are the ones its network computes
 * with: a network built in code may hold an activation with settings the spec does not record (a leaky ReLU
 * of another slope under the same name), and the model loaded from the file would then predict differently
 * without a word. Each recorded activation is created as loading will create it and compared with the
 * network's, bit for bit, at points on both sides of zero and of each kink.
 */
public final class RecordedActivations {
  private static final double[] POINTS = {-8, -3, -1, -0.5, -0.125, -1e-3, 0, 1e-3, 0.125, 0.5, 1, 3, 8};
  private static final double[] NEAR_KINK = {-1e-3, 0, 1e-3};

  private RecordedActivations() {}

  /**
   * Fails unless every activation {@code spec} records, created from {@code registry} with its recorded
   * settings, computes what {@code network}'s activation of that layer computes.
   *
   * @throws IllegalArgumentException naming the layer, the recorded plugin and a point where they differ
   */
  public static void requireComputedBy(ModelSpec spec, Network network, PluginRegistry registry) {
    for (int l = 1; l <= network.outputLayer(); l++) {
      PluginUse use = spec.activations().get(l - 1);
      Activation recorded;
      try {
        recorded = registry.create(PluginKind.ACTIVATION, use.name(),
            Settings.of("activation \"" + use.name() + "\"", use.settings()));
      } catch (ConfigException e) {
        throw new IllegalArgumentException("layer " + l + "'s activation as the model records it cannot be created: "
            + e.getMessage(), e);
      }
      Activation actual = network.activation(l);
      for (double z : points(actual)) {
        double want = actual.phi(z);
        double got = recorded.phi(z);
        if (Double.compare(want, got) != 0) {
          throw new IllegalArgumentException("layer " + l + " computes φ(" + z + ") = " + want + ", but the model "
              + "records \"" + use.name() + "\" with settings " + use.settings() + ", which computes " + got
              + "; record the settings the network's activation was created with");
        }
      }
    }
  }

  private static double[] points(Activation a) {
    double[] kinks = a.kinks();
    double[] all = java.util.Arrays.copyOf(POINTS, POINTS.length + NEAR_KINK.length * kinks.length);
    for (int k = 0; k < kinks.length; k++) {
      for (int i = 0; i < NEAR_KINK.length; i++) {
        all[POINTS.length + k * NEAR_KINK.length + i] = kinks[k] + NEAR_KINK[i];
      }
    }
    return all;
  }
}
