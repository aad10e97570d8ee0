package dev.nn.core.kernel;

/**
 * One call of {@link JavaKernels#gemm}, prepared once and then run in one or several parts. The path is
 * chosen here, from the shape of the whole product, so every part computes its elements exactly as a
 * single thread would; parts are disjoint blocks of rows of C (or of columns when C has few rows).
 *
 * <p>Paths, by shape only:
 * <ul>
 *   <li>B stored as is (NN, TN): the axpy form, rows of C as combinations of rows of B.
 *   <li>B stored transposed and m &lt; {@value #TRANSPOSE_MIN_ROWS} (NT, TT; batch size 1 in Δ·Wᵀ): the
 *       dot form, one dot product per element of C.
 *   <li>B stored transposed and m ≥ {@value #TRANSPOSE_MIN_ROWS}: Bᵀ is copied once into a per-thread
 *       scratch array as B (O(n·k), against O(m·n·k) arithmetic), then the axpy form.
 * </ul>
 *
 * <p>One instance per calling thread; it keeps the scratch array, so the steady state allocates nothing.
 */
final class GemmJob implements WorkerPool.Task {
  /** Rows of C from which a transposed B is copied into place instead of read by dot products. */
  static final int TRANSPOSE_MIN_ROWS = 16;
  /** Each part gets a multiple of this many rows of C, matching the four-row blocks of the axpy form. */
  private static final int ROW_GRAIN = 4;
  /** Each part gets a multiple of this many columns of C: whole vectors of the widest SIMD registers. */
  private static final int COLUMN_GRAIN = 8;

  private final GemmSplit split = new GemmSplit(ROW_GRAIN, COLUMN_GRAIN);
  private RowLoops loops = RowLoops.SCALAR;
  private boolean dotForm;
  private int k;
  private double alpha;
  private double beta;
  private double[] a;
  private int ao;
  private int si;
  private int sp;
  private double[] b;
  private int bo;
  private int ldb;
  private double[] c;
  private int co;
  private int ldc;
  private double[] scratch = new double[0];

  /**
   * Prepares C ← alpha·op(A)·op(B) + beta·C on arrays (offsets already include the buffers' array
   * offsets), computed with {@code loops}; copies a transposed B into scratch when that path is chosen.
   */
  void prepare(RowLoops loops, boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
      int ao, int lda, double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc) {
    this.loops = loops;
    this.k = alpha == 0.0 ? 0 : k;
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
    this.dotForm = transB && m < TRANSPOSE_MIN_ROWS;
    if (transB && !dotForm && this.k > 0) {
      int size = Math.multiplyExact(n, k);
      if (scratch.length < size) {
        scratch = new double[size];
      }
      GemmLoops.transpose(n, k, b, bo, ldb, scratch);
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
   * Decides whether rows or columns are split.
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
    GemmLoops.scale(i0, i1, j0, j1, beta, c, co, ldc);
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
}
