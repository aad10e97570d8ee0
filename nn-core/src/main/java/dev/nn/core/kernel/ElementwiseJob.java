package dev.nn.core.kernel;

import dev.nn.api.Activation;

/**
 * The element-wise steps of a layer for off-heap kernels, in blocks of about {@value #BLOCK_VALUES}
 * values: each block is copied once into heap arrays of its thread, run through the activation there,
 * and written to the off-heap storage and the plugins' mirror while it is still in cache. Done one step at a
 * time over the whole batch, the same work read and wrote every value four times from memory (bias, view,
 * φ, commit); blocked it reads once, and the blocks run on both cores.
 *
 * <p>Each value is computed the same way whichever thread takes its block, so results do not depend on
 * the thread count. One instance per calling thread, with scratch arrays for each thread of the runtime.
 */
final class ElementwiseJob implements WorkerPool.Task {
  /** Values per block: 64 KB per array, so a block's z, x and δ stay in a core's L2 cache. */
  static final int BLOCK_VALUES = 8192;
  /**
   * Below this many values (two full blocks, some 10–20 µs of work) one thread does it all, so that a worker
   * is not woken for a block or two of an output layer's few columns. Set by reasoning, not tuned.
   */
  static final int PARALLEL_MIN_VALUES = 1 << 14;

  private boolean forward;
  private int rows;
  private int cols;
  private int rowsPerBlock;
  private Matrix bias;
  private int biasOffset;
  private Matrix z;
  private double[] zStage;
  private Matrix x;
  private double[] xStage;
  private Matrix delta;
  private Activation phi;
  /** Whether this pass runs in floats throughout: float32 storage and φ (or φ′) exact in float. */
  private boolean inFloats;
  /** In floats, whether the forward pass keeps z + b in z's storage for the backward pass and the loss. */
  private boolean keep;
  private final HeapScratch[] scratch;

  /** A job whose parts may run on {@code threads} threads (the caller and the pool's workers). */
  ElementwiseJob(int threads) {
    scratch = new HeapScratch[threads];
    for (int t = 0; t < threads; t++) {
      scratch[t] = new HeapScratch();
    }
  }

  /**
   * X = φ(Z + 1·bᵀ); unless the mirrors are {@code null}, also Z ← Z + 1·bᵀ and both into the
   * mirrors (whose values then equal the storage's, rounding included). In float32 with φ exact in float
   * ({@link Activation#forwardFloats}) the block runs in floats and fills no mirror: Z ← Z + 1·bᵀ is kept
   * in the storage alone, and a plugin view reads it from there if it is ever asked for.
   *
   * @return whether it runs in floats, so that the mirrors are not filled
   */
  boolean prepareForward(int rows, int cols, Matrix bias, int biasOffset, Matrix z, double[] zStage,
      Matrix x, double[] xStage, Activation phi) {
    this.inFloats = z instanceof DirectFloats && x instanceof DirectFloats && bias instanceof DirectFloats
        && FloatPaths.forward(phi);
    this.keep = zStage != null;
    set(true, rows, cols, z, inFloats ? null : zStage, x, inFloats ? null : xStage, null, phi);
    this.bias = bias;
    this.biasOffset = biasOffset;
    return inFloats;
  }

  /**
   * δ ← δ ⊙ φ′(z) in floats on the storage itself, when it holds floats and φ′ is exact in float
   * ({@link Activation#backwardFloats}); on {@code count} values seen as one long row.
   *
   * @return whether it does; if not, nothing is prepared
   */
  boolean prepareBackwardInFloats(int count, Matrix z, Matrix x, Matrix delta, Activation phi) {
    if (!(z instanceof DirectFloats && x instanceof DirectFloats && delta instanceof DirectFloats
        && FloatPaths.backward(phi))) {
      return false;
    }
    set(false, 1, count, z, null, x, null, delta, phi);
    inFloats = true;
    return true;
  }

  /** δ ← δ ⊙ φ′(z) from the staged z and x, on {@code count} values seen as one long row. */
  void prepareBackward(int count, double[] zStage, double[] xStage, Matrix delta, Activation phi) {
    set(false, 1, count, null, zStage, null, xStage, delta, phi);
  }

  private void set(boolean forward, int rows, int cols, Matrix z, double[] zStage, Matrix x,
      double[] xStage, Matrix delta, Activation phi) {
    this.forward = forward;
    this.rows = rows;
    this.cols = cols;
    this.z = z;
    this.zStage = zStage;
    this.x = x;
    this.xStage = xStage;
    this.delta = delta;
    this.phi = phi;
    // forward blocks are whole rows (the bias repeats per row); backward blocks any run of values
    this.rowsPerBlock = forward ? Math.max(1, BLOCK_VALUES / cols) : 0;
  }

