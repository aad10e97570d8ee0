package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.LayerSpec;
import dev.nn.core.data.Dataset;
import dev.nn.core.random.RandomStream;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.Network;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * Builds the network an experiment describes: its widths, one activation per layer 1 … L+1, the weight
 * structure its ties declare, weights drawn by its initializer from the {@link RandomStream#INIT} stream
 * of the experiment's seed, and the layers' dropout.
 */
final class NetworkBuilder implements Provider<Network> {
  private final Experiment experiment;
  private final Widths widths;
  private final RunPlugins plugins;
  private final Kernels kernels;
  private final PreparedData data;

  @Inject
  NetworkBuilder(Experiment experiment, Widths widths, RunPlugins plugins, Kernels kernels, PreparedData data) {
    this.experiment = experiment;
    this.data = data;
    this.widths = widths;
    this.plugins = plugins;
    this.kernels = kernels;
  }

  @Override
  public Network get() {
    int[] n = widths.values();
    if (data.train() != null) {
      Structures.requireImageShape(experiment.network(), data.train().featureNames());
    }
    // weighed before anything is allocated: too large a network or batch is the user's to fix, not a crash
    MemoryEstimate.requireNetworkFits(experiment, n, kernels.precision().bytes(), !kernels.name().equals("java"),
        bytes(data.train()) + bytes(data.validation()) + bytes(data.test()),
        data.train() == null ? 0 : data.train().size());
    Network network = new Network(n, plugins.activations(), plugins.activationNames(),
        plugins.activationUses().stream().map(dev.nn.core.model.PluginUse::settings).toList(), kernels,
        Structures.from(experiment.network(), n));
    java.util.Optional<StartingModel> starting = StartingModel.of(experiment);
    if (starting.isPresent()) {
      starting.get().load(network);
      starting.get().checkActivations(plugins.activationUses());
    } else {
      network.initialize(plugins.initializer(), RandomStream.INIT.generator(experiment.seed()));
      requireFiniteDraws(network, plugins.initializer());
    }
    network.setDropout(experiment.network().layers().stream().mapToDouble(LayerSpec::dropout).toArray(),
        experiment.seed());
    return network;
  }

  /**
   * Blames a third-party {@code initializer} that drew a weight or bias that is not finite, naming the first: found by
   * training's first loss, it read as a divergence to be mended with the initializer's scale or the data.
   */
  private static void requireFiniteDraws(Network network, dev.nn.api.Initializer initializer) {
    dev.nn.core.network.ParameterStore p = network.parameters();
    for (int l = 1; l <= network.outputLayer(); l++) {
      int in = network.width(l - 1);
      int out = network.width(l);
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < out; j++) {
          double w = p.weight(l, i, j);
          if (!Double.isFinite(w)) {
            dev.nn.core.plugin.PluginResults.blameNonFinite(initializer, "wrote " + w + " to layers[" + l + "].W[" + i
                + "][" + j + "] (fan-in " + in + ", fan-out " + out + ")");
            return;
          }
        }
      }
      for (int j = 0; j < out; j++) {
        double b = p.bias(l, j);
        if (!Double.isFinite(b)) {
          dev.nn.core.plugin.PluginResults.blameNonFinite(initializer, "wrote " + b + " to layers[" + l + "].b[" + j
              + "] (fan-in " + in + ", fan-out " + out + ")");
          return;
        }
      }
    }
  }

  /** The bytes a data set holds: the inputs in their precision and the targets in doubles, of every sample. */
  private static long bytes(Dataset d) {
    return d == null ? 0 : (long) d.size()
        * ((long) d.featureCount() * d.inputPrecision().bytes() + (long) d.targetCount() * Double.BYTES);
  }
}
