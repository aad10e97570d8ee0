package dev.nn.core.train;

import dev.nn.core.network.Workspace;

/**
 * Rows of inputs and targets, flat and row-major: what training and evaluation read. The engine reads them
 * through {@link #loadRows} and {@link #loadRange}, which copy rows into a workspace; the arrays are not copied
 * when samples are made, so samples may share them with the data they come from.
 *
 * @param x inputs, rows × inputs
 * @param y targets, rows × outputs
 */
public record Samples(double[] x, double[] y, int rows, int inputs, int outputs) {

  /** Checks the shapes and that every value is finite. */
  public Samples {
    if (rows < 0 || inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("need rows >= 0, inputs >= 1 and outputs >= 1, found " + rows + ", "
          + inputs + ", " + outputs);
    }
    if (x.length != rows * inputs) {
      throw new IllegalArgumentException("expected " + rows + "x" + inputs + " = " + rows * inputs
          + " input values, found " + x.length);
    }
    if (y.length != rows * outputs) {
      throw new IllegalArgumentException("expected " + rows + "x" + outputs + " = " + rows * outputs
          + " target values, found " + y.length);
    }
    checkFinite("input", x, inputs);
    checkFinite("target", y, outputs);
  }

  /**
   * Copies rows {@code order[from] … order[from + count − 1]} into rows 0 … count − 1 of {@code ws}: the inputs
   * into its input X(0), the targets into {@link Workspace#target()}. Allocates nothing.
   *
   * @param order row numbers. Not modified.
   */
  public void loadRows(int[] order, int from, int count, Workspace ws) {
    double[] target = ws.target();
    for (int r = 0; r < count; r++) {
      int row = order[from + r];
      ws.setInputRow(r, x, row * inputs);
      System.arraycopy(y, row * outputs, target, r * outputs, outputs);
    }
  }

  /**
   * Copies rows {@code start … start + count − 1} into rows 0 … count − 1 of {@code ws}, inputs and targets
   * as {@link #loadRows}. Allocates nothing.
   */
  public void loadRange(int start, int count, Workspace ws) {
    loadInputs(start, count, ws);
    System.arraycopy(y, start * outputs, ws.target(), 0, count * outputs);
  }

  /** Copies the inputs of rows {@code start … start + count − 1} into rows 0 … count − 1 of {@code ws}. */
  public void loadInputs(int start, int count, Workspace ws) {
    ws.setInput(x, start * inputs, count);
  }

  private static void checkFinite(String what, double[] a, int cols) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(what + " row " + (i / cols) + ", column " + (i % cols) + " is " + a[i]
            + "; inputs and targets must be finite numbers");
      }
    }
  }
}
