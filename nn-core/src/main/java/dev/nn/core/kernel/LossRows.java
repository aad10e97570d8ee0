package dev.nn.core.kernel;

import dev.nn.api.Loss;

/**
 * A loss called on one row of a batch at a time, for whoever weighs rows differently: the loss SPI takes rows
 * from the start of its arrays, so each row is copied into arrays of one row first. Not for concurrent use.
 */
public final class LossRows {
  /** One row's z, x, y and δ, grown to the output width on first use. */
  private double[] z1 = new double[0];
  private double[] x1 = z1;
  private double[] y1 = z1;
  private double[] d1 = z1;

  /** L_n of row {@code row} of the batch's {@code z}, {@code x} and {@code y}, {@code cols} values a row. */
  public double value(Loss loss, double[] z, double[] x, double[] y, int row, int cols) {
    load(z, x, y, row * cols, cols);
    return loss.value(z1, x1, y1, 1, cols);
  }

  /**
   * Seeds row {@code row} of {@code delta} with the loss's seed of that row times {@code factor}, and returns
   * {@code factor}·L_n.
   */
  public double seed(Loss loss, double[] z, double[] x, double[] y, double[] delta, int row, int cols,
      double factor) {
    int base = row * cols;
    load(z, x, y, base, cols);
    double value = loss.seed(z1, x1, y1, d1, 1, cols);
    for (int k = 0; k < cols; k++) {
      delta[base + k] = factor * d1[k];
    }
    return factor * value;
  }

  private void load(double[] z, double[] x, double[] y, int base, int cols) {
    if (z1.length != cols) {
      z1 = new double[cols];
      x1 = new double[cols];
      y1 = new double[cols];
      d1 = new double[cols];
    }
    System.arraycopy(z, base, z1, 0, cols);
    System.arraycopy(x, base, x1, 0, cols);
    System.arraycopy(y, base, y1, 0, cols);
  }
}
