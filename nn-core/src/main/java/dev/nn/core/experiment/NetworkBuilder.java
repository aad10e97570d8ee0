package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.random.RandomStream;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.Network;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * Builds the network an experiment describes: its widths, one activation per layer 1 … L+1, the weight
 * structure its ties declare, and weights drawn by its initializer from the {@link RandomStream#INIT} stream
 * of the experiment's seed.
 */
final class NetworkBuilder implements Provider<Network> {
  private final Experiment experiment;
  private final Widths widths;
  private final RunPlugins plugins;
  private final Kernels kernels;

  @Inject
  NetworkBuilder(Experiment experiment, Widths widths, RunPlugins plugins, Kernels kernels) {
    this.experiment = experiment;
    this.widths = widths;
    this.plugins = plugins;
    this.kernels = kernels;
  }

  @Override
  public Network get() {
    int[] n = widths.values();
    Network network = new Network(n, plugins.activations(), plugins.activationNames(), kernels,
        Structures.from(experiment.network(), n));
    network.initialize(plugins.initializer(), RandomStream.INIT.generator(experiment.seed()));
    return network;
  }
}
