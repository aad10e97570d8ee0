package dev.nn.core.train;

/**
 * Observes training. Methods run on the training thread at epoch boundaries only, so they may allocate,
 * write files or print; per-step progress is read from {@link TrainingProgress} instead.
 */
public interface TrainingListener {

  /** Before the first epoch (or the first resumed one). */
  default void onStart(Trainer trainer) {}

  /** After each epoch, with its figures. */
  default void onEpochEnd(Trainer trainer, EpochReport report) {}

  /** After the last epoch, or when early stopping ends training. */
  default void onEnd(Trainer trainer, TrainingResult result) {}

  /**
   * A stop came within an epoch and the checkpoint taken there could not be written ({@code failure}: a full disk,
   * say): training still ends as stopped, and a resume goes on from the checkpoint before, losing what the epoch had
   * trained since. Runs on the training thread, as the stop ends training.
   */
  default void onStopCheckpointFailed(RuntimeException failure) {}
}