  /** The number of blocks: the parts of this task. */
  int blocks() {
    if (forward) {
      return (rows + rowsPerBlock - 1) / rowsPerBlock;
    }
    return (cols + BLOCK_VALUES - 1) / BLOCK_VALUES;
  }

  /** Whether the work is large enough to share between threads. */
  boolean worthSharing() {
    return (long) rows * cols >= PARALLEL_MIN_VALUES;
  }

  @Override
  public void run(int part, int parts, int worker) {
    if (forward) {
      int r0 = part * rowsPerBlock;
      int r1 = Math.min(rows, r0 + rowsPerBlock);
      forwardBlock(r0 * cols, (r1 - r0) * cols, scratch[worker]);
    } else {
      int from = part * BLOCK_VALUES;
      int length = Math.min(cols, from + BLOCK_VALUES) - from;
      if (inFloats) {
        backwardBlockInFloats(from, length, scratch[worker]);
      } else {
        backwardBlock(from, length, scratch[worker]);
      }
    }
  }

  private void forwardBlock(int offset, int length, HeapScratch scratch) {
    HeapScratch s = scratch.ensure(Math.max(length, cols));
    if (inFloats) {
      forwardBlockInFloats(offset, length, s);
      return;
    }
    double[] zb = s.a;
    double[] xb = s.b;
    double[] bv = s.c;
    bias.get(biasOffset, bv, 0, cols, s.f);
    z.get(offset, zb, 0, length, s.f);
    // in float32, z + b is rounded to float as the java kernels' float addition would, before φ sees it
    for (int start = 0; start < length; start += cols) {
      for (int j = 0; j < cols; j++) {
        zb[start + j] += bv[j];
      }
    }
    if (z.precision() == Precision.FLOAT32) {
      for (int i = 0; i < length; i++) {
        zb[i] = (float) zb[i];
      }
    }
    phi.forward(zb, xb, length);
    if (x.precision() == Precision.FLOAT32) {
      for (int i = 0; i < length; i++) {
        xb[i] = (float) xb[i];
      }
    }
    if (zStage != null) {
      // kept for the backward pass; a prediction needs neither copy of z
      z.store(offset, zb, 0, length, s.f);
      System.arraycopy(zb, 0, zStage, offset, length);
      System.arraycopy(xb, 0, xStage, offset, length);
    }
    x.store(offset, xb, 0, length, s.f);
  }

  /**
   * {@link #forwardBlock} in float arithmetic, for φ exact in float: the same bits (a float sum z + b is what
   * the sum of the two widened to double gives, rounded to float, since a double holds more than twice a
   * float's digits), with the block read and written as floats, not converted to doubles and back.
   */
  private void forwardBlockInFloats(int offset, int length, HeapScratch s) {
    float[] zf = s.f;
    float[] xf = s.g;
    // the bias waits in xf's first cols values until φ overwrites them
    ((DirectFloats) bias).buffer.get(biasOffset, xf, 0, cols);
    ((DirectFloats) z).buffer.get(offset, zf, 0, length);
    for (int start = 0; start < length; start += cols) {
      for (int j = 0; j < cols; j++) {
        zf[start + j] += xf[j];
      }
    }
    phi.forwardFloats(zf, xf, length);
    if (keep) {
      ((DirectFloats) z).store(offset, zf, 0, length);
    }
    ((DirectFloats) x).store(offset, xf, 0, length);
  }

  /** {@link #backwardBlock} in floats, read from and written to the storage: the same bits. */
  private void backwardBlockInFloats(int offset, int length, HeapScratch scratch) {
    HeapScratch s = scratch.ensure(length);
    ((DirectFloats) z).buffer.get(offset, s.f, 0, length);
    ((DirectFloats) x).buffer.get(offset, s.g, 0, length);
    ((DirectFloats) delta).buffer.get(offset, s.h, 0, length);
    phi.backwardFloats(s.f, s.g, s.h, length);
    ((DirectFloats) delta).store(offset, s.h, 0, length);
  }

  private void backwardBlock(int offset, int length, HeapScratch scratch) {
    HeapScratch s = scratch.ensure(length);
    System.arraycopy(zStage, offset, s.a, 0, length);
    System.arraycopy(xStage, offset, s.b, 0, length);
    delta.get(offset, s.c, 0, length, s.f);
    phi.backward(s.a, s.b, s.c, length);
    delta.store(offset, s.c, 0, length, s.f);
  }

  /** Drops the references to the caller's buffers and activation. */
  void clear() {
    bias = null;
    z = null;
    zStage = null;
    x = null;
    xStage = null;
    delta = null;
    phi = null;
    inFloats = false;
    keep = false;
  }
}
