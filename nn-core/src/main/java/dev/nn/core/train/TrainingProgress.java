package dev.nn.core.train;

/**
 * Counters the training loop updates with plain volatile writes, so a progress display on another thread
 * can read them without the loop allocating or calling out.
 */
public final class TrainingProgress {
  volatile int epoch;
  volatile int epochs;
  volatile long batchesDone;
  volatile long batchesPerEpoch;
  volatile double lastEpochLoss = Double.NaN;
  volatile double runningLoss = Double.NaN;
  volatile long samplesPerEpoch;
  volatile boolean validating;

  /** The epoch in progress, from 1 (0 before training). */
  public int epoch() {
    return epoch;
  }

  /** The number of epochs planned. */
  public int epochs() {
    return epochs;
  }

  /** Batches finished in the current epoch. */
  public long batchesDone() {
    return batchesDone;
  }

  /** Batches in one epoch. */
  public long batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** Mean training loss over the current epoch's finished batches. */
  public double runningLoss() {
    return runningLoss;
  }

  /** Mean training loss of the last finished epoch. */
  public double lastEpochLoss() {
    return lastEpochLoss;
  }

  /** Training samples in one epoch. */
  public long samplesPerEpoch() {
    return samplesPerEpoch;
  }

  /** Whether the epoch's batches are done and the validation split is being evaluated. */
  public boolean validating() {
    return validating;
  }
}
