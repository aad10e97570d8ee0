package dev.nn.core.train;

import java.util.List;
import java.util.Objects;

/**
 * A trainer's state at an epoch boundary, or within an epoch: what a checkpoint holds.
 *
 * @param epoch epochs completed
 * @param updates optimizer updates applied
 * @param params every parameter, in store order
 * @param optimizerState each parameter block's optimizer state
 * @param bestParams the parameters of the best epoch so far under early stopping, or {@code null}
 * @param bestEpoch that epoch
 * @param bestValue its monitored value (lower is better), or NaN
 * @param epochsWithoutImprovement epochs since it
 * @param history the reports of the epochs completed
 * @param end whether training had ended when the state was taken, and how: a resumed trainer whose state
 *     says it ended trains no further, so resuming a run killed while it wrote its model only redoes the writing
 * @param within how far the trainer had got into epoch {@code epoch + 1}, or {@code null} at an epoch boundary
 */
public record TrainerState(int epoch, long updates, double[] params, double[][] optimizerState,
    double[] bestParams, int bestEpoch, double bestValue, int epochsWithoutImprovement, List<EpochReport> history,
    End end, Within within) {

  /**
   * How far an epoch in progress had got: what its remaining batches need to go on as if it had not stopped.
   *
   * @param batches the epoch's batches already trained, at least 1 and fewer than the epoch has
   * @param batchSize the batch size they were trained with: the position means nothing at another
   * @param rows the training rows the epoch visits: likewise
   * @param lossSum Σ L_n over their samples, in the order the epoch added them
   * @param seconds the time the epoch had taken so far
   * @param firstBatchLoss the untrained network's mean loss, with which the first epoch's mean is compared, or NaN
   */
  public record Within(int batches, int batchSize, int rows, double lossSum, double seconds, double firstBatchLoss) {
    /** Requires at least one batch. */
    public Within {
      if (batches < 1 || batchSize < 1 || (long) batches * batchSize >= rows) {
        throw new IllegalArgumentException("a state within an epoch has trained at least 1 of its batches and not"
            + " all, found " + batches + " batches of " + batchSize + " over " + rows + " rows");
      }
    }
  }

  /** Whether training had ended. */
  public enum End {
    /** Epochs remain to be trained. */
    RUNNING,
    /** Every epoch the options ask for was trained. */
    FINISHED,
    /** Early stopping ended training at {@link #epoch()}; the network holds the best epoch's parameters. */
    STOPPED_EARLY
  }

  /** Requires an end; a state within an epoch has epochs to go. */
  public TrainerState {
    Objects.requireNonNull(end, "end");
    if (within != null && end != End.RUNNING) {
      throw new IllegalArgumentException("a state within an epoch has epochs to go, found end " + end);
    }
  }

  /** A state at an epoch boundary. */
  public TrainerState(int epoch, long updates, double[] params, double[][] optimizerState, double[] bestParams,
      int bestEpoch, double bestValue, int epochsWithoutImprovement, List<EpochReport> history, End end) {
    this(epoch, updates, params, optimizerState, bestParams, bestEpoch, bestValue, epochsWithoutImprovement, history,
        end, null);
  }

  /** A state of a trainer with epochs to go, or whose end is decided by the options' epoch count. */
  public TrainerState(int epoch, long updates, double[] params, double[][] optimizerState, double[] bestParams,
      int bestEpoch, double bestValue, int epochsWithoutImprovement, List<EpochReport> history) {
    this(epoch, updates, params, optimizerState, bestParams, bestEpoch, bestValue, epochsWithoutImprovement, history,
        End.RUNNING);
  }
}
