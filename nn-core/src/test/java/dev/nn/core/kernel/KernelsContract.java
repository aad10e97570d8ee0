package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
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

  /** A matrix from the implementation holding {@code values} (rounded to its precision). */
  final Matrix buffer(double[] values) {
    Matrix b = kernels().allocate(values.length);
    b.set(0, values, 0, values.length);
    return b;
  }

  static double[] contents(Matrix b) {
    return b.toArray();
  }

  /** {@code v} rounded to the implementation's precision. */
  final double round(double v) {
    return kernels().precision() == Precision.FLOAT32 ? (double) (float) v : v;
  }

  /** {@code values} rounded to the implementation's precision. */
  final double[] round(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = round(out[i]);
    }
    return out;
  }

  /** The unit roundoff's bound per operation: 2⁻⁵² in float64, 2⁻²³ in float32. */
  final double epsilon() {
    return kernels().precision() == Precision.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
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
    double[] a = round(random(rnd, aOff + (ta ? k : m) * Math.max(lda, 1)));
    double[] b = round(random(rnd, bOff + (tb ? n : k) * Math.max(ldb, 1)));
    double[] c0 = round(random(rnd, cOff + m * ldc));
    Matrix cb = buffer(c0);
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
        double bound = 4 * (k + 2) * epsilon() * (Math.abs(alpha) * abs + Math.abs(beta * old));
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
    // batch size 1, a few rows, ≥ 16 rows; k and n past the Java kernels' 128-deep and 512-wide blocks; a layer
    // wider than the batch, which the OpenBLAS kernels cut into blocks of columns
    int[][] shapes = {{1, 700, 300}, {3, 90, 260}, {17, 530, 131}, {40, 33, 600}, {130, 7, 9}, {48, 600, 150}};
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
    Matrix a = buffer(new double[] {1, 2, 3, 4, 5, 6});
    Matrix b = buffer(new double[] {7, 8, 9, 10, 11, 12});
    Matrix c = buffer(new double[4]);
    kernels().gemm(false, false, 2, 2, 3, 1.0, a, 0, 3, b, 0, 2, 0.0, c, 0, 2);
    assertArrayEquals(new double[] {58, 64, 139, 154}, contents(c), 0.0);
    // Aᵀ·A = [17 22 27; 22 29 36; 27 36 45]
    Matrix ata = buffer(new double[9]);
    kernels().gemm(true, false, 3, 3, 2, 1.0, a, 0, 3, a, 0, 3, 0.0, ata, 0, 3);
    assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, contents(ata), 0.0);
    // A·Aᵀ = [14 32; 32 77]
    Matrix aat = buffer(new double[4]);
    kernels().gemm(false, true, 2, 2, 3, 1.0, a, 0, 3, a, 0, 3, 0.0, aat, 0, 2);
    assertArrayEquals(new double[] {14, 32, 32, 77}, contents(aat), 0.0);
    // Aᵀ·Bᵀ with B = [1 2; 3 4; 5 6] stored 3×2 (so Bᵀ is 2×3): (B·A)ᵀ = [9 19 29; 12 26 40; 15 33 51]
    Matrix bm = buffer(new double[] {1, 2, 3, 4, 5, 6});
    Matrix tt = buffer(new double[9]);
    kernels().gemm(true, true, 3, 3, 2, 1.0, a, 0, 3, bm, 0, 2, 0.0, tt, 0, 3);
    assertArrayEquals(new double[] {9, 19, 29, 12, 26, 40, 15, 33, 51}, contents(tt), 0.0);
    // alpha and beta: C ← 2·A·B − C_old with C_old = [1 1; 1 1]
    Matrix c2 = buffer(new double[] {1, 1, 1, 1});
    kernels().gemm(false, false, 2, 2, 3, 2.0, a, 0, 3, b, 0, 2, -1.0, c2, 0, 2);
    assertArrayEquals(new double[] {115, 127, 277, 307}, contents(c2), 0.0);
  }

  @Test
  void betaZeroIgnoresNaNAndInfinityInTheOldOutput() {
    Matrix c = buffer(new double[] {Double.NaN, Double.POSITIVE_INFINITY});
    kernels().gemm(false, false, 1, 2, 1, 1.0, buffer(new double[] {2}), 0, 1, buffer(new double[] {3, 4}), 0, 2,
        0.0, c, 0, 2);
    assertArrayEquals(new double[] {6, 8}, contents(c), 0.0);
  }

  @Test
  void anEmptySumOrZeroAlphaOnlyScalesTheOutput() {
    Matrix c = buffer(new double[] {1, -2, Double.NaN, 4});
    kernels().gemm(false, false, 2, 2, 0, 1.0, buffer(new double[1]), 0, 1, buffer(new double[1]), 0, 2, 0.0,
        c, 0, 2);
    assertArrayEquals(new double[] {0, 0, 0, 0}, contents(c), 0.0);
    Matrix d = buffer(new double[] {1, -2, 3, 4});
    kernels().gemm(false, false, 2, 2, 0, 1.0, buffer(new double[1]), 0, 1, buffer(new double[1]), 0, 2, 0.5,
        d, 0, 2);
    assertArrayEquals(new double[] {0.5, -1, 1.5, 2}, contents(d), 0.0);
    Matrix e = buffer(new double[] {1, -2, 3, 4});
    kernels().gemm(false, false, 2, 2, 1, 0.0, buffer(new double[] {5, 6}), 0, 1, buffer(new double[] {7, 8}), 0,
        2, 3.0, e, 0, 2);
    assertArrayEquals(new double[] {3, -6, 9, 12}, contents(e), 0.0);
  }

  /**
   * A layer's backward step at batch size 1 in one call gives the bits of the two products it stands for, on
   * shapes with and without whole vectors (and above the size a runtime may split over threads), with and
   * without weight decay.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1x1", "3x5", "16x64", "64x64", "64x1", "9x17", "33x130", "600x900"})
  void propagateAndStepGivesTheBitsOfItsTwoProducts(String shape) {
    int in = Integer.parseInt(shape.split("x")[0]);
    int out = Integer.parseInt(shape.split("x")[1]);
    SplittableRandom rnd = new SplittableRandom(in * 1000L + out);
    for (double decay : new double[] {1.0, 0.9995}) {
      double step = -0.01 * rnd.nextDouble(0.5, 2);
      double[] x = random(rnd, in + 1);
      double[] delta = random(rnd, out + 2);
      double[] w = random(rnd, in * out + 1);
      Matrix wTwo = buffer(w);
      Matrix dTwo = buffer(random(rnd, in + 3));
      Kernels k = kernels();
      k.gemm(false, true, 1, in, out, 1.0, buffer(delta), 2, out, wTwo, 1, out, 0.0, dTwo, 3, in);
      k.gemm(true, false, in, out, 1, step, buffer(x), 1, in, buffer(delta), 2, out, decay, wTwo, 1, out);
      Matrix wOne = buffer(w);
      Matrix dOne = buffer(random(rnd, in + 3));
      k.propagateAndStep(in, out, step, decay, buffer(x), 1, buffer(delta), 2, wOne, 1, dOne, 3);
      assertArrayEquals(contents(wTwo), contents(wOne), 0.0, shape + " weights, decay " + decay);
      assertArrayEquals(java.util.Arrays.copyOfRange(contents(dTwo), 3, 3 + in),
          java.util.Arrays.copyOfRange(contents(dOne), 3, 3 + in), 0.0, shape + " input gradient, decay " + decay);
      assertTrue(contents(wOne)[1] != w[1] || step * x[1] * delta[2] == 0.0, "the weights were stepped");
    }
  }

  @Test
  void addRowVectorAddsTheVectorToEveryRow() {
    Matrix c = buffer(new double[] {1, 2, 3, 4, 5, 6, 7});
    kernels().addRowVector(2, 3, buffer(new double[] {9, 10, 10, 20, 30}), 2, c, 1);
    assertArrayEquals(new double[] {1, 12, 23, 34, 15, 26, 37}, contents(c), 0.0);
  }

  @Test
  void columnSumsScalesTheSumsAndKeepsOrDropsTheOldValues() {
    Matrix a = buffer(new double[] {11, 22, 33, 14, 25, 36});
    Matrix out = buffer(new double[] {100, Double.NaN, 100, 100});
    kernels().columnSums(2, 3, 0.5, a, 0, 0.0, out, 1);
    assertArrayEquals(new double[] {100, 12.5, 23.5, 34.5}, contents(out), 0.0);
    kernels().columnSums(2, 3, 1.0, a, 0, -1.0, out, 1);
    assertArrayEquals(new double[] {100, 12.5, 23.5, 34.5}, contents(out), 0.0);
  }

  /**
   * Rows read from an offset, of values the storage rounds: each column's sum is alpha·a(0) + alpha·a(1) of the stored
   * values — exactly in float64; in float32 within a few roundings, since a float32 runtime may sum in float.
   */
  @Test
  void columnSumsReadRowsFromAnOffsetAndSumInDouble() {
    double[] values = {9, 9, 0.1, 0.2, 1e-9, 1.0 / 3, 3.0, 2.0 / 3};
    Matrix a = buffer(values);
    Matrix out = buffer(new double[] {7, 7, 7});
    double alpha = 1.0 / 7;
    kernels().columnSums(2, 3, alpha, a, 2, 0.0, out, 0);
    double[] expected = new double[3];
    for (int j = 0; j < 3; j++) {
      double sum = 0.0;
      sum += alpha * round(values[2 + j]);
      sum += alpha * round(values[5 + j]);
      expected[j] = round(sum);
    }
    double[] found = contents(out);
    for (int j = 0; j < 3; j++) {
      double tolerance = kernels().precision() == Precision.FLOAT32 ? 4 * Math.ulp((float) expected[j]) : 0.0;
      assertEquals(expected[j], found[j], tolerance, "column " + j);
    }
  }

  @Test
  void setAndGetRoundTripValuesInTheStoragePrecision() {
    Matrix b = kernels().allocate(5);
    b.set(0, new double[] {1, 2, 1.0 / 3, 4, 5}, 0, 5);
    b.set(3, -4.0);
    b.set(4, new float[] {0.1f}, 0, 1);
    assertArrayEquals(new double[] {1, 2, round(1.0 / 3), -4, 0.1f}, contents(b), 0.0);
    assertEquals(kernels().precision(), b.precision());
    // a plugin view after a kernel changed the storage sees the change
    kernels().addRowVector(1, 2, buffer(new double[] {10, 10}), 0, b, 0);
    assertArrayEquals(new double[] {11, 12, round(1.0 / 3)}, java.util.Arrays.copyOf(b.read(3), 3), 0.0);
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
  void activateAddsTheBiasToEveryRowThenAppliesPhiToEveryValue(String shape) {
    int rows = Integer.parseInt(shape.split("x")[0]);
    int cols = Integer.parseInt(shape.split("x")[1]);
    int count = rows * cols;
    SplittableRandom rnd = new SplittableRandom(count);
    double[] z0 = round(random(rnd, count));
    double[] bias = round(random(rnd, cols + 2));
    Matrix z = buffer(z0);
    Matrix x = buffer(new double[count]);

    kernels().activate(rows, cols, buffer(bias), 2, z, x, WAVY, true);

    double[] zExpected = new double[count];
    double[] xExpected = new double[count];
    for (int i = 0; i < count; i++) {
      zExpected[i] = round(z0[i] + bias[2 + i % cols]);
      xExpected[i] = round(WAVY.phi(zExpected[i]));
    }
    assertArrayEquals(zExpected, contents(z), 0.0, "z + b");
    assertArrayEquals(xExpected, contents(x), 0.0, "φ(z + b)");
    assertArrayEquals(zExpected, java.util.Arrays.copyOf(z.read(count), count), 0.0, "z as plugins see it");
    assertArrayEquals(xExpected, java.util.Arrays.copyOf(x.read(count), count), 0.0, "x as plugins see it");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 8192, 8193, 40_000})
  void multiplyByDerivativeMultipliesEveryDeltaByPhiPrimeOfTheKeptValues(int count) {
    SplittableRandom rnd = new SplittableRandom(count);
    double[] zValues = round(random(rnd, count));
    double[] xValues = new double[count];
    for (int i = 0; i < count; i++) {
      xValues[i] = round(WAVY.phi(zValues[i]));
    }
    double[] d0 = round(random(rnd, count));
    Matrix z = buffer(zValues);
    Matrix x = buffer(xValues);
    Matrix delta = buffer(d0);

    kernels().multiplyByDerivative(count, z, x, delta, WAVY);

    double[] expected = new double[count];
    for (int i = 0; i < count; i++) {
      expected[i] = round(d0[i] * WAVY.phiPrime(zValues[i], xValues[i]));
    }
    assertArrayEquals(expected, contents(delta), 0.0);
  }

  /** max(0, z) in doubles only: declines the float paths. */
  static final Activation DOUBLE_RELU = new Activation() {
    @Override
    public double phi(double z) {
      return Math.max(0.0, z);
    }

    @Override
    public double phiPrime(double z, double x) {
      return z > 0 ? 1.0 : 0.0;
    }
  };

  /** The same φ and φ′, also offered on floats, where they are exact. */
  static final Activation FLOAT_RELU = new Activation() {
    @Override
    public double phi(double z) {
      return DOUBLE_RELU.phi(z);
    }

    @Override
    public double phiPrime(double z, double x) {
      return DOUBLE_RELU.phiPrime(z, x);
    }

    @Override
    public boolean forwardFloats(float[] z, float[] x, int count) {
      for (int i = 0; i < count; i++) {
        x[i] = Math.max(0f, z[i]);
      }
      return true;
    }

    @Override
    public boolean backwardFloats(float[] z, float[] x, float[] delta, int count) {
      for (int i = 0; i < count; i++) {
        delta[i] *= z[i] > 0 ? 1f : 0f;
      }
      return true;
    }
  };

  /**
   * A layer through an activation that offers the float paths gives the bits of the same layer through one
   * that declines them — z + b, φ, what plugins then see of z and x, and δ ⊙ φ′ — in blocks shared between
   * threads or not (whether a runtime takes the float path depends on its precision and storage).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1x1", "3x5", "200x512", "7x10000"})
  void theFloatPathsOfAnActivationGiveTheBitsOfItsDoublePaths(String shape) {
    int rows = Integer.parseInt(shape.split("x")[0]);
    int cols = Integer.parseInt(shape.split("x")[1]);
    int count = rows * cols;
    SplittableRandom rnd = new SplittableRandom(count + 7);
    double[] z0 = round(random(rnd, count));
    double[] bias = round(random(rnd, cols + 1));
    double[] d0 = round(random(rnd, count));
    double[][] viaDoubles = layer(rows, cols, z0, bias, d0, DOUBLE_RELU);
    double[][] viaFloats = layer(rows, cols, z0, bias, d0, FLOAT_RELU);
    String[] parts = {"z + b", "φ(z + b)", "z as plugins see it", "x as plugins see it", "δ ⊙ φ′"};
    for (int p = 0; p < parts.length; p++) {
      assertArrayEquals(viaDoubles[p], viaFloats[p], 0.0, parts[p] + ", " + shape);
    }
    int kept = 0;
    for (int i = 0; i < count; i++) {
      kept += viaFloats[4][i] != 0.0 ? 1 : 0;
    }
    // half the values are positive: relu's φ′ keeps some δ, and zeroes some
    assertTrue(count < 15 || (kept > 0 && kept < count), kept + " of " + count + " δ kept");
  }

  /** Storage and views after activate (kept) and multiplyByDerivative through {@code phi}. */
  private double[][] layer(int rows, int cols, double[] z0, double[] bias, double[] d0, Activation phi) {
    int count = rows * cols;
    Matrix z = buffer(z0);
    Matrix x = buffer(new double[count]);
    Matrix delta = buffer(d0);
    kernels().activate(rows, cols, buffer(bias), 1, z, x, phi, true);
    kernels().multiplyByDerivative(count, z, x, delta, phi);
    return new double[][] {contents(z), contents(x), java.util.Arrays.copyOf(z.read(count), count),
        java.util.Arrays.copyOf(x.read(count), count), contents(delta)};
  }

  @Test
  void allocateGivesZeroedBuffersOfTheLengthAskedFor() {
    Matrix b = kernels().allocate(1001);
    assertEquals(1001, b.length());
    for (int i = 0; i < 1001; i++) {
      assertEquals(0.0, b.get(i), 0.0);
    }
  }
}
