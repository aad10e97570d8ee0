package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernels against a naive reference, with the bound that holds where entries cancel:
 * |C − C_ref|ij ≤ 4·K·ε·(|A|·|B|)ij, plus exact small-integer cases.
 */
class JavaKernelsTests {
  private final Kernels kernels = new JavaKernels();

  private static double[] random(SplittableRandom rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4));
    }
    return a;
  }

  /** op(A)[i][p] for A stored rows×cols with leading dimension ld. */
  private static double at(double[] a, int off, int ld, boolean trans, int i, int p) {
    return trans ? a[off + p * ld + i] : a[off + i * ld + p];
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void gemmMatchesTheNaiveReferenceInEveryTransposeCase(int seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int trial = 0; trial < 8; trial++) {
      boolean ta = rnd.nextBoolean();
      boolean tb = rnd.nextBoolean();
      int m = 1 + rnd.nextInt(20);
      int n = 1 + rnd.nextInt(20);
      int k = 1 + rnd.nextInt(40);
      int aRows = ta ? k : m;
      int aCols = ta ? m : k;
      int bRows = tb ? n : k;
      int bCols = tb ? k : n;
      int lda = aCols + rnd.nextInt(3);
      int ldb = bCols + rnd.nextInt(3);
      int ldc = n + rnd.nextInt(3);
      int aOff = rnd.nextInt(4);
      int bOff = rnd.nextInt(4);
      int cOff = rnd.nextInt(4);
      double[] a = random(rnd, aOff + aRows * lda);
      double[] b = random(rnd, bOff + bRows * ldb);
      double[] c0 = random(rnd, cOff + m * ldc);
      double alpha = rnd.nextBoolean() ? 1.0 : rnd.nextDouble(-2, 2);
      double beta = new double[] {0.0, 1.0, -0.5}[rnd.nextInt(3)];
      double[] c = c0.clone();
      kernels.gemm(ta, tb, m, n, k, alpha, DoubleBuffer.wrap(a), aOff, lda, DoubleBuffer.wrap(b), bOff, ldb,
          beta, DoubleBuffer.wrap(c), cOff, ldc);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double ref = 0;
          double abs = 0;
          for (int p = 0; p < k; p++) {
            double prod = at(a, aOff, lda, ta, i, p) * at(b, bOff, ldb, tb, p, j);
            ref += prod;
            abs += Math.abs(prod);
          }
          double old = c0[cOff + i * ldc + j];
          double expected = alpha * ref + beta * old;
          double bound = 4 * (k + 2) * Math.ulp(1.0) * (Math.abs(alpha) * abs + Math.abs(beta * old));
          double got = c[cOff + i * ldc + j];
          assertTrue(Math.abs(got - expected) <= bound, "C[" + i + "][" + j + "] = " + got + ", expected "
              + expected + " within " + bound + " (transA " + ta + ", transB " + tb + ")");
        }
        for (int j = n; j < ldc; j++) {
          assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j], 0.0, "padding untouched");
        }
      }
    }
  }

  @Test
  void smallIntegerProductsAreExact() {
    // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
    double[] a = {1, 2, 3, 4, 5, 6};
    double[] b = {7, 8, 9, 10, 11, 12};
    double[] c = new double[4];
    kernels.gemm(false, false, 2, 2, 3, 1.0, DoubleBuffer.wrap(a), 0, 3, DoubleBuffer.wrap(b), 0, 2, 0.0,
        DoubleBuffer.wrap(c), 0, 2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {58, 64, 139, 154}, c, 0.0);
    // Aᵀ·A with A = [1 2 3; 4 5 6] stored 2×3: [17 22 27; 22 29 36; 27 36 45]
    double[] ata = new double[9];
    kernels.gemm(true, false, 3, 3, 2, 1.0, DoubleBuffer.wrap(a), 0, 3, DoubleBuffer.wrap(a), 0, 3, 0.0,
        DoubleBuffer.wrap(ata), 0, 3);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, ata, 0.0);
    // A·Aᵀ = [14 32; 32 77]
    double[] aat = new double[4];
    kernels.gemm(false, true, 2, 2, 3, 1.0, DoubleBuffer.wrap(a), 0, 3, DoubleBuffer.wrap(a), 0, 3, 0.0,
        DoubleBuffer.wrap(aat), 0, 2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {14, 32, 32, 77}, aat, 0.0);
  }

  @Test
  void betaZeroIgnoresNaNInTheOutput() {
    double[] c = {Double.NaN, Double.NaN};
    kernels.gemm(false, false, 1, 2, 1, 1.0, DoubleBuffer.wrap(new double[] {2}), 0, 1,
        DoubleBuffer.wrap(new double[] {3, 4}), 0, 2, 0.0, DoubleBuffer.wrap(c), 0, 2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {6, 8}, c, 0.0);
  }

  @Test
  void rowVectorAndColumnSums() {
    double[] c = {1, 2, 3, 4, 5, 6};
    kernels.addRowVector(2, 3, DoubleBuffer.wrap(new double[] {9, 10, 10, 20, 30}), 2, DoubleBuffer.wrap(c), 0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, c, 0.0);
    double[] out = {100, 100, 100, 100};
    kernels.columnSums(2, 3, 0.5, DoubleBuffer.wrap(c), 0, 0.0, DoubleBuffer.wrap(out), 1);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {100, 12.5, 23.5, 34.5}, out, 0.0);
  }
}
