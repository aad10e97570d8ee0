package dev.nn.core.train;

import java.util.List;

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
 */
public record TrainerState(int epoch, long updates, double[] params, double[][] optimizerState,
    double[] bestParams, int bestEpoch, double bestValue, int epochsWithoutImprovement, List<EpochReport> history) {}
