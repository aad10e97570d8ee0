package dev.nn.core.kernel;

/**
 * {@link RowLoops} in plain Java that give the same bits as {@code VectorLoops} with vectors of {@link #lanes}
 * doubles: every element of C is computed with {@link Math#fma} in exactly the order of the vector loops, so
 * the two can stand in for each other anywhere, even between the parts of one product. The vector loops run
 * some thousand times slower until the JIT's optimising tier has compiled them; {@link WarmingLoops} runs
 * these meanwhile. They need no incubating module, so they also reproduce a vector run on a JVM without one.
 *
 * <p>The order, element by element (see {@code VectorLoops}, whose register blocking only interleaves
 * independent sums):
 * <ul>
 *   <li>axpy form: c ← fma(alpha·a(i,p), b(p,j), c) for p = 0, 1, …, k−1, with alpha·a(i,p) rounded once
 *       (the same in every vector path: {@code fourRows}, {@code oneRow}, {@code rankOne} and
 *       {@code columnRankOne}, whose {@code a.mul(alpha)} is the same product);
 *   <li>dot form with a row of op(A) contiguous (sp = 1): with kv = k − k mod lanes, partial sum l (from 0.0)
 *       fuses a(i,p)·bt(j,p) for p ≡ l (mod lanes), p &lt; kv, in ascending p; if kv &gt; 0 the sum starts at
 *       partial sum 0 and adds partial sums 1, 2, … in lane order (not 0.0 + partial sum 0, which differs
 *       for −0.0), else it is 0.0; the products p ≥ kv are fused into it in ascending p; then
 *       c ← c + alpha·sum ({@code dotRows}, and {@code singleProducts}, which is the case k = 1);
 *   <li>dot form otherwise (sp ≠ 1): {@link GemmLoops#dotForm}, unfused, as the vector loops delegate it.
 * </ul>
 *
 * <p>The inner loops are kept simple so that the JIT may vectorise the axpy form itself (C2 turns
 * {@code Math.fma} in a counted loop into vector FMAs); the dot form's partial sums are strided chains the
 * processor overlaps.
 */
final class FmaLoops implements RowLoops {
  private final int lanes;

