package dev.nn.core.kernel;


/**
 * {@link FloatRowLoops} in plain Java: the exact scalar twin of {@code FloatVectorLoops} for vectors of
 * {@link #lanes} floats, each element of C computed with {@link Math#fma(float, float, float)} in the order
 * {@link FloatRowLoops} documents, so that both give the same bits. The lane count is a parameter, so this class
 * twins a vector species it never loads (on a JVM without the Vector API, or before the vector loops are
 * compiled). Blocking (four rows, four depths, four outputs at a time) only interleaves independent sums.
 */
final class FloatFmaLoops implements FloatRowLoops {
  /** The lane count of the scalar loops when there are no vector loops to twin: floats in an AVX-512 vector. */
  static final int DEFAULT_LANES = 16;
  /** The most partial sums a dot product keeps: floats in a vector of 2048 bits, the Vector API's widest. */
  static final int MAX_LANES = 64;

  private final int lanes;

  /**
   * The twin of vectors of {@code lanes} floats.
   *
   * @param lanes a power of two from 1 to {@value #MAX_LANES}
   */
  FloatFmaLoops(int lanes) {
    if (lanes < 1 || lanes > MAX_LANES || Integer.bitCount(lanes) != 1) {
      throw new IllegalArgumentException("the lane count must be a power of two from 1 to " + MAX_LANES
          + ", found " + lanes);
    }
    this.lanes = lanes;
  }

  @Override
  public String description() {
    return "fma-" + lanes;
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public void axpyForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] b, int bo, int ldb, float[] c, int co, int ldc) {
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

  /** Rows i … i+3 of C, four p at a time, each element's products fused in ascending p. */
  private static void fourRows(int i, int jb, int je, int pb, int pe, float alpha, float[] a, int ao, int si,
      int sp, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
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
      float x00 = alpha * a[a0 + q0];
      float x01 = alpha * a[a0 + q1];
      float x02 = alpha * a[a0 + q2];
      float x03 = alpha * a[a0 + q3];
      float x10 = alpha * a[a1 + q0];
      float x11 = alpha * a[a1 + q1];
      float x12 = alpha * a[a1 + q2];
      float x13 = alpha * a[a1 + q3];
      float x20 = alpha * a[a2 + q0];
      float x21 = alpha * a[a2 + q1];
      float x22 = alpha * a[a2 + q2];
      float x23 = alpha * a[a2 + q3];
      float x30 = alpha * a[a3 + q0];
      float x31 = alpha * a[a3 + q1];
      float x32 = alpha * a[a3 + q2];
      float x33 = alpha * a[a3 + q3];
      int r0 = bo + p * ldb;
      int r1 = r0 + ldb;
      int r2 = r1 + ldb;
      int r3 = r2 + ldb;
      for (int j = jb; j < je; j++) {
        float b0 = b[r0 + j];
        float b1 = b[r1 + j];
        float b2 = b[r2 + j];
        float b3 = b[r3 + j];
        c[c0 + j] = Math.fma(x03, b3, Math.fma(x02, b2, Math.fma(x01, b1, Math.fma(x00, b0, c[c0 + j]))));
        c[c1 + j] = Math.fma(x13, b3, Math.fma(x12, b2, Math.fma(x11, b1, Math.fma(x10, b0, c[c1 + j]))));
        c[c2 + j] = Math.fma(x23, b3, Math.fma(x22, b2, Math.fma(x21, b1, Math.fma(x20, b0, c[c2 + j]))));
        c[c3 + j] = Math.fma(x33, b3, Math.fma(x32, b2, Math.fma(x31, b1, Math.fma(x30, b0, c[c3 + j]))));
      }
    }
    for (; p < pe; p++) {
      int q = p * sp;
      float x0 = alpha * a[a0 + q];
      float x1 = alpha * a[a1 + q];
      float x2 = alpha * a[a2 + q];
      float x3 = alpha * a[a3 + q];
      int r = bo + p * ldb;
      for (int j = jb; j < je; j++) {
        float bj = b[r + j];
        c[c0 + j] = Math.fma(x0, bj, c[c0 + j]);
        c[c1 + j] = Math.fma(x1, bj, c[c1 + j]);
        c[c2 + j] = Math.fma(x2, bj, c[c2 + j]);
        c[c3 + j] = Math.fma(x3, bj, c[c3 + j]);
      }
    }
  }

  /** Row i of C, four p at a time. */
  private static void oneRow(int i, int jb, int je, int pb, int pe, float alpha, float[] a, int ao, int si,
      int sp, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int a0 = ao + i * si;
    int p = pb;
    for (; p + 4 <= pe; p += 4) {
      int q0 = p * sp;
      float x0 = alpha * a[a0 + q0];
      float x1 = alpha * a[a0 + q0 + sp];
      float x2 = alpha * a[a0 + q0 + 2 * sp];
      float x3 = alpha * a[a0 + q0 + 3 * sp];
      int r0 = bo + p * ldb;
      int r1 = r0 + ldb;
      int r2 = r1 + ldb;
      int r3 = r2 + ldb;
      for (int j = jb; j < je; j++) {
        c[c0 + j] = Math.fma(x3, b[r3 + j], Math.fma(x2, b[r2 + j], Math.fma(x1, b[r1 + j],
            Math.fma(x0, b[r0 + j], c[c0 + j]))));
      }
    }
    for (; p < pe; p++) {
      float x = alpha * a[a0 + p * sp];
      int r = bo + p * ldb;
      for (int j = jb; j < je; j++) {
        c[c0 + j] = Math.fma(x, b[r + j], c[c0 + j]);
      }
    }
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] bt, int bo, int ldb, float[] c, int co, int ldc) {
    dotForm(lanes, i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
  }

  /**
   * The dot form for vectors of {@code lanes} floats, one output at a time; {@code FloatVectorLoops} runs it too
   * when a row of op(A) is not contiguous. Each partial sum is computed when the lane order needs it
   * ({@link #tree}), so no array is needed and a call allocates nothing.
   */
  static void dotForm(int lanes, int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si,
      int sp, float[] bt, int bo, int ldb, float[] c, int co, int ldc) {
    int kv = k - k % lanes;
    for (int i = i0; i < i1; i++) {
      int ar = ao + i * si;
      int cr = co + i * ldc;
      for (int j = j0; j < j1; j++) {
        int r = bo + j * ldb;
        float s = kv > 0 ? tree(0, 1, lanes, lanes, kv, a, ar, sp, bt, r) : 0.0f;
        for (int p = kv; p < k; p++) {
          s = Math.fma(a[ar + p * sp], bt[r + p], s);
        }
        c[cr + j] = Math.fma(alpha, s, c[cr + j]);
      }
    }
  }

  /**
   * The partial sums of lanes 0 … lanes−1 added in lane order, as the vector loops add their lanes — where
   * lane l is the fused sum of a(p)·b(p) over p ≡ l (mod lanes), p &lt; kv, in ascending p.
   */
  private static float tree(int first, int stride, int count, int lanes, int kv, float[] a, int ar, int sp,
      float[] bt, int r) {
    float s = 0.0f;
    for (int l = 0; l < lanes; l++) {
      float part = 0.0f;
      for (int p = l; p < kv; p += lanes) {
        part = Math.fma(a[ar + p * sp], bt[r + p], part);
      }
      s = l == 0 ? part : s + part;
    }
    return s;
  }


}
