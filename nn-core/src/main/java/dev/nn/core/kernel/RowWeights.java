package dev.nn.core.kernel;

import dev.nn.api.Loss;

/**
 * The weights w_n of a batch's rows, and the loss taken with them: Σ_n w_n·L_n, and row n's seed of δ(L+1)
 * times w_n, so that the gradient is Σ_n w_n·∂L_n/∂θ. A workspace holds one for its rows; it allocates
 * nothing once the loss has been called. Not for concurrent use.
 */
public final class RowWeights {
  private final double[] weights;
  private final LossRows rows = new LossRows();

  /** Room for {@code capacity} rows, each weighing 1 until set. */
  public RowWeights(int capacity) {
    weights = new double[capacity];
    java.util.Arrays.fill(weights, 1.0);
  }

  /** Sets w_n of row {@code row}. */
  public void set(int row, double weight) {
    weights[row] = weight;
  }

  /** w_n of row {@code row}. */
  public double get(int row) {
    return weights[row];
  }

  /** Σ_n w_n·L_n over the first {@code rows} rows. */
  double value(Loss loss, double[] z, double[] x, double[] y, int rows, int cols) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      // a row of weight 0 adds nothing, even a loss that is not finite there
      sum += weights[r] == 0 ? 0 : weights[r] * this.rows.value(loss, z, x, y, r, cols);
    }
    return sum;
  }

  /** Seeds each of the first {@code rows} rows of {@code delta} times its weight; returns Σ_n w_n·L_n. */
  double seed(Loss loss, double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      if (weights[r] == 0) {
        java.util.Arrays.fill(delta, r * cols, (r + 1) * cols, 0.0);
      } else {
        sum += this.rows.seed(loss, z, x, y, delta, r, cols, weights[r]);
      }
    }
    return sum;
  }
}
