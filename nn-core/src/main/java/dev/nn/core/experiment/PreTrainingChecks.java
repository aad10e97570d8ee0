package dev.nn.core.experiment;

import dev.nn.core.kernel.KernelChoice;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Everything a run builds and checks before its run directory exists, built and checked without training: the
 * plugins, the data, the network and the kernels, and the trainer with what only it finds wrong (class weights
 * against the classes, a monitored accuracy of a regression, samples that do not suit the network). What
 * {@code Nn.check} and {@code nn validate} run, so that they refuse what {@code nn train} would.
 */
public final class PreTrainingChecks {
  private final TrainerFactory trainers;
  private final TrainingBackend backend;
  private final PreparedData data;
  private final KernelChoice.Choice kernels;

  @Inject
  PreTrainingChecks(TrainerFactory trainers, TrainingBackend backend, PreparedData data, KernelChoice.Choice kernels) {
    this.trainers = trainers;
    this.backend = backend;
    this.data = data;
    this.kernels = kernels;
  }

  /**
   * Builds the trainer and checks the samples as {@link TrainingRun#run} does first, then stops the kernels' threads.
   *
   * @param notes told the data's notes, as a run tells them before it trains
   * @return the network built, described as training prints it
   * @throws dev.nn.spi.ConfigException for a setting only the trainer's parts check
   * @throws IllegalArgumentException when the data cannot be trained on
   */
  public String run(java.util.function.Consumer<String> notes) {
    data.notes().forEach(notes);
    try {
      dev.nn.core.train.Trainer trainer = trainers.create(List.of());
      backend.check(trainer, data);
      return trainer.network().describe();
    } finally {
      kernels.kernels().close();
    }
  }
}
