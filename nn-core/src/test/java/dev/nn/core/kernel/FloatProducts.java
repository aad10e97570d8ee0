package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/**
 * Random float32 products and the checks the float kernels' tests share: a naive float64 reference, its rounding
 * bound, and a bit-for-bit comparison.
 *
 * <p>The bound: every path computes an element as a sum of its k products, each product and the old value
 * passing through at most k + 3 roundings to float (u = 2⁻²⁴ each): the Java loops round alpha·a or the final
 * fma(alpha, s, c), at most k fused additions (the dot form's partial sums and their halving are a summation
 * tree of depth ≤ k), and beta·C; OpenBLAS rounds the product sums (depth ≤ k), alpha·sum, beta·C and their
 * sum. So |c − ref| ≤ γ(k+3)·S with γ(n) = n·u/(1 − n·u) and S = |alpha|·Σ|a·b| + |beta·c_old| (Higham,
 * Accuracy and Stability of Numerical Algorithms, §3.1). The test allows 1.1·(k+3)·u·S, which is above
 * γ(k+3)·S for k &lt; 10⁶ and leaves room for the reference's own error: each product of two floats is exact
 * in float64, so the reference errs by at most (k+2)·2⁻⁵³·S, a millionth of the allowance. A product left out,
 * counted twice or read from the wrong place changes c by a sizeable fraction of S and fails.
 */
final class FloatProducts {
  /** The unit roundoff of float32. */
  static final double U = 0x1p-24;

  private FloatProducts() {}

  /** Floats spread over six orders of magnitude, both signs, so products cancel. */
  static float[] random(SplittableRandom rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4)));
    }
    return x;
  }

  /** op(X)[i][p] for X stored with leading dimension ld from offset off. */
  static float at(float[] x, int off, int ld, boolean trans, int i, int p) {
    return trans ? x[off + p * ld + i] : x[off + i * ld + p];
  }

  /**
   * Checks every element of C (m×n, leading dimension ldc, from offset co) against the float64 reference of
   * alpha·op(A)·op(B) + beta·C_old within the bound above, and everything outside C (before the offset, the
   * padding of each row, after the last row) unchanged.
   */
  static void checkAgainstReference(String what, boolean ta, boolean tb, int m, int n, int k, float alpha,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c0, float[] c, int co, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double ref = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          double prod = (double) at(a, ao, lda, ta, i, p) * at(b, bo, ldb, tb, p, j);
          ref += prod;
          abs += Math.abs(prod);
        }
        double old = beta == 0.0f ? 0.0 : c0[co + i * ldc + j];
        double expected = (double) alpha * ref + (double) beta * old;
        double bound = allowance(k) * (Math.abs((double) alpha) * abs + Math.abs((double) beta * old));
        float got = c[co + i * ldc + j];
        int row = i;
        int col = j;
        assertTrue(Math.abs(got - expected) <= bound, () -> what + " " + shape(ta, tb, m, n, k) + ": C[" + row + "]["
            + col + "] = " + got + ", the float64 reference " + expected + " ± " + bound);
      }
    }
    for (int q = 0; q < c.length; q++) {
      int r = (q - co) / ldc;
      boolean inside = q >= co && r < m && (q - co) % ldc < n;
      if (!inside) {
        assertEquals(Float.floatToRawIntBits(c0[q]), Float.floatToRawIntBits(c[q]),
            what + " " + shape(ta, tb, m, n, k) + ": element " + q + " outside C changed");
      }
    }
  }

  /** The allowed error as a multiple of S: 1.1·(k+3)·u. */
  static double allowance(int k) {
    return 1.1 * (k + 3) * U;
  }

  /** Asserts two arrays hold the same bits, naming the first difference. */
  static void assertSameBits(float[] want, float[] got, String what) {
    assertEquals(want.length, got.length, what + ": lengths");
    for (int q = 0; q < want.length; q++) {
      if (Float.floatToRawIntBits(want[q]) != Float.floatToRawIntBits(got[q])) {
        throw new AssertionError(what + ": element " + q + " is " + got[q] + " (0x"
            + Integer.toHexString(Float.floatToRawIntBits(got[q])) + "), expected " + want[q] + " (0x"
            + Integer.toHexString(Float.floatToRawIntBits(want[q])) + ")");
      }
    }
  }

  static String shape(boolean ta, boolean tb, int m, int n, int k) {
    return (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "×" + n + "×" + k;
  }
}
