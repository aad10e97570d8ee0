package dev.nn.core.train;

/**
 * The figures of one finished epoch.
 *
 * @param epoch from 1
 * @param updates optimizer updates so far
 * @param learningRate η of the epoch's last update
 * @param trainLoss mean L_n over the epoch's training samples, as computed during the epoch
 * @param validation the validation split's metrics at the epoch's end, or {@code null} without one
 * @param seconds wall time of the epoch
 */
public record EpochReport(int epoch, long updates, double learningRate, double trainLoss, Metrics validation,
    double seconds) {}
