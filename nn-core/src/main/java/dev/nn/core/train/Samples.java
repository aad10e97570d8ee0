package dev.nn.core.train;

/**
 * Rows of inputs and targets, flat and row-major: what training and evaluation read.
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

  private static void checkFinite(String what, double[] a, int cols) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(what + " row " + (i / cols) + ", column " + (i % cols) + " is " + a[i]
            + "; inputs and targets must be finite numbers");
      }
    }
  }
}
