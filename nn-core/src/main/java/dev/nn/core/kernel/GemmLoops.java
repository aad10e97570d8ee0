package dev.nn.core.kernel;

/**
 * The loops behind {@link JavaKernels#gemm}, each computing a block of rows [i0, i1) and columns
 * [j0, j1) of C, so a caller may hand disjoint blocks to different threads.
 *
 * <p>Summation order, fixed for every path and every block split: each output element adds its k
 * products in ascending p, one at a time, to a running sum — the order of the textbook triple loop.
 * The axpy form starts the sum at (already scaled) C[i][j] and adds (alpha·a(i,p))·b(p,j); the dot form
 * starts at 0, adds a(i,p)·b(p,j) and finally sets C[i][j] += alpha·sum. With alpha = 1 and beta = 0,
 * as in the forward and backward passes, both forms give the same bits. Register blocking (several
 * rows of C, several p, or several outputs at once) only interleaves independent sums; it never
 * reorders the additions of one sum, so the JIT can pipeline them without changing a result.
 *
 * <p>op(A)[i][p] is {@code A[ao + i·si + p·sp]}: si = lda, sp = 1 for A stored as is, si = 1, sp = lda
 * for A stored transposed.
 */
final class GemmLoops {
  /** Columns of C per block: four rows of C of this width stay in L1. */
  static final int COLUMN_BLOCK = 512;
  /** Rows of B per block: a block of B (DEPTH_BLOCK × COLUMN_BLOCK) stays in L2 while rows of C pass. */
  static final int DEPTH_BLOCK = 128;

  private GemmLoops() {}

  /**
   * C[i][j] += Σ_p (alpha·op(A)[i][p])·B[p][j] for i0 ≤ i &lt; i1, j0 ≤ j &lt; j1: each row of C gains a
   * combination of rows of B, the loop over j innermost so the JIT vectorises it.
   *
   * @param a A. Not modified.
   * @param b B, k×n with leading dimension ldb. Not modified.
   * @param c C. Modified.
   */
  static void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si,
      int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    for (int jb = j0; jb < j1; jb += COLUMN_BLOCK) {
      int je = Math.min(j1, jb + COLUMN_BLOCK);
      for (int pb = 0; pb < k; pb += DEPTH_BLOCK) {
        int pe = Math.min(k, pb + DEPTH_BLOCK);
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
          fourRows(i, jb, je, pb, pe, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
        }
        for (; i < i1; i++) {
          oneRow(i, jb, je, pb, pe, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
        }
      }
    }
  }

  /** Rows i … i+3 of C, four p at a time: each element of B read once feeds four rows. */
  private static void fourRows(int i, int jb, int je, int pb, int pe, double alpha, double[] a, int ao,
      int si, int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int a0 = ao + i * si;
    int a1 = a0 + si;
    int a2 = a1 + si;
    int a3 = a2 + si;
    int p = pb;
    for (; p + 4 <= pe; p += 4) {
      int q0 = p * sp;
      int q1 = q0 + sp;
      int q2 = q1 + sp;
      int q3 = q2 + sp;
      double x00 = alpha * a[a0 + q0];
      double x01 = alpha * a[a0 + q1];
      double x02 = alpha * a[a0 + q2];
      double x03 = alpha * a[a0 + q3];
      double x10 = alpha * a[a1 + q0];
      double x11 = alpha * a[a1 + q1];
      double x12 = alpha * a[a1 + q2];
      double x13 = alpha * a[a1 + q3];
      double x20 = alpha * a[a2 + q0];
      double x21 = alpha * a[a2 + q1];
      double x22 = alpha * a[a2 + q2];
      double x23 = alpha * a[a2 + q3];
      double x30 = alpha * a[a3 + q0];
      double x31 = alpha * a[a3 + q1];
      double x32 = alpha * a[a3 + q2];
      double x33 = alpha * a[a3 + q3];
      int r0 = bo + p * ldb;
      int r1 = r0 + ldb;
      int r2 = r1 + ldb;
      int r3 = r2 + ldb;
      for (int j = jb; j < je; j++) {
        double b0 = b[r0 + j];
        double b1 = b[r1 + j];
        double b2 = b[r2 + j];
        double b3 = b[r3 + j];
        c[c0 + j] = c[c0 + j] + x00 * b0 + x01 * b1 + x02 * b2 + x03 * b3;
        c[c1 + j] = c[c1 + j] + x10 * b0 + x11 * b1 + x12 * b2 + x13 * b3;
        c[c2 + j] = c[c2 + j] + x20 * b0 + x21 * b1 + x22 * b2 + x23 * b3;
        c[c3 + j] = c[c3 + j] + x30 * b0 + x31 * b1 + x32 * b2 + x33 * b3;
      }
    }
    for (; p < pe; p++) {
      int q = p * sp;
      double x0 = alpha * a[a0 + q];
      double x1 = alpha * a[a1 + q];
      double x2 = alpha * a[a2 + q];
      double x3 = alpha * a[a3 + q];
      int r = bo + p * ldb;
      for (int j = jb; j < je; j++) {
        double bj = b[r + j];
        c[c0 + j] += x0 * bj;
        c[c1 + j] += x1 * bj;
        c[c2 + j] += x2 * bj;
        c[c3 + j] += x3 * bj;
      }
    }
  }

