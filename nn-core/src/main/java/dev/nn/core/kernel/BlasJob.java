package dev.nn.core.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.DoubleBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * One call of {@link BlasKernels#gemm}, run as one or several single-threaded {@code cblas_dgemm} calls
 * on disjoint blocks of rows of C. The blocks depend on the shape alone, never on the thread count: one
 * thread makes the same calls one after the other that several threads share, so every thread count gives
 * the same bits whatever kernels OpenBLAS chooses (its AVX-512 kernels treat a call's edge tiles by their
 * position, so cutting C differently would change a few last bits). One instance per calling thread; each
 * thread of the runtime that runs a part aims its own reusable pointers at the buffers, so nothing is
 * allocated per call.
 */
final class BlasJob implements BlasProduct {
  /**
   * Each block of rows starts at a multiple of this: a multiple of the DGEMM register tile height of
   * every x86-64 OpenBLAS kernel (4 for Haswell and Zen, 8, 16 for SkylakeX), so a split moves no row
   * to another tile position. Floats use the same blocks, though the SGEMM tile of the Haswell and Zen
   * kernels is 12 rows: there a block's rows may round differently from the same rows of one unsplit call
   * (as they may with the AVX-512 kernels, which choose among kernels by a call's size). The blocks depend on
   * the shape alone, so the thread count changes no bit either way; blocks of whole multiples of 12 would
   * have split 128 rows into 96 and 32.
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

  private final Pointers[] pointers;

  private boolean transA;
  private boolean transB;
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
   * How many blocks of rows this product is computed in: 1 below {@code minFlops} (2·m·n·k); otherwise one per
   * {@value #MIN_ROWS_PER_PART} rows, at most {@value #MAX_PARTS}, or 2 from {@link #FEWER_PARTS_MIN_FLOPS}.
   * Depends on the shape only.
   */
  @Override
  public int plan(double minFlops) {
    return parts(m, n, k, minFlops);
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
