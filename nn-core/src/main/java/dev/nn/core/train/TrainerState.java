package dev.nn.core.train;

import java.util.List;
import java.util.Objects;

/**
 * A trainer's state at an epoch boundary: what a checkpoint holds.
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
 */
public record TrainerState(int epoch, long updates, double[] params, double[][] optimizerState,
    double[] bestParams, int bestEpoch, double bestValue, int epochsWithoutImprovement, List<EpochReport> history,
    End end) {

  /** Whether training had ended. */
  public enum End {
    /** Epochs remain to be trained. */
    RUNNING,
    /** Every epoch the options ask for was trained. */
    FINISHED,
    /** Early stopping ended training at {@link #epoch()}; the network holds the best epoch's parameters. */
    STOPPED_EARLY
  }

  /** Requires an end. */
  public TrainerState {
    Objects.requireNonNull(end, "end");
  }

  /** A state of a trainer with epochs to go, or whose end is decided by the options' epoch count. */
  public TrainerState(int epoch, long updates, double[] params, double[][] optimizerState, double[] bestParams,
      int bestEpoch, double bestValue, int epochsWithoutImprovement, List<EpochReport> history) {
    this(epoch, updates, params, optimizerState, bestParams, bestEpoch, bestValue, epochsWithoutImprovement, history,
        End.RUNNING);
  }
}
