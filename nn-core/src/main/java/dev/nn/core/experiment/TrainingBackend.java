package dev.nn.core.experiment;

import dev.nn.api.Loss;
import dev.nn.core.network.Network;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;
import java.util.Map;

/**
 * Where a run's epochs are computed. {@link CoreModule} binds the one in this process ({@link LocalTraining}), which trains on the
 * prepared samples; a distributed backend (nn-spark) overrides the binding and computes the same epochs on a
 * cluster, while {@link TrainingRun} keeps everything else — the run directory, checkpoints, evaluation,
 * the model file, the report — exactly as for a run in one process.
 */
public interface TrainingBackend {

  /**
   * Trains with {@code trainer} from its current epoch to the last one.
   *
   * @throws dev.nn.core.train.TrainingDivergedException when a batch's loss is NaN or infinite
   */
  TrainingResult train(Trainer trainer, PreparedData data);

  /**
   * Checks, before the run directory is created, what {@link #train} would find wrong with the data at its
   * start. In this process: that the samples suit the network and the loss. Nothing by default.
   *
   * @throws IllegalArgumentException when the data cannot be trained on
   */
  default void check(Trainer trainer, PreparedData data) {}

  /**
   * The network's figures on the run's validation split, or {@code null} when it has none. In this process:
   * computed from the prepared samples.
   */
  default Metrics validation(Network network, Loss loss, PreparedData data) {
    return data.validation() == null ? null
        : new Evaluator(network, loss, 256, data.targetUnits()).evaluate(data.validationSamples(),
            data.classification());
  }

  /** The network's figures on the run's test split, or {@code null} when it has none; as {@link #validation}. */
  default Metrics test(Network network, Loss loss, PreparedData data) {
    return data.test() == null ? null
        : new Evaluator(network, loss, 256, data.targetUnits()).evaluate(data.testSamples(), data.classification());
  }

  /** What the run's provenance records about where it trained; empty for a run in one process. */
  default Map<String, String> provenance() {
    return Map.of();
  }
}
