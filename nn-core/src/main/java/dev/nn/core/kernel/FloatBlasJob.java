package dev.nn.core.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * One float32 product C ← alpha·op(A)·op(B) + beta·C on direct float buffers in native order, run as one or
 * several single-threaded {@code cblas_sgemm} calls on disjoint blocks of C: {@link BlasJob} for floats,
 * with its constants and its plan (the same blocks of rows or columns). The blocks
 * depend on the shape alone, never on the thread count, so every thread count gives the same bits whatever
 * kernels OpenBLAS chooses. The caller has loaded OpenBLAS ({@link OpenBlas#require}) and checked that every
 * matrix fits in its buffer. One instance per calling thread; each thread that runs a part aims its own reusable
 * pointers at the buffers, so nothing is allocated per call.
 */
final class FloatBlasJob implements BlasProduct {
  private final Pointers[] pointers;

  /** A job whose parts may run on {@code threads} threads (the caller and the pool's workers). */
  FloatBlasJob(int threads) {
    pointers = new Pointers[threads];
    for (int t = 0; t < threads; t++) {
      pointers[t] = new Pointers();
    }
  }

  private boolean transA;
  private boolean transB;
  private boolean columns;
  private int m;
  private int n;
  private int k;
  private float alpha;
  private float beta;
  private FloatBuffer a;
  private int ao;
  private int lda;
  private FloatBuffer b;
  private int bo;
  private int ldb;
  private FloatBuffer c;
  private int co;
  private int ldc;

  void prepare(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int ao, int lda,
      FloatBuffer b, int bo, int ldb, float beta, FloatBuffer c, int co, int ldc) {
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

  /** How many blocks of rows or columns this product is computed in, by the shape only: as {@link BlasJob#plan}. */
  @Override
  public int plan(double minFlops) {
    columns = BlasJob.byColumns(transA, transB, m, n, k);
    return columns ? BlasJob.columnParts(m, n, k, minFlops) : BlasJob.parts(m, n, k, minFlops);
  }

  @Override
  public void run(int part, int parts, int worker) {
    if (columns && parts > 1) {
      // columns j0 … j1−1 of C need all of op(A) and the same columns of B, which is not transposed
      int j0 = BlasJob.blockStart(n, part, parts);
      int j1 = BlasJob.blockStart(n, part + 1, parts);
      Pointers p = pointers[worker];
      try {
        openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, CblasNoTrans, m, j1 - j0,
            k, alpha, p.a.at(a, ao), lda, p.b.at(b, bo + j0), ldb, beta, p.c.at(c, co + j0), ldc);
      } finally {
        p.clear();
      }
      return;
    }
    int i0 = 0;
    int i1 = m;
    if (parts > 1) {
      i0 = BlasJob.blockStart(m, part, parts);
      i1 = BlasJob.blockStart(m, part + 1, parts);
    }
    if (i0 >= i1) {
      return;
    }
    Pointers p = pointers[worker];
    try {
      // op(A) row i0 is row i0 of A, or column i0 of the stored Aᵀ
      int aRow = ao + (transA ? i0 : i0 * lda);
      openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
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
    final FloatBufferPointer a = new FloatBufferPointer();
    final FloatBufferPointer b = new FloatBufferPointer();
    final FloatBufferPointer c = new FloatBufferPointer();

    void clear() {
      a.clear();
      b.clear();
      c.clear();
    }
  }
}
