package dev.nn.core.train;

import java.util.List;

/**
 * Reduces the learning rate when a validation figure stops improving: PyTorch's {@code ReduceLROnPlateau(mode,
 * factor, patience, threshold=minDelta, threshold_mode="abs", cooldown, min_lr=minRate, eps=1e-8)}, read from
 * {@code optimizer.schedule: {name: plateau, …}}. After each epoch's validation figure v:
 *
 * <ol>
 *   <li>v better than the best so far by more than {@code minDelta} becomes the best and clears the count of bad
 *       epochs; any other v adds one to it;
 *   <li>during the {@code cooldown} epochs that follow a reduction the count is held at 0;
 *   <li>a count above {@code patience} sets η to max(η·{@code factor}, {@code minRate}), unless that changes η by
 *       1e-8 or less, starts the cooldown and clears the count.
 * </ol>
 *
 * <p>The rate is a pure function of the run's epoch reports ({@link #rate}), replayed from the first: a run
 * resumed from a checkpoint, which keeps its reports, continues at the rate the uninterrupted run had, with
 * nothing more to save.
 *
 * @param lossMonitored whether the loss is watched (lower is better), else the accuracy (higher is better)
 * @param factor in (0, 1)
 * @param patience {@code >= 0}
 * @param minDelta {@code >= 0}
 * @param cooldown {@code >= 0}
 * @param baseRate η₀, {@code > 0}
 * @param minRate in [0, η₀]
 */
public record ReduceOnPlateau(boolean lossMonitored, double factor, int patience, double minDelta, int cooldown,
    double baseRate, double minRate) {

  /** PyTorch's {@code eps}: a reduction that changes η by no more than this is not made. */
  public static final double MIN_CHANGE = 1e-8;

  /** Checks the ranges. */
  public ReduceOnPlateau {
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("factor must be in (0, 1), found " + factor);
    }
    if (patience < 0 || cooldown < 0) {
      throw new IllegalArgumentException("patience and cooldown must be >= 0, found " + patience + ", " + cooldown);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("min-delta must be a finite number >= 0, found " + minDelta);
    }
    if (!(baseRate > 0) || Double.isInfinite(baseRate) || !(minRate >= 0 && minRate <= baseRate)) {
      throw new IllegalArgumentException("the rates must be 0 <= min-rate <= learning-rate, finite, with"
          + " learning-rate > 0, found " + minRate + " and " + baseRate);
    }
  }

  /**
   * η for the epoch after {@code history}: η₀ at first, lower after each reduction. An epoch without validation
   * figures changes nothing.
   */
  public double rate(List<EpochReport> history) {
    double rate = baseRate;
    double best = Double.NaN;
    int bad = 0;
    int cooling = 0;
    for (EpochReport r : history) {
      if (r.validation() == null) {
        continue;
      }
      // lower is better for both: the accuracy is watched as its negative
      double v = lossMonitored ? r.validation().loss() : -r.validation().accuracy();
      if (Double.isNaN(best) || v < best - minDelta) {
        best = v;
        bad = 0;
      } else {
        bad++;
      }
      if (cooling > 0) {
        cooling--;
        bad = 0;
      }
      if (bad > patience) {
        double lower = Math.max(rate * factor, minRate);
        if (rate - lower > MIN_CHANGE) {
          rate = lower;
        }
        cooling = cooldown;
        bad = 0;
      }
    }
    return rate;
  }

  /** What the schedule's rate is multiplied by after {@code history}: {@link #rate} over η₀. */
  public double multiplier(List<EpochReport> history) {
    double rate = rate(history);
    // exactly 1 until the first reduction: a run that never stalls takes the bits of a constant rate
    return rate == baseRate ? 1 : rate / baseRate;
  }
}
