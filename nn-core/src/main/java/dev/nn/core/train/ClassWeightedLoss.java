package dev.nn.core.train;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.core.kernel.LossRows;
import dev.nn.core.text.Significant;

/**
 * A loss whose rows weigh by their class ({@code training.class-weights}): row n of class c gives
 * w_c·L_n and seeds w_c·δ_n, so J = (1/B)·Σ_n w_c(n)·L_n and its gradient is the plain loss's, row by row,
 * times w_c(n). The class of a row is read from its target: the 1 of a one-hot row, or for a single output
 * 1 when y is 1 (0/1 targets) or +1 (−1/+1 targets).
 *
 * <p>Only training weighs: an {@link Evaluator} takes the {@link #plain} loss, so validation and test losses
 * are the loss's own, comparable with a run without weights. The plain loss sees one row at a time; its link,
 * seeding, targets and kinks are its own.
 */
public final class ClassWeightedLoss implements Loss {
  private final Loss plain;
  private final double[] weights;
  private final double threshold;
  private final LossRows rows = new LossRows();

  private ClassWeightedLoss(Loss plain, double[] weights) {
    this.plain = plain;
    this.weights = weights.clone();
    this.threshold = plain.targets() == TargetKind.SIGNED ? 0.0 : 0.5;
  }

  /**
   * {@code plain} weighing each class's rows by {@code weights}, or {@code plain} itself when {@code weights}
   * is {@code null}.
   *
   * @param weights w_c for the classes 0 … K−1, each finite and {@code > 0}
   */
  public static Loss of(Loss plain, double[] weights) {
    if (weights == null) {
      return plain;
    }
    for (double w : weights) {
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("a class weight must be a finite number > 0, found " + w);
      }
    }
    return new ClassWeightedLoss(plain instanceof ClassWeightedLoss c ? c.plain : plain, weights);
  }

  /** The loss without class weights: {@code loss} itself unless it weighs classes. */
  public static Loss plain(Loss loss) {
    return loss instanceof ClassWeightedLoss c ? c.plain : loss;
  }

  /** w_c for the classes 0 … K−1. */
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public Seeding seeding() {
    return plain.seeding();
  }

  @Override
  public TargetKind targets() {
    return plain.targets();
  }

  @Override
  public boolean acceptsOutputActivation(String activationName) {
    return plain.acceptsOutputActivation(activationName);
  }

  @Override
  public double value(double[] z, double[] x, double[] y, int rows, int cols) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += weight(y, r * cols, cols) * this.rows.value(plain, z, x, y, r, cols);
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += this.rows.seed(plain, z, x, y, delta, r, cols, weight(y, r * cols, cols));
    }
    return sum;
  }

  @Override
  public void link(double[] z, double[] x, double[] out, int rows, int cols) {
    plain.link(z, x, out, rows, cols);
  }

  @Override
  public double[] kinks(double y) {
    return plain.kinks(y);
  }

  /** w_c of the row at {@code base}. */
  private double weight(double[] y, int base, int cols) {
    return weights[Metrics.classOf(y, base, cols, threshold)];
  }

  /** "0.5, 1.25, 4" for people: each weight to four significant digits, in the classes' order. */
  public static String describe(double[] weights) {
    StringBuilder s = new StringBuilder();
    for (double w : weights) {
      s.append(s.length() == 0 ? "" : ", ").append(Significant.of(w, 4));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return plain + " weighing classes " + describe(weights);
  }
}
