package dev.nn.core.kernel;

import java.util.Arrays;

/**
 * One float32 product C ← alpha·op(A)·op(B) + beta·C on {@code float[]} arrays, prepared once and then run in
 * one or several parts: {@link GemmJob}'s plan for floats. The path is chosen from the shape of the whole
 * product, so every part computes its elements exactly as a single thread would; parts are disjoint blocks of
 * rows of C (or of columns when C has few rows), cut by {@link GemmSplit}.
 *
 * <p>Paths, by shape only, as {@link GemmJob}'s:
 * <ul>
 *   <li>B stored as is (NN, TN): the axpy form.
 *   <li>B stored transposed and m &lt; {@value GemmJob#TRANSPOSE_MIN_ROWS} (NT, TT): the dot form.
 *   <li>B stored transposed and m ≥ {@value GemmJob#TRANSPOSE_MIN_ROWS}: Bᵀ is copied once into a scratch array
 *       of this job as B, then the axpy form.
 * </ul>
 * C is first scaled by beta (beta = 0 writes zeros, so NaN in the old C is ignored; beta = 1 leaves it), then the
 * loops add the products; alpha = 0 or k = 0 only scales.
 *
 * <p>One instance per calling thread; it keeps the scratch array, so the steady state allocates nothing.
 */
final class FloatGemmJob implements WorkerPool.Task {
  /** Each part gets a multiple of this many rows of C, matching the four-row blocks of the axpy form. */
  private static final int ROW_GRAIN = 4;
  /** Each part gets a multiple of this many columns of C: whole vectors of 16 floats (AVX-512). */
  private static final int COLUMN_GRAIN = 16;

  private final GemmSplit split = new GemmSplit(ROW_GRAIN, COLUMN_GRAIN);
  private FloatRowLoops loops;
  private boolean dotForm;
  private int k;
  private float alpha;
  private float beta;
  private float[] a;
  private int ao;
  private int si;
  private int sp;
  private float[] b;
  private int bo;
  private int ldb;
  private float[] c;
  private int co;
  private int ldc;
  private float[] scratch = new float[0];

  /**
   * Prepares C ← alpha·op(A)·op(B) + beta·C on arrays (offsets already include the storage's own offsets),
   * computed with {@code loops}; copies a transposed B into scratch when that path is chosen.
   */
  void prepare(FloatRowLoops loops, boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
      int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
    this.loops = loops;
    this.k = alpha == 0.0f ? 0 : k;
    this.alpha = alpha;
    this.beta = beta;
    this.a = a;
    this.ao = ao;
    this.si = transA ? 1 : lda;
    this.sp = transA ? lda : 1;
    this.c = c;
    this.co = co;
    this.ldc = ldc;
    split.shape(m, n, this.k);
    this.dotForm = transB && m < GemmJob.TRANSPOSE_MIN_ROWS;
    if (transB && !dotForm && this.k > 0) {
      int size = Math.multiplyExact(n, k);
      if (scratch.length < size) {
        scratch = new float[size];
      }
      transpose(n, k, b, bo, ldb, scratch);
      this.b = scratch;
      this.bo = 0;
      this.ldb = n;
    } else {
      this.b = b;
      this.bo = bo;
      this.ldb = ldb;
    }
  }

  /**
   * How many parts this product splits into for {@code threads} threads: 1 unless it has at least
   * {@code minFlops} multiply-adds' worth of work (2·m·n·k) and enough rows or columns to share.
   */
  int plan(int threads, double minFlops) {
    return split.plan(threads, minFlops);
  }

  @Override
  public void run(int part, int parts, int worker) {
    int i0 = split.rowStart(part, parts);
    int i1 = split.rowEnd(part, parts);
    int j0 = split.columnStart(part, parts);
    int j1 = split.columnEnd(part, parts);
    if (i0 >= i1 || j0 >= j1) {
      return;
    }
    scale(i0, i1, j0, j1, beta, c, co, ldc);
    if (k == 0) {
      return;
    }
    if (dotForm) {
      loops.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    } else {
      loops.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    }
  }

  /** Drops the references to the caller's arrays (the scratch array is kept for the next call). */
  void clear() {
    a = null;
    b = null;
    c = null;
  }

  /**
   * Writes the transpose of the rows×cols block of {@code src} into {@code dst} (cols×rows, leading dimension
   * rows, from index 0), in tiles so both sides stay in cache.
   */
  static void transpose(int rows, int cols, float[] src, int so, int lds, float[] dst) {
    final int tile = 32;
    for (int r0 = 0; r0 < rows; r0 += tile) {
      int r1 = Math.min(rows, r0 + tile);
      for (int q0 = 0; q0 < cols; q0 += tile) {
        int q1 = Math.min(cols, q0 + tile);
        for (int r = r0; r < r1; r++) {
          int s = so + r * lds;
          for (int q = q0; q < q1; q++) {
            dst[q * rows + r] = src[s + q];
          }
        }
      }
    }
  }

  /** C ← beta·C on rows [i0, i1) and columns [j0, j1); beta = 0 writes zeros (old NaN ignored). */
  static void scale(int i0, int i1, int j0, int j1, float beta, float[] c, int co, int ldc) {
    if (beta == 1.0f) {
      return;
    }
    for (int i = i0; i < i1; i++) {
      int row = co + i * ldc;
      if (beta == 0.0f) {
        Arrays.fill(c, row + j0, row + j1, 0.0f);
      } else {
        for (int j = j0; j < j1; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }
}
