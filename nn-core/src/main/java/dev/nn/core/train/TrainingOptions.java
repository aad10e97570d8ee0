package dev.nn.core.train;

/**
 * How to train: the core's settings, read from the experiment's {@code training} section and {@code l2}.
 *
 * @param epochs passes over the training samples, >= 1
 * @param batchSize rows per update, >= 1; 1 is the lecture's SGD
 * @param shuffle whether each epoch visits a fresh seeded permutation (sampling without replacement)
 * @param l2 λ of the L2 term (λ/2)·Σw² over weights, >= 0
 * @param seed the seed of every random choice the trainer makes
 * @param patience early stopping: epochs without improvement of the monitored value before stopping;
 *     0 turns early stopping off
 * @param monitor what early stopping and model choice watch on the validation split
 * @param minDelta the smallest change that counts as an improvement
 * @param clipNorm the largest Euclidean norm of the loss's gradient an update uses (a larger one is scaled down to
 *     it, before the L2 term is added); 0 clips nothing
 */
public record TrainingOptions(int epochs, int batchSize, boolean shuffle, double l2, long seed, int patience,
    Monitor monitor, double minDelta, double clipNorm) {

  /** The validation figure early stopping watches. */
  public enum Monitor {
    /** Mean validation loss; lower is better. */
    VAL_LOSS,
    /** Validation accuracy (classification); higher is better. */
    VAL_ACCURACY
  }

  /** Validates. */
  public TrainingOptions {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0, found " + l2);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, found " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("min-delta must be >= 0, found " + minDelta);
    }
    dev.nn.core.text.Required.of(monitor, "monitor", "what early stopping watches: Monitor.VAL_LOSS or VAL_ACCURACY");
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clip-norm must be a finite number > 0, or 0 for none, found " + clipNorm);
    }
  }

  /** Without gradient clipping. */
  public TrainingOptions(int epochs, int batchSize, boolean shuffle, double l2, long seed, int patience,
      Monitor monitor, double minDelta) {
    this(epochs, batchSize, shuffle, l2, seed, patience, monitor, minDelta, 0.0);
  }

  /** Plain training without early stopping. */
  public static TrainingOptions of(int epochs, int batchSize, long seed) {
    return new TrainingOptions(epochs, batchSize, true, 0.0, seed, 0, Monitor.VAL_LOSS, 0.0);
  }
}
