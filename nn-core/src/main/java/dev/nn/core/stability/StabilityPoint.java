package dev.nn.core.stability;

/**
 * What one pair's two runs, w (on S) and w′ (on S′, S with one sample replaced), look like after
 * {@code updates} updates.
 *
 * @param pair the pair, from 0
 * @param replaced the position in the training split of the replaced sample z
 * @param replacement the held-out row z′ that took its place (its row in the held-out split)
 * @param epoch epochs completed, fractional between epoch ends
 * @param updates updates applied to each run
 * @param distance ‖w − w′‖ over every parameter (weights and biases)
 * @param relativeDistance ‖w − w′‖ / ‖w‖
 * @param replacedLossDiff ℓ(w′; z) − ℓ(w; z): how much the run that never saw z does worse on it
 * @param testLossDiff L_test(w′) − L_test(w)
 * @param gap L_test(w) − L_S(w), run w's generalisation gap
 * @param gapPrime L_test(w′) − L_S′(w′), run w′'s
 * @param bound the convex bound (2L/n)·Σα_t on E‖w − w′‖ at this point, NaN where it does not apply
 */
public record StabilityPoint(int pair, int replaced, int replacement, double epoch, long updates, double distance,
    double relativeDistance, double replacedLossDiff, double testLossDiff, double gap, double gapPrime,
    double bound) {

  /** Whether this point is an epoch's end. */
  public boolean atEpochEnd() {
    return epoch == Math.rint(epoch);
  }
}
