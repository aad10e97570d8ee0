package dev.nn.core.train;

import dev.nn.core.network.Workspace;
import dev.nn.core.text.Required;

/**
 * Rows of inputs and targets, flat and row-major: what training and evaluation read. The engine reads them
 * through {@link #loadRows} and {@link #loadRange}, which copy rows into a workspace; the arrays are not copied
 * when samples are made, so samples may share them with the data they come from.
 *
 * <p>The inputs are held as doubles, or as floats for a float32 run, whose workspace takes them as they are
 * (a float64 workspace widens them exactly). The targets are always doubles. Read the inputs with {@link
 * #x(int, int)} or {@link #copyX()} whichever way they are held; {@link #x()} and {@link #floatX()} hand out the
 * array itself.
 */
public final class Samples {
  private final double[] x;
  private final float[] floatX;
  private final double[] y;
  private final int rows;
  private final int inputs;
  private final int outputs;
  /** w_n per row, or {@code null} when every row weighs 1. */
  private final double[] weights;
  /** What the constructors' {@code x} takes, for the message of a null one. */
  private static final String INPUTS = "the inputs, rows × inputs";

  /**
   * Samples whose inputs are held as doubles. Checks the shapes and that every value is finite.
   *
   * @param x inputs, rows × inputs. Not copied.
   * @param y targets, rows × outputs. Not copied.
   */
  public Samples(double[] x, double[] y, int rows, int inputs, int outputs) {
    this(x, null, Required.of(x, "x", INPUTS).length, y, rows, inputs, outputs, null, true);
  }

  /**
   * Samples whose inputs are held as floats. Checks the shapes and that every value is finite.
   *
   * @param x inputs, rows × inputs. Not copied.
   * @param y targets, rows × outputs. Not copied.
   */
  public Samples(float[] x, double[] y, int rows, int inputs, int outputs) {
    this(null, x, Required.of(x, "x", INPUTS).length, y, rows, inputs, outputs, null, true);
  }

  /** {@code checkValues}: whether to check that every input and target is finite (not for arrays checked before). */
  private Samples(double[] x, float[] floatX, int length, double[] y, int rows, int inputs, int outputs,
      double[] weights, boolean checkValues) {
    Required.of(y, "y", "the targets, rows × outputs");
    if (rows < 0 || inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("need rows >= 0, inputs >= 1 and outputs >= 1, found " + rows + ", "
          + inputs + ", " + outputs);
    }
    if (length != rows * inputs) {
      throw new IllegalArgumentException("expected " + rows + "x" + inputs + " = " + rows * inputs
          + " input values, found " + length);
    }
    if (y.length != rows * outputs) {
      throw new IllegalArgumentException("expected " + rows + "x" + outputs + " = " + rows * outputs
          + " target values, found " + y.length);
    }
    this.x = x;
    this.floatX = floatX;
    this.y = y;
    this.rows = rows;
    this.inputs = inputs;
    this.outputs = outputs;
    this.weights = weights;
    if (weights != null && weights.length != rows) {
      throw new IllegalArgumentException(rows + " rows need " + rows + " weights, found " + weights.length);
    }
    for (int i = 0; weights != null && i < rows; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("the weight of row " + i + " is " + weights[i]
            + "; a row's weight is a finite number >= 0");
      }
    }
    for (int i = 0; checkValues && i < length; i++) {
      requireFinite("input", floatX != null ? floatX[i] : x[i], i, inputs);
    }
    for (int i = 0; checkValues && i < y.length; i++) {
      requireFinite("target", y[i], i, outputs);
    }
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of inputs a row has. */
  public int inputs() {
    return inputs;
  }

  /** The number of targets a row has. */
  public int outputs() {
    return outputs;
  }

  /** The targets, rows × outputs: the array itself, not a copy. */
  public double[] y() {
    return y;
  }

  /**
   * These samples (arrays shared) with a weight per row: training counts row n's loss and gradient w_n times,
   * J = (1/B)·Σ_n w_n·L_n; evaluation does not weigh. {@code null}: every row weighs 1.
   *
   * @param weights one finite number {@code >= 0} per row, or {@code null}. Not copied.
   */
  public Samples withWeights(double[] weights) {
    return new Samples(x, floatX, floatX != null ? floatX.length : x.length, y, rows, inputs, outputs, weights,
        false);
  }

  /** Whether the rows carry weights ({@link #withWeights}). */
  public boolean weighted() {
    return weights != null;
  }

  /** w_n of row {@code row}, 1 when the rows carry no weights. */
  public double weight(int row) {
    return weights == null ? 1.0 : weights[row];
  }

  /** Whether the inputs are held as floats. */
  public boolean floatInputs() {
    return floatX != null;
  }

  /**
   * The inputs held as doubles, rows × inputs: the array itself, not a copy.
   *
   * @throws IllegalStateException when they are held as floats ({@link #floatX()})
   */
  public double[] x() {
    if (x == null) {
      throw new IllegalStateException("the inputs are held as floats: read them with x(row, col) or copyX()");
    }
    return x;
  }

  /**
   * The inputs held as floats, rows × inputs: the array itself, not a copy.
   *
   * @throws IllegalStateException when they are held as doubles ({@link #x()})
   */
  public float[] floatX() {
    if (floatX == null) {
      throw new IllegalStateException("the inputs are held as doubles: read them with x(row, col) or copyX()");
    }
    return floatX;
  }

