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
   * to another tile position.
   */
  static final int ROW_GRAIN = 16;
  /** The fewest rows of C in a block of a large product: 2 blocks at batch size 128. */
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
   * How many blocks of rows this product is computed in: 1 below {@code minFlops} (2·m·n·k) or up to
   * {@value #MIN_ROWS_PER_PART} rows; otherwise up to {@value #MAX_PARTS} blocks, or 2 from
   * {@link #FEWER_PARTS_MIN_FLOPS}. Depends on the shape only.
   */
  @Override
  public int plan(double minFlops) {
    return parts(m, n, k, minFlops, ROW_GRAIN);
  }

  private int rowsPerPart() {
    return rowsPerPart(m, n, k, ROW_GRAIN);
  }

  /** {@link #plan} for an m×n×k product whose blocks start at multiples of {@code grain} rows. */
  static int parts(int m, int n, int k, double minFlops, int grain) {
    if (2.0 * m * n * k < minFlops || m <= MIN_ROWS_PER_PART) {
      return 1;
    }
    int rows = rowsPerPart(m, n, k, grain);
    return (m + rows - 1) / rows;
  }

  /**
   * m/parts, at least {@value #MIN_ROWS_PER_PART}, rounded up to a multiple of {@code grain} (for doubles
   * {@value #ROW_GRAIN}, a divisor of {@value #MIN_ROWS_PER_PART}).
   */
  static int rowsPerPart(int m, int n, int k, int grain) {
    int parts = 2.0 * m * n * k >= FEWER_PARTS_MIN_FLOPS ? 2 : MAX_PARTS;
    int share = Math.max(MIN_ROWS_PER_PART, (m + parts - 1) / parts);
    return (share + grain - 1) / grain * grain;
  }

  @Override
  public void run(int part, int parts, int worker) {
    int i0 = 0;
    int i1 = m;
    if (parts > 1) {
      int rows = rowsPerPart();
      i0 = part * rows;
      i1 = Math.min(m, i0 + rows);
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
