package dev.nn.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code training} section.
 *
 * @param epochs passes over the training data, {@code >= 1}
 * @param batchSize B, samples per update, {@code >= 1}; 1 is the lecture's SGD
 * @param shuffle whether each epoch visits the samples in a fresh seeded permutation
 * @param earlyStopping when to stop before {@code epochs}; empty when off
 * @param checkpointEvery a checkpoint every this many epochs, {@code >= 1}
 * @param checkpointMinutes a checkpoint within an epoch once this many minutes have passed since the last one,
 *     {@code > 0}; infinite for none
 * @param classWeights how much each class's rows weigh in the loss trained on; empty: all alike
 */
public record TrainingSpec(int epochs, int batchSize, boolean shuffle, Optional<EarlyStopping> earlyStopping,
    int checkpointEvery, double checkpointMinutes, Optional<ClassWeights> classWeights) {
  /** The minutes after the last checkpoint at which one is taken within an epoch, unless an experiment says. */
  public static final double DEFAULT_CHECKPOINT_MINUTES = 10;

  /** Checks for {@code null}. */
  public TrainingSpec {
    Objects.requireNonNull(earlyStopping, "earlyStopping");
    Objects.requireNonNull(classWeights, "classWeights");
    if (!(checkpointMinutes > 0)) {
      throw new IllegalArgumentException("checkpointMinutes must be > 0 (infinite for none), found "
          + checkpointMinutes);
    }
  }
}
