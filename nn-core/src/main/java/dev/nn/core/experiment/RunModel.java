package dev.nn.core.experiment;

import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.network.Network;
import jakarta.inject.Inject;

/**
 * The model of a run's network as it stands: the pipeline a saved model needs (features, scaler, classes,
 * architecture, plugins by name and version) around the network the run trains. What {@link TrainingRun}
 * saves as {@code model.nnm}, and what a caller that trains the network itself (nn-spark's estimators) keeps.
 */
public final class RunModel {
  private final RunPlugins plugins;
  private final PreparedData data;
  private final Network network;

  @Inject
  RunModel(RunPlugins plugins, PreparedData data, Network network) {
    this.plugins = plugins;
    this.data = data;
    this.network = network;
  }

  /** The model of the network's current parameters. */
  public Model model() {
    return new Model(ModelSpec.of(data.train(), data.oneHot(), data.scaler(), data.targetScaler(), network,
        plugins.activationUses(), plugins.lossUse()), network, plugins.loss());
  }
}
