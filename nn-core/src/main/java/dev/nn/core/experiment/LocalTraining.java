package dev.nn.core.experiment;

import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;

/** The training backend of a run in this process: the trainer runs its epochs on the prepared samples. */
final class LocalTraining implements TrainingBackend {
  @Override
  public TrainingResult train(Trainer trainer, PreparedData data) {
    return trainer.train(data.trainSamples(), data.validationSamples(), data.classification(), data.targetUnits());
  }

  @Override
  public void check(Trainer trainer, PreparedData data) {
    trainer.check(data.trainSamples(), data.validationSamples());
  }
}