  /** Row i of C, four p at a time: for a single row (batch size 1) this is x·W as fused axpys. */
  private static void oneRow(int i, int jb, int je, int pb, int pe, double alpha, double[] a, int ao,
      int si, int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int a0 = ao + i * si;
    int p = pb;
    for (; p + 4 <= pe; p += 4) {
      int q0 = p * sp;
      double x0 = alpha * a[a0 + q0];
      double x1 = alpha * a[a0 + q0 + sp];
      double x2 = alpha * a[a0 + q0 + 2 * sp];
      double x3 = alpha * a[a0 + q0 + 3 * sp];
      int r0 = bo + p * ldb;
      int r1 = r0 + ldb;
      int r2 = r1 + ldb;
      int r3 = r2 + ldb;
      for (int j = jb; j < je; j++) {
        c[c0 + j] = c[c0 + j] + x0 * b[r0 + j] + x1 * b[r1 + j] + x2 * b[r2 + j] + x3 * b[r3 + j];
      }
    }
    for (; p < pe; p++) {
      double x = alpha * a[a0 + p * sp];
      int r = bo + p * ldb;
      for (int j = jb; j < je; j++) {
        c[c0 + j] += x * b[r + j];
      }
    }
  }

  /**
   * C[i][j] += alpha·Σ_p op(A)[i][p]·Bt[j][p] for i0 ≤ i &lt; i1, j0 ≤ j &lt; j1, where Bt = Bᵀ is stored
   * n×k: a dot product per output, four outputs (four rows of Bt) at a time so four independent sums
   * share each load of A. For one row of A this is Δ·Wᵀ at batch size 1.
   *
   * @param a A. Not modified.
   * @param bt Bᵀ, n×k with leading dimension ldb. Not modified.
   * @param c C. Modified.
   */
  static void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si,
      int sp, double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
    for (int i = i0; i < i1; i++) {
      int ar = ao + i * si;
      int cr = co + i * ldc;
      int j = j0;
      for (; j + 4 <= j1; j += 4) {
        int r0 = bo + j * ldb;
        int r1 = r0 + ldb;
        int r2 = r1 + ldb;
        int r3 = r2 + ldb;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int p = 0; p < k; p++) {
          double x = a[ar + p * sp];
          s0 += x * bt[r0 + p];
          s1 += x * bt[r1 + p];
          s2 += x * bt[r2 + p];
          s3 += x * bt[r3 + p];
        }
        c[cr + j] += alpha * s0;
        c[cr + j + 1] += alpha * s1;
        c[cr + j + 2] += alpha * s2;
        c[cr + j + 3] += alpha * s3;
      }
      for (; j < j1; j++) {
        int r = bo + j * ldb;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s += a[ar + p * sp] * bt[r + p];
        }
        c[cr + j] += alpha * s;
      }
    }
  }

  /**
   * Writes the transpose of the rows×cols block of {@code src} into {@code dst} (cols×rows, leading
   * dimension rows, from index 0), in tiles so both sides stay in cache.
   *
   * @param src not modified.
   * @param dst at least rows·cols values. Modified.
   */
  static void transpose(int rows, int cols, double[] src, int so, int lds, double[] dst) {
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
  static void scale(int i0, int i1, int j0, int j1, double beta, double[] c, int co, int ldc) {
    if (beta == 1.0) {
      return;
    }
    for (int i = i0; i < i1; i++) {
      int row = co + i * ldc;
      if (beta == 0.0) {
        java.util.Arrays.fill(c, row + j0, row + j1, 0.0);
      } else {
        for (int j = j0; j < j1; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }
}