  /** Input {@code col} of row {@code row}, however the inputs are held. */
  public double x(int row, int col) {
    int i = row * inputs + col;
    return floatX != null ? floatX[i] : x[i];
  }

  /** A copy of all inputs as doubles, rows × inputs. */
  public double[] copyX() {
    if (x != null) {
      return x.clone();
    }
    double[] copy = new double[floatX.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = floatX[i];
    }
    return copy;
  }

  /**
   * Rows {@code index[0]}, {@code index[1]}, … as samples of their own (copies, inputs held as these are).
   *
   * @param index row numbers. Not modified.
   */
  public Samples rows(int[] index) {
    double[] ny = new double[index.length * outputs];
    for (int r = 0; r < index.length; r++) {
      System.arraycopy(y, index[r] * outputs, ny, r * outputs, outputs);
    }
    if (floatX != null) {
      float[] nx = new float[index.length * inputs];
      for (int r = 0; r < index.length; r++) {
        System.arraycopy(floatX, index[r] * inputs, nx, r * inputs, inputs);
      }
      return new Samples(nx, ny, index.length, inputs, outputs).withWeights(weightsOf(index));
    }
    double[] nx = new double[index.length * inputs];
    for (int r = 0; r < index.length; r++) {
      System.arraycopy(x, index[r] * inputs, nx, r * inputs, inputs);
    }
    return new Samples(nx, ny, index.length, inputs, outputs).withWeights(weightsOf(index));
  }

  private double[] weightsOf(int[] index) {
    if (weights == null) {
      return null;
    }
    double[] w = new double[index.length];
    for (int r = 0; r < index.length; r++) {
      w[r] = weights[index[r]];
    }
    return w;
  }

  /**
   * A copy of these samples with row {@code at} replaced by row {@code row} of {@code other} (of the same width),
   * inputs held as these are.
   */
  public Samples withRow(int at, Samples other, int row) {
    double[] ny = y.clone();
    System.arraycopy(other.y, row * outputs, ny, at * outputs, outputs);
    if (floatX != null) {
      float[] nx = floatX.clone();
      for (int c = 0; c < inputs; c++) {
        nx[at * inputs + c] = (float) other.x(row, c);
      }
      return new Samples(nx, ny, rows, inputs, outputs).withWeights(weightsWithRow(at, other, row));
    }
    double[] nx = x.clone();
    for (int c = 0; c < inputs; c++) {
      nx[at * inputs + c] = other.x(row, c);
    }
    return new Samples(nx, ny, rows, inputs, outputs).withWeights(weightsWithRow(at, other, row));
  }

  private double[] weightsWithRow(int at, Samples other, int row) {
    if (weights == null && other.weights == null) {
      return null;
    }
    double[] w = new double[rows];
    for (int r = 0; r < rows; r++) {
      w[r] = weight(r);
    }
    w[at] = other.weight(row);
    return w;
  }

  /**
   * Copies rows {@code order[from] … order[from + count − 1]} into rows 0 … count − 1 of {@code ws}: the inputs
   * into its input X(0), the targets into {@link Workspace#target()}, and the rows' weights, if they carry any, into
   * the workspace's, which weighs the loss by them (else it weighs none). Allocates nothing.
   *
   * @param order row numbers. Not modified.
   */
  public void loadRows(int[] order, int from, int count, Workspace ws) {
    double[] target = ws.target();
    for (int r = 0; r < count; r++) {
      int row = order[from + r];
      if (floatX != null) {
        ws.setInputRow(r, floatX, row * inputs);
      } else {
        ws.setInputRow(r, x, row * inputs);
      }
      System.arraycopy(y, row * outputs, target, r * outputs, outputs);
      if (weights != null) {
        ws.setWeight(r, weights[row]);
      }
    }
    ws.weighRows(weights != null);
  }

  /**
   * Copies rows {@code start … start + count − 1} into rows 0 … count − 1 of {@code ws}, inputs and targets
   * as {@link #loadRows}. Allocates nothing.
   */
  public void loadRange(int start, int count, Workspace ws) {
    loadInputs(start, count, ws);
    System.arraycopy(y, start * outputs, ws.target(), 0, count * outputs);
    for (int r = 0; weights != null && r < count; r++) {
      ws.setWeight(r, weights[start + r]);
    }
    ws.weighRows(weights != null);
  }

  /** Copies the inputs of rows {@code start … start + count − 1} into rows 0 … count − 1 of {@code ws}. */
  public void loadInputs(int start, int count, Workspace ws) {
    if (floatX != null) {
      ws.setInput(floatX, start * inputs, count);
    } else {
      ws.setInput(x, start * inputs, count);
    }
  }

  private static void requireFinite(String what, double v, int i, int cols) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " row " + (i / cols) + ", column " + (i % cols) + " is " + v
          + "; inputs and targets must be finite numbers");
    }
  }

  @Override
  public String toString() {
    return "Samples[" + rows + (weights != null ? " weighted" : "") + " rows of " + inputs
        + (floatX != null ? " float" : "") + " inputs and " + outputs + " targets]";
  }
}
