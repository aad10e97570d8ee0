package dev.nn.core.experiment;

/**
 * The rows a batch takes: the batch size, or the training split's rows when there are fewer. What the kernels are
 * chosen for and what memory is weighed for; a batch size above the rows trains as one batch of all of them.
 */
final class ExperimentBatch {
  private ExperimentBatch() {}

  /** {@code batchSize}, or {@code trainingRows} when fewer and known (more than 0). */
  static int rows(int batchSize, int trainingRows) {
    return trainingRows > 0 ? Math.min(batchSize, trainingRows) : batchSize;
  }
}
