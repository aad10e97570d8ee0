package dev.nn.core.experiment;

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

  /** What the run's provenance records about where it trained; empty for a run in one process. */
  default Map<String, String> provenance() {
    return Map.of();
  }
}