  /** The twin of vector loops with {@code lanes} doubles per vector. */
  FmaLoops(int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, found " + lanes);
    }
    this.lanes = lanes;
  }

  /** "fma-512" for the twin of "vector-512": the width in bits of the vectors whose bits these loops give. */
  @Override
  public String description() {
    return "fma-" + 64 * lanes;
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    if (j1 - j0 == 1) {
      oneColumn(i0, i1, j0, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
      return;
    }
    for (int jb = j0; jb < j1; jb += GemmLoops.COLUMN_BLOCK) {
      int je = Math.min(j1, jb + GemmLoops.COLUMN_BLOCK);
      for (int pb = 0; pb < k; pb += GemmLoops.DEPTH_BLOCK) {
        int pe = Math.min(k, pb + GemmLoops.DEPTH_BLOCK);
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

  /**
   * Rows i … i+3 of C over columns [jb, je) and depth [pb, pe), four p at a time: each element of B read
   * once feeds four rows, each element of C fuses its products in ascending p.
   */
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
        c[c0 + j] = Math.fma(x03, b3, Math.fma(x02, b2, Math.fma(x01, b1, Math.fma(x00, b0, c[c0 + j]))));
        c[c1 + j] = Math.fma(x13, b3, Math.fma(x12, b2, Math.fma(x11, b1, Math.fma(x10, b0, c[c1 + j]))));
        c[c2 + j] = Math.fma(x23, b3, Math.fma(x22, b2, Math.fma(x21, b1, Math.fma(x20, b0, c[c2 + j]))));
        c[c3 + j] = Math.fma(x33, b3, Math.fma(x32, b2, Math.fma(x31, b1, Math.fma(x30, b0, c[c3 + j]))));
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
        c[c0 + j] = Math.fma(x0, bj, c[c0 + j]);
        c[c1 + j] = Math.fma(x1, bj, c[c1 + j]);
        c[c2 + j] = Math.fma(x2, bj, c[c2 + j]);
        c[c3 + j] = Math.fma(x3, bj, c[c3 + j]);
      }
    }
  }

  /** Row i of C over columns [jb, je) and depth [pb, pe), four p at a time, each fused in ascending p. */
  private static void oneRow(int i, int jb, int je, int pb, int pe, double alpha, double[] a, int ao, int si,
      int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    int cr = co + i * ldc;
    int ar = ao + i * si;
    int p = pb;
    for (; p + 4 <= pe; p += 4) {
      double x0 = alpha * a[ar + p * sp];
      double x1 = alpha * a[ar + (p + 1) * sp];
      double x2 = alpha * a[ar + (p + 2) * sp];
      double x3 = alpha * a[ar + (p + 3) * sp];
      int r0 = bo + p * ldb;
      int r1 = r0 + ldb;
      int r2 = r1 + ldb;
      int r3 = r2 + ldb;
      for (int j = jb; j < je; j++) {
        c[cr + j] = Math.fma(x3, b[r3 + j], Math.fma(x2, b[r2 + j],
            Math.fma(x1, b[r1 + j], Math.fma(x0, b[r0 + j], c[cr + j]))));
      }
    }
    for (; p < pe; p++) {
      double x = alpha * a[ar + p * sp];
      int r = bo + p * ldb;
      for (int j = jb; j < je; j++) {
        c[cr + j] = Math.fma(x, b[r + j], c[cr + j]);
      }
    }
  }

  /** The axpy form for a single column j of C (a one-unit layer): each element's k products in one chain. */
  private static void oneColumn(int i0, int i1, int j, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    int bj = bo + j;
    for (int i = i0; i < i1; i++) {
      int ar = ao + i * si;
      int at = co + i * ldc + j;
      double s = c[at];
      for (int p = 0; p < k; p++) {
        s = Math.fma(alpha * a[ar + p * sp], b[bj + p * ldb], s);
      }
      c[at] = s;
    }
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
    if (sp != 1) {
      GemmLoops.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
      return;
    }
    int step = lanes;
    int kv = k - k % step;
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
        for (int l = 0; l < step && l < kv; l++) {
          double t0 = 0.0;
          double t1 = 0.0;
          double t2 = 0.0;
          double t3 = 0.0;
          for (int p = l; p < kv; p += step) {
            double x = a[ar + p];
            t0 = Math.fma(x, bt[r0 + p], t0);
            t1 = Math.fma(x, bt[r1 + p], t1);
            t2 = Math.fma(x, bt[r2 + p], t2);
            t3 = Math.fma(x, bt[r3 + p], t3);
          }
          if (l == 0) {
            s0 = t0;
            s1 = t1;
            s2 = t2;
            s3 = t3;
          } else {
            s0 += t0;
            s1 += t1;
            s2 += t2;
            s3 += t3;
          }
        }
        for (int p = kv; p < k; p++) {
          double x = a[ar + p];
          s0 = Math.fma(x, bt[r0 + p], s0);
          s1 = Math.fma(x, bt[r1 + p], s1);
          s2 = Math.fma(x, bt[r2 + p], s2);
          s3 = Math.fma(x, bt[r3 + p], s3);
        }
        c[cr + j] += alpha * s0;
        c[cr + j + 1] += alpha * s1;
        c[cr + j + 2] += alpha * s2;
        c[cr + j + 3] += alpha * s3;
      }
      for (; j < j1; j++) {
        int r = bo + j * ldb;
        double s = 0.0;
        for (int l = 0; l < step && l < kv; l++) {
          double t = 0.0;
          for (int p = l; p < kv; p += step) {
            t = Math.fma(a[ar + p], bt[r + p], t);
          }
          s = l == 0 ? t : s + t;
        }
        for (int p = kv; p < k; p++) {
          s = Math.fma(a[ar + p], bt[r + p], s);
        }
        c[cr + j] += alpha * s;
      }
    }
  }
}
