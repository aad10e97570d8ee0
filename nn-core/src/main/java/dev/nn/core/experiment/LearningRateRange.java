package dev.nn.core.experiment;

import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.config.Experiment;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.CsvText;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.text.Significant;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.core.train.TrainingOptions;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks", 2017; fastai's
 * {@code lr_find}): from the experiment's network as initialised for training, takes updates with its optimizer,
 * batch size and loss at rates growing geometrically from {@code from} to {@code to}, and records each update's
 * mean batch loss. The loss falls while the rate is useful and climbs once it is too large; the test stops there,
 * when the smoothed loss passes four times its lowest or a batch's loss is not finite. It suggests a tenth of the
 * rate where the smoothed loss was lowest (fastai's "minimum" suggestion): near the lowest point the rate is
 * already about to throw the weights away, and the smoothing lags the loss by tens of updates.
 *
 * <p>The experiment's own schedule, warm-up and early stopping play no part; its gradient clipping, L2 term,
 * dropout and class weights do. Nothing is written and nothing is kept: the network is the test's own.
 */
public final class LearningRateRange {
  /** fastai's smoothing of the loss: an exponential mean with β = 0.98, divided by 1 − β^t. */
  static final double BETA = 0.98;
  /** The test stops once the smoothed loss passes this many times its lowest. */
  static final double DIVERGED = 4;

  private final Experiment experiment;
  private final Network network;
  private final Loss loss;
  private final Optimizer optimizer;
  private final TrainingOptions options;
  private final PreparedData data;
  private final PluginRegistry registry;

  @Inject
  LearningRateRange(Experiment experiment, Network network, Loss loss, Optimizer optimizer, TrainingOptions options,
      PreparedData data, PluginRegistry registry) {
    this.experiment = experiment;
    this.network = network;
    this.loss = loss;
    this.optimizer = optimizer;
    this.options = options;
    this.data = data;
    this.registry = registry;
  }

  /**
   * One update of the test.
   *
   * @param update from 1
   * @param rate η of the update
   * @param loss the batch's mean loss
   * @param smoothed the smoothed mean loss up to this update
   */
  public record Step(int update, double rate, double loss, double smoothed) {}

  /**
   * What the test saw.
   *
   * @param steps every update taken, in order
   * @param stopped why it stopped before the last planned update, or {@code null} when it took them all
   * @param lowest the rate where the smoothed loss was lowest after the first tenth of the steps, NaN without
   *     steps
   */
  public record Result(List<Step> steps, String stopped, double lowest) {

    /** The suggested rate: a tenth of {@link #lowest}. */
    public double suggested() {
      return lowest / 10;
    }

    /**
     * Writes the steps as CSV ({@code update,learning_rate,loss,smoothed_loss}, numbers as {@link Double#toString}),
     * whole or not at all.
     */
    public void writeCsv(Path file) {
      StringBuilder csv = new StringBuilder(CsvText.line(List.of("update", "learning_rate", "loss", "smoothed_loss")));
      for (Step s : steps) {
        csv.append(CsvText.line(List.of(Integer.toString(s.update()), Double.toString(s.rate()),
            Double.toString(s.loss()), Double.toString(s.smoothed()))));
      }
      AtomicFiles.discardPartialOnExit(file);
      AtomicFiles.writeString(file, csv.toString());
    }
  }

  /** One line for people: the network and the test's plan. */
  public String describe(double from, double to, int updates) {
    return network.describe() + experiment.startingFrom() + "; " + updates + " updates of batch size " + options.batchSize() + " with "
        + experiment.optimizer().optimizer().name() + ", the rate growing from " + Significant.of(from, 3) + " to "
        + Significant.of(to, 3);
  }

  /**
   * Runs the test.
   *
   * @param from η of the first update, {@code > 0}
   * @param to η of the last update, {@code > from}
   * @param updates how many updates at most, {@code >= 2}
   */
  public Result run(double from, double to, int updates) {
    return registry.attributing("during the learning-rate range test", () -> measure(from, to, updates));
  }

  private Result measure(double from, double to, int updates) {
    if (!(from > 0) || !(to > from) || Double.isInfinite(to) || updates < 2) {
      throw new IllegalArgumentException("the range needs 0 < from < to, finite, and at least 2 updates, found "
          + from + ", " + to + " and " + updates);
    }
    LearningRateSchedule growing = (update, epoch) -> rate(from, to, updates, update);
    Trainer trainer = new Trainer(network, loss, optimizer, growing, options, List.of());
    Samples train = data.trainSamples();
    int n = train.rows();
    int batch = options.batchSize();
    int perEpoch = (n + batch - 1) / batch;
    List<Step> steps = new ArrayList<>();
    String stopped = null;
    double mean = 0;
    double lowest = Double.POSITIVE_INFINITY;
    for (int u = 0; u < updates; u++) {
      int rows = Math.min(batch, n - (u % perEpoch) * batch);
      double batchLoss;
      try {
        batchLoss = trainer.runUpdates(train, u, 1, experiment.seed()) / rows;
      } catch (TrainingDivergedException e) {
        stopped = "the loss of update " + (u + 1) + " was not finite";
        break;
      }
      mean = BETA * mean + (1 - BETA) * batchLoss;
      double smoothed = mean / (1 - Math.pow(BETA, u + 1));
      steps.add(new Step(u + 1, rate(from, to, updates, u + 1), batchLoss, smoothed));
      lowest = Math.min(lowest, smoothed);
      if (smoothed > DIVERGED * lowest) {
        stopped = "after update " + (u + 1) + " the smoothed loss passed " + (int) DIVERGED + " times its lowest";
        break;
      }
    }
    return new Result(List.copyOf(steps), stopped, lowest(steps));
  }

  /** η of update {@code update} (from 1): from·(to/from)^((update − 1)/(updates − 1)). */
  static double rate(double from, double to, int updates, long update) {
    return from * Math.pow(to / from, (double) (update - 1) / (updates - 1));
  }

  /**
   * The rate at the lowest smoothed loss, leaving out the first tenth of the steps, where the smoothed loss is the
   * mean of a few batches and as noisy as they are; NaN without steps.
   */
  static double lowest(List<Step> steps) {
    Step low = null;
    for (Step s : steps.subList(steps.size() / 10, steps.size())) {
      if (low == null || s.smoothed() < low.smoothed()) {
        low = s;
      }
    }
    return low == null ? Double.NaN : low.rate();
  }
}
