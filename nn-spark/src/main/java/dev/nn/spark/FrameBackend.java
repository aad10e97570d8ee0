package dev.nn.spark;

import dev.nn.api.Loss;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.network.Network;
import dev.nn.core.train.Metrics;
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
  private final HeldOutFrame validation;
  private final HeldOutFrame test;
  private final Map<String, String> provenance;

  /**
   * @param validation the validation rows, or {@code null}
   * @param test the test rows, or {@code null}
   */
  FrameBackend(FrameTraining.Prepared prepared, HeldOutFrame validation, HeldOutFrame test,
      Map<String, String> provenance) {
    this.prepared = prepared;
    this.validation = validation;
    this.test = test;
    this.provenance = provenance;
  }

  @Override
  public TrainingResult train(Trainer trainer, PreparedData data) {
    try {
      Trainer.Validation figures = validation == null ? null
          : c -> validation.evaluate(trainer.network().parameters().toArray(), c);
      return trainer.train(prepared.epochs(), figures, data.classification());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.translate(e);
    }
  }

  @Override
  public Metrics validation(Network network, Loss loss, PreparedData data) {
    return figures(validation, network, data);
  }

  @Override
  public Metrics test(Network network, Loss loss, PreparedData data) {
    return figures(test, network, data);
  }

  private static Metrics figures(HeldOutFrame rows, Network network, PreparedData data) {
    if (rows == null) {
      return null;
    }
    try {
      return rows.evaluate(network.parameters().toArray(), data.classification());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.translate(e);
    }
  }

  @Override
  public Map<String, String> provenance() {
    return provenance;
  }
}
