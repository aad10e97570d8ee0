package dev.nn.core.train;

import dev.nn.core.text.Significant;
import java.util.List;

/**
 * Decides at an epoch's end whether training has diverged although every batch loss was finite: a loss can
 * climb to 1e304 before it overflows, and a checkpoint of such an epoch is not worth keeping. An epoch
 * diverged when
 * <ul>
 *   <li>its validation loss is NaN or infinite, or
 *   <li>its mean training loss, or its validation loss (of {@value #VALIDATION_ROWS} rows or more), is more than
 *       {@value #GROWTH} times the lowest of the earlier epochs and higher than the first epoch's, or
 *   <li>it is the first epoch and its mean training loss is more than {@value #GROWTH} times the untrained
 *       network's mean loss (a learning rate so large that the first epoch already explodes leaves no checkpoint
 *       to point to); the trainer takes that over the first epoch's first 64 rows, before any step.
 * </ul>
 * The trainer checks every epoch so, and the stability study each epoch of its runs, whose rules are nn train's.
 * The second condition keeps a loss that reached 0 (a hinge loss on separable data) from counting as diverged
 * when it moves to a small positive value again; a validation split of a few rows is left to the training loss,
 * since one row's loss passes near 0 whenever a prediction crosses its target, and 1000 times that is ordinary.
 */
public final class Divergence {
  /** How many times the lowest epoch loss so far an epoch's loss may reach. */
  static final double GROWTH = 1e3;

  /** The fewest validation rows whose loss's growth counts as divergence. */
  static final int VALIDATION_ROWS = 10;

  private Divergence() {}

  /**
   * Throws when {@code report}'s epoch diverged.
   *
   * @param earlier the reports of the epochs before it, oldest first
   * @param firstBatchLoss the untrained network's mean loss (over the first epoch's first rows, or its first batch),
   *     or NaN when it is not known
   * @throws TrainingDivergedException naming the epoch, the loss and what it was compared with
   */
  public static void check(List<EpochReport> earlier, EpochReport report, double firstBatchLoss) {
    if (report.validation() != null && !Double.isFinite(report.validation().loss())) {
      throw TrainingDivergedException.atEpochEnd(report.epoch(), report.updates(),
          "the validation loss became " + shown(report.validation().loss()));
    }
    if (earlier.isEmpty() && firstBatchLoss > 0 && report.trainLoss() > GROWTH * firstBatchLoss) {
      throw TrainingDivergedException.atEpochEnd(report.epoch(), report.updates(), "the mean training loss was "
          + shown(report.trainLoss()) + ", more than " + (long) GROWTH + " times the untrained network's ("
          + shown(firstBatchLoss) + ")");
    }
    grewTooMuch(earlier, report, "mean training loss", false);
    if (report.validation() != null && report.validation().rows() >= VALIDATION_ROWS) {
      grewTooMuch(earlier, report, "validation loss", true);
    }
  }

  private static void grewTooMuch(List<EpochReport> earlier, EpochReport report, String what, boolean validation) {
    double loss = lossOf(report, validation);
    double lowest = Double.POSITIVE_INFINITY;
    int lowestEpoch = 0;
    double first = Double.NaN;
    for (EpochReport r : earlier) {
      double l = lossOf(r, validation);
      if (Double.isNaN(first)) {
        first = l;
      }
      if (l < lowest) {
        lowest = l;
        lowestEpoch = r.epoch();
      }
    }
    if (lowestEpoch > 0 && loss > GROWTH * lowest && loss > first) {
      throw TrainingDivergedException.atEpochEnd(report.epoch(), report.updates(), "the " + what + " was "
          + shown(loss) + ", more than " + (long) GROWTH + " times the lowest so far (" + shown(lowest) + " at epoch "
          + lowestEpoch + ")");
    }
  }

  /** A loss in a message: six significant digits, as the report and the summary lines give figures. */
  static String shown(double loss) {
    return Significant.of(loss, 6);
  }

  private static double lossOf(EpochReport r, boolean validation) {
    if (!validation) {
      return r.trainLoss();
    }
    return r.validation() == null ? Double.NaN : r.validation().loss();
  }
}
