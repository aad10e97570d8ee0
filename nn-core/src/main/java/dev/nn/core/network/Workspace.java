package dev.nn.core.network;

import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Matrix;
import dev.nn.core.kernel.RowWeights;

/**
 * The per-batch buffers of one network: z(l), x(l) and δ(l) for up to {@code capacity} rows, the input
 * X(0) and the targets Y. Allocated once per network and batch size by the network's kernel runtime (which
 * decides how they are stored), then reused for every batch, so the steady state of training allocates
 * nothing. A workspace belongs to one thread at a time.
 */
public final class Workspace {
  final int capacity;
  final int[] widths;
  final Matrix[] z;
  final Matrix[] x;
  final Matrix[] delta;
  final double[] target;
  /** The rows' weights, made on first use; {@link #weighing}: whether the loss takes them. */
  private RowWeights weights;
  private boolean weighing;
  /**
   * Of a layer with dropout: its mask (0 or 1/(1 − p) per value), drawn on the heap where the kernels read it as
   * it is, and x̃ = x ⊙ mask; otherwise {@code null}.
   */
  final double[][] mask;
  final Matrix[] dropped;
  int rows;
  /** Whether the last forward pass applied dropout: then layer l+1 read {@link #dropped}[l] where it exists. */
  boolean dropping;
  /** The update whose masks the next training forward pass draws. */
  long dropoutUpdate;
  /** The rows of that update's batch that this workspace's rows are, from {@link #dropoutFrom}; null: 0, 1, … */
  int[] dropoutRows;
  int dropoutFrom;
  /** Whether this workspace has masks: its network had dropout when it was made. */
  final boolean drops;

  Workspace(int[] widths, int capacity, Kernels kernels, Dropout dropout) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be >= 1, found " + capacity);
    }
    this.capacity = capacity;
    this.widths = widths;
    int n = widths.length;
    z = new Matrix[n];
    x = new Matrix[n];
    delta = new Matrix[n];
    for (int l = 0; l < n; l++) {
      int len = capacity * widths[l];
      x[l] = kernels.allocate(len);
      if (l > 0) {
        z[l] = kernels.allocate(len);
        delta[l] = kernels.allocate(len);
      }
    }
    target = new double[capacity * widths[n - 1]];
    mask = new double[n][];
    dropped = new Matrix[n];
    for (int l = 0; dropout != null && l < n; l++) {
      if (dropout.rate(l) > 0) {
        mask[l] = new double[capacity * widths[l]];
        dropped[l] = kernels.allocate(capacity * widths[l]);
      }
    }
    drops = dropout != null;
  }

  /**
   * Sets the update t whose dropout masks the next training forward pass draws (the trainer gives each update
   * its own); until set, t = 0. Has no effect on a network without dropout, or on predictions.
   */
  public void dropoutUpdate(long t) {
    dropoutUpdate = t;
    dropoutRows = null;
    dropoutFrom = 0;
  }

  /**
   * Sets the update t whose masks the next training forward pass draws, and which rows of that update's batch
   * this workspace holds: row r is row {@code positions[from + r]} of the batch ({@code positions} {@code null}:
   * row {@code from + r}). A batch computed in chunks, or by several workers, then draws the masks it would
   * draw in one pass.
   *
   * @param positions not copied: read by the next forward pass
   */
  public void dropoutUpdate(long t, int[] positions, int from) {
    dropoutUpdate = t;
    dropoutRows = positions;
    dropoutFrom = from;
  }

  /** The largest batch this workspace holds. */
  public int capacity() {
    return capacity;
  }

  /** The number of rows of the last forward pass. */
  public int rows() {
    return rows;
  }

  /** Input X(0), capacity × n(0): row r at {@code r·n(0)}. */
  public Matrix input() {
    return x[0];
  }

  /** Copies {@code rows} input rows, n(0) values each, from {@code source} at {@code offset}. */
  public void setInput(double[] source, int offset, int rows) {
    checkRows(rows);
    x[0].set(0, source, offset, rows * widths[0]);
  }

  /** Copies {@code rows} input rows, n(0) values each, from {@code source} at {@code offset}. */
  public void setInput(float[] source, int offset, int rows) {
    checkRows(rows);
    x[0].set(0, source, offset, rows * widths[0]);
  }

  /** Copies input row {@code r} from {@code source} at {@code offset}. */
  public void setInputRow(int r, float[] source, int offset) {
    x[0].set(r * widths[0], source, offset, widths[0]);
  }

  /** Copies input row {@code r} from {@code source} at {@code offset}. */
  public void setInputRow(int r, double[] source, int offset) {
    x[0].set(r * widths[0], source, offset, widths[0]);
  }

  /** Targets Y, capacity × n(L+1), row-major; the loss reads the first {@code rows} rows. Modified by callers. */
  public double[] target() {
    return target;
  }

  /**
   * Sets the weight w_n of row {@code r}, which the loss takes once {@link #weighRows weighRows(true)} is set:
   * row r's L_n and its seed of δ(L+1) count w_n times. Allocates only on the first call.
   */
  public void setWeight(int r, double weight) {
    if (weights == null) {
      weights = new RowWeights(capacity);
    }
    weights.set(r, weight);
  }

  /** Whether the loss weighs the rows by their {@link #setWeight weights} (else each row weighs 1). */
  public void weighRows(boolean weigh) {
    if (weigh && weights == null) {
      throw new IllegalStateException("no row of this workspace has a weight: set them first");
    }
    weighing = weigh;
  }

  /** The weights the loss takes, or {@code null} when each row weighs 1. */
  RowWeights rowWeights() {
    return weighing ? weights : null;
  }

  /** z(l) of the last forward pass, rows × n(l). */
  public Matrix z(int l) {
    return z[l];
  }

  /** x(l) of the last forward pass, rows × n(l); x(0) is the input. */
  public Matrix x(int l) {
    return x[l];
  }

  /**
   * What layer l+1 read in the last forward pass, rows × n(l): x̃(l) = x(l) ⊙ mask(l) when that pass was a
   * training pass and layer l has dropout, otherwise x(l).
   */
  public Matrix input(int l) {
    return dropping && dropped[l] != null ? dropped[l] : x[l];
  }

  /** δ(l) of the last backward pass, rows × n(l). */
  public Matrix delta(int l) {
    return delta[l];
  }

  void checkRows(int rows) {
    if (rows < 1 || rows > capacity) {
      throw new IllegalArgumentException("batch of " + rows + " rows does not fit a workspace of " + capacity);
    }
  }
}
