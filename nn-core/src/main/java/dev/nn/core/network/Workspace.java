package dev.nn.core.network;

import dev.nn.core.kernel.Kernels;
import java.nio.DoubleBuffer;

/**
 * The per-batch buffers of one network: z(l), x(l) and δ(l) for up to {@code capacity} rows, the input
 * X(0) and the targets Y. Allocated once per network and batch size, then reused for every batch, so the
 * steady state of training allocates nothing. A workspace belongs to one thread at a time.
 */
public final class Workspace {
  final int capacity;
  final int[] widths;
  final DoubleBuffer[] z;
  final DoubleBuffer[] x;
  final DoubleBuffer[] delta;
  /** Staging arrays for plugins when the kernels keep buffers off-heap; {@code null} otherwise. */
  final double[][] zStage;
  final double[][] xStage;
  final double[][] deltaStage;
  final double[] target;
  int rows;

  Workspace(int[] widths, int capacity, Kernels kernels) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be >= 1, found " + capacity);
    }
    this.capacity = capacity;
    this.widths = widths;
    int n = widths.length;
    z = new DoubleBuffer[n];
    x = new DoubleBuffer[n];
    delta = new DoubleBuffer[n];
    boolean stage = !kernels.viewsAreShared();
    zStage = new double[n][];
    xStage = new double[n][];
    deltaStage = new double[n][];
    for (int l = 0; l < n; l++) {
      int len = capacity * widths[l];
      x[l] = kernels.allocate(len);
      if (l > 0) {
        z[l] = kernels.allocate(len);
        delta[l] = kernels.allocate(len);
      }
      if (stage) {
        xStage[l] = new double[len];
        zStage[l] = new double[len];
        deltaStage[l] = new double[len];
      }
    }
    target = new double[capacity * widths[n - 1]];
  }

  /** The largest batch this workspace holds. */
  public int capacity() {
    return capacity;
  }

  /** The number of rows of the last forward pass. */
  public int rows() {
    return rows;
  }

  /** Input X(0), capacity × n(0): write row r at {@code r·n(0)}. Heap kernels only; see {@link #setInput}. */
  public DoubleBuffer input() {
    return x[0];
  }

  /** Copies {@code rows} input rows, n(0) values each, from {@code source} at {@code offset}. */
  public void setInput(double[] source, int offset, int rows) {
    checkRows(rows);
    x[0].put(0, source, offset, rows * widths[0]);
  }

  /** Copies input row {@code r} from {@code source} at {@code offset}. */
  public void setInputRow(int r, double[] source, int offset) {
    x[0].put(r * widths[0], source, offset, widths[0]);
  }

  /** Targets Y, capacity × n(L+1), row-major; the loss reads the first {@code rows} rows. Modified by callers. */
  public double[] target() {
    return target;
  }

  /** z(l) of the last forward pass, rows × n(l). */
  public DoubleBuffer z(int l) {
    return z[l];
  }

  /** x(l) of the last forward pass, rows × n(l); x(0) is the input. */
  public DoubleBuffer x(int l) {
    return x[l];
  }

  /** δ(l) of the last backward pass, rows × n(l). */
  public DoubleBuffer delta(int l) {
    return delta[l];
  }

  void checkRows(int rows) {
    if (rows < 1 || rows > capacity) {
      throw new IllegalArgumentException("batch of " + rows + " rows does not fit a workspace of " + capacity);
    }
  }
}
