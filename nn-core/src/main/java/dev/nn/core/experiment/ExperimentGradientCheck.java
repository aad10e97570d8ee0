package dev.nn.core.experiment;

import dev.nn.api.Loss;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.config.Experiment;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.CsvText;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.plugin.PluginResults;
import dev.nn.core.text.Counted;
import dev.nn.core.train.ClassWeightedLoss;
import dev.nn.core.train.Gradient;
import dev.nn.core.train.NonFiniteSource;
import dev.nn.core.train.Samples;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The gradient check of an experiment: its network, as initialised for training, checked against finite
 * differences on the first training samples (see {@link GradientCheck}).
 */
public final class ExperimentGradientCheck {
  private final Experiment experiment;
  private final Network network;
  private final Loss loss;
  private final PreparedData data;
  private final PluginRegistry registry;
  private Precision trainedIn = Precision.FLOAT64;
  /** When a plugin that fails failed, for its message. */
  private static final String DURING = "during the gradient check";

  @Inject
  ExperimentGradientCheck(Experiment experiment, Network network, Loss loss, PreparedData data,
      PluginRegistry registry) {
    this.experiment = experiment;
    this.network = network;
    this.loss = loss;
    this.data = data;
    this.registry = registry;
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
    String line = network.describe() + experiment.startingFrom() + "; checking on " + Counted.of(rows(samples), "training sample", "training samples");
    if (network.dropout() != null) {
      // J is a different function for each mask: the check holds one fixed, as one update sees it
      line += " with dropout, its masks held fixed";
    }
    if (loss instanceof ClassWeightedLoss weighted) {
      // the objective checked is the one trained: each row's loss times its class's weight
      line += ", the loss weighing classes " + ClassWeightedLoss.describe(weighted.weights());
    }
    if (data.train().weighted()) {
      // likewise: each row's loss times the weight its source's weight column gives it
      line += ", each row's loss times its weight";
    }
    // after the weights' clause, "in float64" would seem to say how the weights are held: a clause of its own
    String sep = line.endsWith("samples") ? "" : ";";
    return trainedIn == Precision.FLOAT64 ? line
        : line + sep + " in float64 (the experiment trains in " + trainedIn.yamlName() + "; gradients are always"
            + " checked in float64)";
  }

  /** The network checked. */
  public Network network() {
    return network;
  }

  /** How many samples a check of {@code requested} samples uses: no more than the training split has. */
  public int rows(int requested) {
    if (requested < 1) {
      throw new IllegalArgumentException("samples must be >= 1, found " + requested);
    }
    return Math.min(requested, data.train().size());
  }

  /** Checks backpropagation on the first {@link #rows(int) rows(samples)} training samples. */
  public GradientCheck.Result run(int samples) {
    return run(samples, done -> { });
  }

  /**
   * {@link #run(int)}, telling {@code parametersDone} now and then how many of the {@link #parameters()} are
   * checked: each takes two forward passes, so a network of many takes a while.
   */
  public GradientCheck.Result run(int samples, java.util.function.IntConsumer parametersDone) {
    Samples batch = batch(samples);
    return registry.attributing(DURING, () -> {
      GradientCheck.Result result = GradientCheck.run(network, loss, batch.x(), batch.y(),
          weights(batch, batch.rows()), batch.rows(), experiment.l2(), experiment.seed(), parametersDone);
      if (!Double.isFinite(result.objective())
          || result.mismatches().stream().anyMatch(m -> !Double.isFinite(m.analytic()))) {
        blamePluginFor(batch);
      }
      return result;
    });
  }

  /**
   * When J or backprop's gradient is not finite at the finite parameters the check starts from: throws the failure
   * of the third-party plugin that returned NaN or an infinity for finite values, as training's look-back names
   * it, so that the check names it too (its report could only say that some plugin did).
   */
  private void blamePluginFor(Samples batch) {
    int rows = batch.rows();
    Workspace ws = network.newWorkspace(rows);
    ws.setInput(batch.x(), 0, rows);
    System.arraycopy(batch.y(), 0, ws.target(), 0, rows * network.width(network.outputLayer()));
    network.forward(ws, rows);
    NonFiniteSource.inGradientCheck(network, ws, rows, loss).ifPresent(s ->
        PluginResults.blameNonFinite(s.pluginIn(network, loss), s.where() + s.detail()));
  }

  /** How many free parameters the check compares, each once. */
  public int parameters() {
    return network.parameters().size();
  }

  /**
   * Backpropagation's J and ∂J/∂θ on the first {@link #rows(int) rows(samples)} training samples, at the
   * network's current parameters: those it starts training from, unless changed through {@link #network()}.
   * The objective is the one trained: the experiment's {@code l2}, its ties, its class weights.
   */
  public Gradient gradient(int samples) {
    Samples batch = batch(samples);
    return registry.attributing(DURING, () -> Gradient.of(network, loss, batch, experiment.l2()));
  }

  /**
   * Writes {@link #gradient(int) gradient(samples)} to a CSV file with the columns {@code parameter}
   * ({@code layers[1].W[0][3]} for w(1)03, {@code layers[1].b[3]}), {@code value} and {@code gradient}: one
   * line per edge of W(1), b(1), …, W(L+1), b(L+1) in that order, row by row; an edge sharing its weight shows
   * that weight and its whole gradient, an edge the network does not have is left out. Replaced atomically.
   *
   * @return the gradient written
   */
  public Gradient writeGradient(Path file, int samples) {
    Gradient g = gradient(samples);
    ParameterStore params = network.parameters();
    StringBuilder csv = new StringBuilder(CsvText.line(List.of("parameter", "value", "gradient")));
    for (int l = 1; l <= network.outputLayer(); l++) {
      double[][] w = network.weights(l);
      double[][] gw = g.weights(l);
      for (int i = 0; i < w.length; i++) {
        for (int j = 0; j < w[i].length; j++) {
          int e = params.weightIndex(l, i, j);
          if (params.slotOf(e) >= 0) {
            csv.append(CsvText.line(List.of(params.describeEdge(e), Double.toString(w[i][j]),
                Double.toString(gw[i][j]))));
          }
        }
      }
      double[] b = network.biases(l);
      double[] gb = g.biases(l);
      for (int j = 0; j < b.length; j++) {
        int e = params.biasIndex(l, j);
        if (params.slotOf(e) >= 0) {
          csv.append(CsvText.line(List.of(params.describeEdge(e), Double.toString(b[j]), Double.toString(gb[j]))));
        }
      }
    }
    AtomicFiles.discardPartialOnExit(file);
    AtomicFiles.writeString(file, csv.toString());
    return g;
  }

  /** The weights of the first {@code rows} rows, or {@code null} when they carry none. */
  private static double[] weights(Samples batch, int rows) {
    if (!batch.weighted()) {
      return null;
    }
    double[] w = new double[rows];
    for (int r = 0; r < w.length; r++) {
      w[r] = batch.weight(r);
    }
    return w;
  }

  /** The first {@link #rows(int) rows(samples)} training samples, their inputs as doubles. */
  private Samples batch(int samples) {
    Samples train = data.trainSamples();
    int rows = rows(samples);
    double[] x = Arrays.copyOf(train.copyX(), rows * train.inputs());
    double[] y = Arrays.copyOf(train.y(), rows * train.outputs());
    return new Samples(x, y, rows, train.inputs(), train.outputs()).withWeights(weights(train, rows));
  }
}
