package dev.nn.spark;

import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainingBackend;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;
import java.util.Map;

/**
 * The training backend of a run whose samples Spark read ({@code source: spark}): the epochs are computed by
 * the parts that hold the table's blocks, which never leave the executors.
 */
final class FrameBackend implements TrainingBackend {
  private final FrameTraining.Prepared prepared;
  private final Map<String, String> provenance;

  FrameBackend(FrameTraining.Prepared prepared, Map<String, String> provenance) {
    this.prepared = prepared;
    this.provenance = provenance;
  }

  @Override
  public TrainingResult train(Trainer trainer, PreparedData data) {
    try {
      return trainer.train(prepared.epochs(), null, data.classification());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.translate(e);
    }
  }

  @Override
  public Map<String, String> provenance() {
    return provenance;
  }
}
