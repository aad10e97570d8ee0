package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Kernels} implementation must do, checked against a naive reference. GEMM results may
 * differ from the reference by rounding only, within the bound that holds even where entries cancel:
 * |C − C_ref|ij ≤ 4·(k+2)·ε·(|alpha|·(|A|·|B|)ij + |beta·C_old,ij|). Subclasses name the implementation
 * and its thread count.
 */
abstract class KernelsContract {

  /** The implementation under test. */
  abstract Kernels kernels();

  /** A buffer from the implementation holding {@code values}. */
  final DoubleBuffer buffer(double[] values) {
    DoubleBuffer b = kernels().allocate(values.length);
    b.put(0, values);
    return b;
  }

  static double[] contents(DoubleBuffer b) {
    double[] out = new double[b.capacity()];
    b.get(0, out);
    return out;
  }

  /** Values spread over six orders of magnitude, both signs, so products cancel. */
  static double[] random(SplittableRandom rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4));
    }
    return a;
  }

  /** op(X)[i][p] for X stored with leading dimension ld from offset off. */
  static double at(double[] x, int off, int ld, boolean trans, int i, int p) {
    return trans ? x[off + p * ld + i] : x[off + i * ld + p];
  }

  /**
   * Runs one product on the implementation and checks every element of C against the reference and the
   * padding of C (columns n … ldc−1) unchanged.
   */
  final void checkProduct(boolean ta, boolean tb, int m, int n, int k, double alpha, double beta, int pad,
      SplittableRandom rnd) {
    int lda = (ta ? m : k) + (pad > 0 ? rnd.nextInt(pad + 1) : 0);
    int ldb = (tb ? k : n) + (pad > 0 ? rnd.nextInt(pad + 1) : 0);
    int ldc = n + (pad > 0 ? rnd.nextInt(pad + 1) : 0);
    int aOff = pad > 0 ? rnd.nextInt(4) : 0;
    int bOff = pad > 0 ? rnd.nextInt(4) : 0;
    int cOff = pad > 0 ? rnd.nextInt(4) : 0;
    double[] a = random(rnd, aOff + (ta ? k : m) * Math.max(lda, 1));
    double[] b = random(rnd, bOff + (tb ? n : k) * Math.max(ldb, 1));
    double[] c0 = random(rnd, cOff + m * ldc);
    DoubleBuffer cb = buffer(c0);
    kernels().gemm(ta, tb, m, n, k, alpha, buffer(a), aOff, lda, buffer(b), bOff, ldb, beta, cb, cOff, ldc);
    double[] c = contents(cb);
    String shape = (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "×" + n + "×" + k;
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
        String where = shape + ": C[" + i + "][" + j + "] = ";
        assertTrue(Math.abs(got - expected) <= bound, () -> where + got + ", expected " + expected + " within "
            + bound);
      }
      for (int j = n; j < ldc; j++) {
        assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j], 0.0, shape + ": padding of row " + i);
      }
    }
    for (int q = 0; q < cOff; q++) {
      assertEquals(c0[q], c[q], 0.0, shape + ": value before C's offset");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void gemmMatchesTheReferenceWithOffsetsAndPaddedRowsInEveryTransposeCase(int seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int t = 0; t < 4; t++) {
      for (int trial = 0; trial < 3; trial++) {
        int m = 1 + rnd.nextInt(24);
        int n = 1 + rnd.nextInt(24);
        int k = 1 + rnd.nextInt(40);
        double alpha = rnd.nextBoolean() ? 1.0 : rnd.nextDouble(-2, 2);
        double beta = new double[] {0.0, 1.0, -0.5}[rnd.nextInt(3)];
        checkProduct((t & 1) != 0, (t & 2) != 0, m, n, k, alpha, beta, 3, rnd);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {11, 12, 13})
  void gemmMatchesTheReferenceOnShapesThatCrossEveryBlockAndFastPath(int seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    // batch size 1, a few rows, ≥ 16 rows; k and n past the Java kernels' 128-deep and 512-wide blocks
    int[][] shapes = {{1, 700, 300}, {3, 90, 260}, {17, 530, 131}, {40, 33, 600}, {130, 7, 9}};
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        checkProduct((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], rnd.nextDouble(-2, 2),
            rnd.nextBoolean() ? 0.0 : 0.75, 2, rnd);
      }
    }
  }

  @Test
  void smallIntegerProductsAreExact() {
    // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
    DoubleBuffer a = buffer(new double[] {1, 2, 3, 4, 5, 6});
    DoubleBuffer b = buffer(new double[] {7, 8, 9, 10, 11, 12});
    DoubleBuffer c = buffer(new double[4]);
    kernels().gemm(false, false, 2, 2, 3, 1.0, a, 0, 3, b, 0, 2, 0.0, c, 0, 2);
    assertArrayEquals(new double[] {58, 64, 139, 154}, contents(c), 0.0);
    // Aᵀ·A = [17 22 27; 22 29 36; 27 36 45]
    DoubleBuffer ata = buffer(new double[9]);
    kernels().gemm(true, false, 3, 3, 2, 1.0, a, 0, 3, a, 0, 3, 0.0, ata, 0, 3);
    assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, contents(ata), 0.0);
    // A·Aᵀ = [14 32; 32 77]
    DoubleBuffer aat = buffer(new double[4]);
    kernels().gemm(false, true, 2, 2, 3, 1.0, a, 0, 3, a, 0, 3, 0.0, aat, 0, 2);
    assertArrayEquals(new double[] {14, 32, 32, 77}, contents(aat), 0.0);
    // Aᵀ·Bᵀ with B = [1 2; 3 4; 5 6] stored 3×2 (so Bᵀ is 2×3): (B·A)ᵀ = [9 19 29; 12 26 40; 15 33 51]
    DoubleBuffer bm = buffer(new double[] {1, 2, 3, 4, 5, 6});
    DoubleBuffer tt = buffer(new double[9]);
    kernels().gemm(true, true, 3, 3, 2, 1.0, a, 0, 3, bm, 0, 2, 0.0, tt, 0, 3);
    assertArrayEquals(new double[] {9, 19, 29, 12, 26, 40, 15, 33, 51}, contents(tt), 0.0);
    // alpha and beta: C ← 2·A·B − C_old with C_old = [1 1; 1 1]
    DoubleBuffer c2 = buffer(new double[] {1, 1, 1, 1});
    kernels().gemm(false, false, 2, 2, 3, 2.0, a, 0, 3, b, 0, 2, -1.0, c2, 0, 2);
    assertArrayEquals(new double[] {115, 127, 277, 307}, contents(c2), 0.0);
  }

  @Test
  void betaZeroIgnoresNaNAndInfinityInTheOldOutput() {
    DoubleBuffer c = buffer(new double[] {Double.NaN, Double.POSITIVE_INFINITY});
    kernels().gemm(false, false, 1, 2, 1, 1.0, buffer(new double[] {2}), 0, 1, buffer(new double[] {3, 4}), 0, 2,
        0.0, c, 0, 2);
    assertArrayEquals(new double[] {6, 8}, contents(c), 0.0);
  }

  @Test
  void anEmptySumOrZeroAlphaOnlyScalesTheOutput() {
    DoubleBuffer c = buffer(new double[] {1, -2, Double.NaN, 4});
    kernels().gemm(false, false, 2, 2, 0, 1.0, buffer(new double[1]), 0, 1, buffer(new double[1]), 0, 2, 0.0,
        c, 0, 2);
    assertArrayEquals(new double[] {0, 0, 0, 0}, contents(c), 0.0);
    DoubleBuffer d = buffer(new double[] {1, -2, 3, 4});
    kernels().gemm(false, false, 2, 2, 0, 1.0, buffer(new double[1]), 0, 1, buffer(new double[1]), 0, 2, 0.5,
        d, 0, 2);
    assertArrayEquals(new double[] {0.5, -1, 1.5, 2}, contents(d), 0.0);
    DoubleBuffer e = buffer(new double[] {1, -2, 3, 4});
    kernels().gemm(false, false, 2, 2, 1, 0.0, buffer(new double[] {5, 6}), 0, 1, buffer(new double[] {7, 8}), 0,
        2, 3.0, e, 0, 2);
    assertArrayEquals(new double[] {3, -6, 9, 12}, contents(e), 0.0);
  }

  @Test
  void addRowVectorAddsTheVectorToEveryRow() {
    DoubleBuffer c = buffer(new double[] {1, 2, 3, 4, 5, 6, 7});
    kernels().addRowVector(2, 3, buffer(new double[] {9, 10, 10, 20, 30}), 2, c, 1);
    assertArrayEquals(new double[] {1, 12, 23, 34, 15, 26, 37}, contents(c), 0.0);
  }

  @Test
  void columnSumsScalesTheSumsAndKeepsOrDropsTheOldValues() {
    DoubleBuffer a = buffer(new double[] {11, 22, 33, 14, 25, 36});
    DoubleBuffer out = buffer(new double[] {100, Double.NaN, 100, 100});
    kernels().columnSums(2, 3, 0.5, a, 0, 0.0, out, 1);
    assertArrayEquals(new double[] {100, 12.5, 23.5, 34.5}, contents(out), 0.0);
    kernels().columnSums(2, 3, 1.0, a, 0, -1.0, out, 1);
    assertArrayEquals(new double[] {100, 12.5, 23.5, 34.5}, contents(out), 0.0);
  }

  @Test
  void aViewHoldsTheBufferAndACommitWritesTheChangesBack() {
    double[] values = {1, 2, 3, 4, 5};
    DoubleBuffer b = buffer(values);
    double[] staging = kernels().viewsAreShared() ? null : new double[4];
    double[] view = kernels().view(b, 4, staging);
    if (kernels().viewsAreShared()) {
      assertSame(b.array(), view, "a shared view is the buffer's own array");
    } else {
      assertSame(staging, view, "an unshared view is the staging array");
    }
    assertArrayEquals(new double[] {1, 2, 3, 4}, java.util.Arrays.copyOf(view, 4), 0.0);
    view[0] = -1;
    view[3] = -4;
    kernels().commit(view, b, 4);
    assertArrayEquals(new double[] {-1, 2, 3, -4, 5}, contents(b), 0.0);
    // a second view after a kernel changed the buffer sees the change
    kernels().addRowVector(1, 2, buffer(new double[] {10, 10}), 0, b, 0);
    view = kernels().view(b, 4, staging);
    assertArrayEquals(new double[] {9, 12, 3, -4}, java.util.Arrays.copyOf(view, 4), 0.0);
  }

  /** A smooth activation with no bulk loops of its own, so the core's blocks call the element forms. */
  static final Activation WAVY = new Activation() {
    @Override
    public double phi(double z) {
      return Math.sin(z) + 0.25 * z;
    }

    @Override
    public double phiPrime(double z, double x) {
      return Math.cos(z) + 0.25 + 1e-3 * x;
    }
  };

  /** Rows × cols: one value, a few rows, many cache blocks (shared between threads), rows wider than a block. */
  @ParameterizedTest
  @ValueSource(strings = {"1x1", "3x5", "200x512", "1000x3", "7x10000"})
  void addBiasAndActivateAddsTheBiasToEveryRowThenAppliesPhiToEveryValue(String shape) {
    int rows = Integer.parseInt(shape.split("x")[0]);
    int cols = Integer.parseInt(shape.split("x")[1]);
    int count = rows * cols;
    SplittableRandom rnd = new SplittableRandom(count);
    double[] z0 = random(rnd, count);
    double[] bias = random(rnd, cols + 2);
    DoubleBuffer z = buffer(z0);
    DoubleBuffer x = buffer(new double[count]);
    double[] zStage = kernels().viewsAreShared() ? null : new double[count];
    double[] xStage = kernels().viewsAreShared() ? null : new double[count];

    kernels().addBiasAndActivate(rows, cols, buffer(bias), 2, z, zStage, x, xStage, WAVY, true);

    double[] zExpected = new double[count];
    double[] xExpected = new double[count];
    for (int i = 0; i < count; i++) {
      zExpected[i] = z0[i] + bias[2 + i % cols];
      xExpected[i] = WAVY.phi(zExpected[i]);
    }
    assertArrayEquals(zExpected, contents(z), 0.0, "z + b");
    assertArrayEquals(xExpected, contents(x), 0.0, "φ(z + b)");
    if (!kernels().viewsAreShared()) {
      assertArrayEquals(zExpected, zStage, 0.0, "staged z");
      assertArrayEquals(xExpected, xStage, 0.0, "staged x");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 8192, 8193, 40_000})
  void multiplyByDerivativeMultipliesEveryDeltaByPhiPrimeOfTheStagedValues(int count) {
    SplittableRandom rnd = new SplittableRandom(count);
    double[] zValues = random(rnd, count);
    double[] xValues = new double[count];
    for (int i = 0; i < count; i++) {
      xValues[i] = WAVY.phi(zValues[i]);
    }
    double[] d0 = random(rnd, count);
    DoubleBuffer z = buffer(zValues);
    DoubleBuffer x = buffer(xValues);
    DoubleBuffer delta = buffer(d0);
    boolean shared = kernels().viewsAreShared();
    double[] deltaStage = shared ? null : new double[count];

    kernels().multiplyByDerivative(count, z, shared ? null : zValues.clone(), x, shared ? null : xValues.clone(),
        delta, deltaStage, WAVY);

    double[] expected = new double[count];
    for (int i = 0; i < count; i++) {
      expected[i] = d0[i] * WAVY.phiPrime(zValues[i], xValues[i]);
    }
    assertArrayEquals(expected, contents(delta), 0.0);
  }

  @Test
  void allocateGivesZeroedBuffersOfTheLengthAskedFor() {
    DoubleBuffer b = kernels().allocate(1001);
    assertEquals(1001, b.capacity());
    for (int i = 0; i < 1001; i++) {
      assertEquals(0.0, b.get(i), 0.0);
    }
  }
}
