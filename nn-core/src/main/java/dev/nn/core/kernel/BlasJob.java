package dev.nn.core.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.DoubleBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * One call of {@link BlasKernels#gemm}, run as one or several single-threaded {@code cblas_dgemm} calls
 * on disjoint blocks of rows of C, or of columns where a layer is wider than the batch ({@link #byColumns}).
 * The blocks depend on the shape alone, never on the thread count: one thread makes the same calls one after
 * the other that several threads share, so every thread count gives the same bits whatever kernels OpenBLAS
 * chooses (its AVX-512 kernels treat a call's edge tiles by their position, so cutting C differently would change
 * a few last bits). One instance per calling thread; each thread of the runtime that runs a part aims its own
 * reusable pointers at the buffers, so nothing is allocated per call.
 */
final class BlasJob implements BlasProduct {
  /**
   * Each block of rows starts at a multiple of this: a multiple of the DGEMM register tile height of
   * every x86-64 OpenBLAS kernel (4 for Haswell and Zen, 8, 16 for SkylakeX), so a split moves no row
   * to another tile position. Floats use the same blocks, though the SGEMM tile of the Haswell and Zen
   * kernels is 12 rows: there a block's rows may round differently from the same rows of one unsplit call
   * (as they may with the AVX-512 kernels, which choose among kernels by a call's size). The blocks depend on
   * the shape alone, so the thread count changes no bit either way; blocks of whole multiples of 12 would
   * have split 128 rows into 96 and 32. Blocks of columns start on the same grain.
   */
  static final int ROW_GRAIN = 16;
  /** About the fewest rows of C in a block of a large product: 2 blocks at batch size 128. */
  static final int MIN_ROWS_PER_PART = 64;
  /**
   * The most blocks of a large product: enough for four threads, few enough that OpenBLAS packs each panel
   * of B only a few times (each call packs its own).
   */
  static final int MAX_PARTS = 4;
  /**
   * Work (2·m·n·k) from which a product is cut into 2 blocks instead of up to {@value #MAX_PARTS}: every
   * call packs all of B again, and W2-infer's 1024×512×784 and 1024×512×512 products ran about 6% faster
   * in two blocks (JMH, 2 threads: 130–141 against 125–133 GFLOP/s). Below this, finer blocks pay instead
   * — a worker that wakes late leaves less to the caller: at batch size 16, two blocks of the gradient
   * product (784×512×16) made training 20–30% slower.
   */
  static final double FEWER_PARTS_MIN_FLOPS = 1 << 28;
  /** The fewest columns of C in a block when a product is cut by columns ({@link #byColumns}). */
  static final int MIN_COLUMNS_PER_PART = 256;

  private final Pointers[] pointers;

  private boolean transA;
  private boolean transB;
  private boolean columns;
  private int m;
  private int n;
  private int k;
  private double alpha;
  private double beta;
  private DoubleBuffer a;
  private int ao;
  private int lda;
  private DoubleBuffer b;
  private int bo;
  private int ldb;
  private DoubleBuffer c;
  private int co;
  private int ldc;

  /** A job whose parts may run on {@code threads} threads (the caller and the pool's workers). */
  BlasJob(int threads) {
    pointers = new Pointers[threads];
    for (int t = 0; t < threads; t++) {
      pointers[t] = new Pointers();
    }
  }

  void prepare(boolean transA, boolean transB, int m, int n, int k, double alpha, DoubleBuffer a, int ao,
      int lda, DoubleBuffer b, int bo, int ldb, double beta, DoubleBuffer c, int co, int ldc) {
    this.transA = transA;
    this.transB = transB;
    this.m = m;
    this.n = n;
    this.k = k;
    this.alpha = alpha;
    this.beta = beta;
    this.a = a;
    this.ao = ao;
    this.lda = lda;
    this.b = b;
    this.bo = bo;
    this.ldb = ldb;
    this.c = c;
    this.co = co;
    this.ldc = ldc;
  }

  /**
   * How many blocks this product is computed in, of columns when {@link #byColumns} says so ({@link #columnParts}),
   * otherwise of rows ({@link #parts}). Depends on the shape only.
   */
  @Override
  public int plan(double minFlops) {
    columns = byColumns(transA, transB, m, n, k);
    return columns ? columnParts(m, n, k, minFlops) : parts(m, n, k, minFlops);
  }

  /**
   * Whether a product is cut into blocks of columns of C rather than rows: when B is not transposed, C has room
   * for two blocks of {@value #MIN_COLUMNS_PER_PART} columns, and the batch (m, or k in the weight step's Aᵀ·B)
   * is smaller than n. That is where a layer's weights are B of the forward product (x·W, batch × in × out) and C
   * of the weight step (W += −η·xᵀδ): cut by columns in both, each thread reads in one and writes in the other
   * the same columns of W, which stay in its core's cache, where blocks of rows make each thread read all of W
   * just after the other thread wrote half of it; and a batch too small for two blocks of rows still shares the
   * work. Measured on this machine's 2 threads with the AVX-512 kernels, alternating with blocks of rows only:
   * W2-f32 trained at 52,600–55,100 samples/s against 46,400–47,400 (its products alone 68,400–69,800 against
   * 58,500–59,700), at batch size 32 at 29,900 against 21,200, at 256 at 60,000 against 50,400; W2 in float64 at
   * batch size 32 at 19,700–20,100 against 15,200–15,700, and at 128 within the noise (31,200–31,400 against
   * 30,400–32,400). Batches as large as the layers (inference at batch size 1,024) read more of A than of W and
   * keep blocks of rows.
   */
  static boolean byColumns(boolean transA, boolean transB, int m, int n, int k) {
    int batch = transA ? k : m;
    return !transB && n >= 2 * MIN_COLUMNS_PER_PART && batch < n;
  }

  /**
   * How many blocks of columns an m×n×k product is cut into: one below {@code minFlops} of work, otherwise one per
   * {@value #MIN_COLUMNS_PER_PART} columns, at most {@value #MAX_PARTS}. W2-f32's 512 columns in two blocks trained
   * 5–13% faster than in four of 128 (each call packs all of A again); on a machine of more than two cores this
   * leaves threads out of these products at W2's sizes.
   */
  static int columnParts(int m, int n, int k, double minFlops) {
    if (2.0 * m * n * k < minFlops) {
      return 1;
    }
    return Math.max(1, Math.min(MAX_PARTS, n / MIN_COLUMNS_PER_PART));
  }

  /** {@link #plan} for an m×n×k product. */
  static int parts(int m, int n, int k, double minFlops) {
    if (2.0 * m * n * k < minFlops) {
      return 1;
    }
    int most = 2.0 * m * n * k >= FEWER_PARTS_MIN_FLOPS ? 2 : MAX_PARTS;
    return Math.max(1, Math.min(most, m / MIN_ROWS_PER_PART));
  }

  /**
   * The first row of block {@code part} of {@code parts} (m for {@code part == parts}): the rows are dealt out
   * in whole grains of {@value #ROW_GRAIN} as evenly as they divide, so the blocks differ by at most one grain
   * (784 rows in four: 192, 192, 192, 208; 128 in two: 64 and 64). Blocks of equal work matter because the
   * threads finish a product together: blocks of 96 and 32 rows at batch size 128 left one of two threads idle
   * for half of each product (float32 W2 trained 14% slower than in blocks of 64).
   */
  static int blockStart(int m, int part, int parts) {
    if (part >= parts) {
      return m;
    }
    int grains = (m + ROW_GRAIN - 1) / ROW_GRAIN;
    return Math.min(m, (int) ((long) part * grains / parts) * ROW_GRAIN);
  }

  @Override
  public void run(int part, int parts, int worker) {
    if (columns && parts > 1) {
      // columns j0 … j1−1 of C need all of op(A) and the same columns of B, which is not transposed
      int j0 = blockStart(n, part, parts);
      int j1 = blockStart(n, part + 1, parts);
      Pointers p = pointers[worker];
      try {
        openblas_nolapack.cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, CblasNoTrans, m, j1 - j0,
            k, alpha, p.a.at(a, ao), lda, p.b.at(b, bo + j0), ldb, beta, p.c.at(c, co + j0), ldc);
      } finally {
        p.clear();
      }
      return;
    }
    int i0 = 0;
    int i1 = m;
    if (parts > 1) {
      i0 = blockStart(m, part, parts);
      i1 = blockStart(m, part + 1, parts);
    }
    Pointers p = pointers[worker];
    try {
      // op(A) row i0 is row i0 of A, or column i0 of the stored Aᵀ
      int aRow = ao + (transA ? i0 : i0 * lda);
      openblas_nolapack.cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
          transB ? CblasTrans : CblasNoTrans, i1 - i0, n, k, alpha, p.a.at(a, aRow), lda, p.b.at(b, bo), ldb,
          beta, p.c.at(c, co + i0 * ldc), ldc);
    } finally {
      p.clear();
    }
  }

  /** Drops the references to the caller's buffers. */
  @Override
  public void clear() {
    a = null;
    b = null;
    c = null;
  }

  /** One thread's pointers for the three matrix arguments. */
  private static final class Pointers {
    final BufferPointer a = new BufferPointer();
    final BufferPointer b = new BufferPointer();
    final BufferPointer c = new BufferPointer();

    void clear() {
      a.clear();
      b.clear();
      c.clear();
    }
  }
}
