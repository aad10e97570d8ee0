package dev.nn.core.experiment;

import dev.nn.api.Loss;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.config.Experiment;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.train.ClassWeightedLoss;
import dev.nn.core.train.Samples;
import jakarta.inject.Inject;
import java.util.Arrays;

/**
 * The gradient check of an experiment: its network, as initialised for training, checked against finite
 * differences on the first training samples (see {@link GradientCheck}).
 */
public final class ExperimentGradientCheck {
  private final Experiment experiment;
  private final Network network;
  private final Loss loss;
  private final PreparedData data;
  private Precision trainedIn = Precision.FLOAT64;

  @Inject
  ExperimentGradientCheck(Experiment experiment, Network network, Loss loss, PreparedData data) {
    this.experiment = experiment;
    this.network = network;
    this.loss = loss;
    this.data = data;
  }

  /**
   * Records the precision the experiment trains in: checks always run in float64 (finite differences in
   * float32 would measure rounding, not the derivative), and {@link #describe} says so.
   */
  public ExperimentGradientCheck trainedIn(Precision precision) {
    this.trainedIn = precision;
    return this;
  }

  /**
   * One line for people: the network, the samples, whether dropout's masks are held fixed, and for a float32
   * experiment that the check runs in float64.
   */
  public String describe(int samples) {
    String line = network.describe() + "; checking on " + rows(samples) + " training samples";
    if (network.dropout() != null) {
      // J is a different function for each mask: the check holds one fixed, as one update sees it
      line += " with dropout, its masks held fixed";
    }
    if (loss instanceof ClassWeightedLoss weighted) {
      // the objective checked is the one trained: each row's loss times its class's weight
      line += ", the loss weighing classes " + ClassWeightedLoss.describe(weighted.weights());
    }
    return trainedIn == Precision.FLOAT64 ? line
        : line + " in float64 (the experiment trains in " + trainedIn.yamlName() + "; gradients are always checked in "
            + "float64)";
  }

  /** The network checked. */
  public Network network() {
    return network;
  }

  /** How many samples a check of {@code requested} samples uses: no more than the training split has. */
  public int rows(int requested) {
    return Math.min(requested, data.train().size());
  }

  /** Checks backpropagation on the first {@link #rows(int) rows(samples)} training samples. */
  public GradientCheck.Result run(int samples) {
    Samples train = data.trainSamples();
    int rows = rows(samples);
    double[] x = Arrays.copyOf(train.copyX(), rows * train.inputs());
    double[] y = Arrays.copyOf(train.y(), rows * train.outputs());
    return GradientCheck.run(network, loss, x, y, rows, experiment.l2(), experiment.seed());
  }
}
