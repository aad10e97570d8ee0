package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FmaLoops}, the plain-Java twin of the vector loops: the same bits as {@code VectorLoops} on every
 * shape, path and block split (where this JVM has the Vector API, as the build's tests do: surefire starts
 * them with {@code --add-modules jdk.incubator.vector}); for any lane count, the order documented in its
 * class comment, bit for bit; and within rounding of the exact product.
 */
class FmaLoopsTests {
  /** Each dimension takes these values: 1, vector widths and their neighbours, block widths, a row past 128. */
  static final int[] DIMS = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 130};
  static final double[] BETAS = {0.0, 1.0, 0.5, -1.5};

  /** The vector loops, warmed up (so that thousands of products take seconds, not minutes), if this JVM has them. */
  private static RowLoops vector;

  @BeforeAll
  static void warmUpTheVectorLoops() throws InterruptedException {
    vector = RowLoops.vector().orElse(null);
    if (vector != null) {
      try (WarmingLoops warming = WarmingLoops.of(vector, 0)) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!warming.isWarm() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
    }
  }

  /** One product's operands: op(A) m×k, op(B) k×n, C m×n, with padded leading dimensions and offsets. */
  record Product(boolean ta, boolean tb, int m, int n, int k, double alpha, double beta, double[] a, int ao,
      int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc) {

    static Product random(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k) {
      int lda = (ta ? m : k) + rnd.nextInt(3);
      int ldb = (tb ? k : n) + rnd.nextInt(3);
      int ldc = n + rnd.nextInt(3);
      int ao = rnd.nextInt(3);
      int bo = rnd.nextInt(3);
      int co = rnd.nextInt(3);
      double alpha = rnd.nextInt(4) == 0 ? 1.0 : rnd.nextDouble(-2, 2);
      double beta = BETAS[rnd.nextInt(BETAS.length)];
      return new Product(ta, tb, m, n, k, alpha, beta, KernelsContract.random(rnd, ao + (ta ? k : m) * lda),
          ao, lda, KernelsContract.random(rnd, bo + (tb ? n : k) * ldb), bo, ldb,
          KernelsContract.random(rnd, co + m * ldc), co, ldc);
    }

    double opA(int i, int p) {
      return KernelsContract.at(a, ao, lda, ta, i, p);
    }

    double opB(int p, int j) {
      return KernelsContract.at(b, bo, ldb, tb, p, j);
    }

    double oldC(int i, int j) {
      return c[co + i * ldc + j];
    }

    /** C after the product through {@link GemmJob} with {@code loops}, in {@code parts} parts (C untouched). */
    double[] through(RowLoops loops, int parts) {
      return through(loops, loops, parts);
    }

    /**
     * C after the product through {@link GemmJob} in the parts its plan makes for {@code threads} threads,
     * the even parts computed with {@code even}, the odd ones with {@code odd}.
     */
    double[] through(RowLoops even, RowLoops odd, int threads) {
      double[] out = c.clone();
      GemmJob job = new GemmJob();
      job.prepare(even, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, out, co, ldc);
      int parts = job.plan(threads, 0.0);
      for (int part = 0; part < parts; part++) {
        job.prepare(part % 2 == 0 ? even : odd, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, out, co,
            ldc);
        job.plan(threads, 0.0);
        job.run(part, parts, 0);
      }
      return out;
    }

    String describe() {
      return (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "×" + n + "×" + k + " alpha " + alpha + " beta " + beta;
    }
  }

  static void assertSameBits(double[] want, double[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
        throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + want[i]);
      }
    }
  }

  @Test
  void theBuildRunsTheseTestsWithTheVectorLoops() {
    assertTrue(vector != null, "surefire starts the tests with --add-modules jdk.incubator.vector (pom.xml)");
  }

  @Test
  void theTwinGivesTheVectorLoopsBitsOnEveryShapeThroughGemmJob() {
    assumeTrue(vector != null, "this JVM has no Vector API");
    RowLoops twin = new FmaLoops(vector.lanes());
    SplittableRandom rnd = new SplittableRandom(17);
    int products = 0;
    for (int m : DIMS) {
      for (int n : DIMS) {
        for (int k : DIMS) {
          for (int t = 0; t < 4; t++) {
            Product p = Product.random(rnd, (t & 1) != 0, (t & 2) != 0, m, n, k);
            double[] want = p.through(vector, 1);
            assertSameBits(want, p.through(twin, 1), "twin " + p.describe());
            // split into parts (of rows, or of columns when C has few rows), the twin and the vector loops
            // taking turns: a switch in the middle of a product changes nothing
            assertSameBits(want, p.through(twin, vector, 3), "twin and vector in parts " + p.describe());
            products++;
          }
        }
      }
    }
    assertEquals(4 * DIMS.length * DIMS.length * DIMS.length, products);
  }

  @Test
  void theTwinGivesTheVectorLoopsBitsOnRandomShapes() {
    assumeTrue(vector != null, "this JVM has no Vector API");
    RowLoops twin = new FmaLoops(vector.lanes());
    SplittableRandom rnd = new SplittableRandom(18);
    for (int r = 0; r < 400; r++) {
      Product p = Product.random(rnd, rnd.nextBoolean(), rnd.nextBoolean(), 1 + rnd.nextInt(130),
          1 + rnd.nextInt(130), 1 + rnd.nextInt(130));
      assertSameBits(p.through(vector, 1), p.through(twin, 1), "twin " + p.describe());
    }
  }

  /**
   * Both forms called directly on every m (GemmJob only takes the dot form below 16 rows), with A as is
   * (sp = 1) and transposed (sp = lda: the vector loops hand it to GemmLoops.dotForm, and so does the twin).
   */
  @Test
  void theTwinGivesTheVectorLoopsBitsInBothFormsCalledDirectly() {
    assumeTrue(vector != null, "this JVM has no Vector API");
    RowLoops twin = new FmaLoops(vector.lanes());
    SplittableRandom rnd = new SplittableRandom(19);
    for (int m : DIMS) {
      for (int n : DIMS) {
        for (int k : DIMS) {
          for (int t = 0; t < 2; t++) {
            boolean ta = t == 1;
            // the dot form reads B stored transposed (n×k); the axpy form B as is (k×n)
            Product dot = Product.random(rnd, ta, true, m, n, k);
            Product axpy = Product.random(rnd, ta, false, m, n, k);
            assertSameBits(direct(vector, dot, true), direct(twin, dot, true), "dot form " + dot.describe());
            assertSameBits(direct(vector, axpy, false), direct(twin, axpy, false), "axpy form " + axpy.describe());
          }
        }
      }
    }
  }

  /**
   * The vector loops' one pass over W for a layer's backward step at batch size 1 gives the bits of the two
   * products it replaces — through the vector loops' own forms and through the twin's — on every shape of
   * {@link #DIMS} (whole vectors and tails, four rows at a time and the rows left over, one output), with
   * and without weight decay, at offsets.
   */
  @Test
  void propagateAndStepGivesTheBitsOfTheTwoProductsItFuses() {
    assumeTrue(vector != null, "this JVM has no Vector API");
    RowLoops twin = new FmaLoops(vector.lanes());
    RowLoops separate = new RowLoops() {
      @Override
      public String description() {
        return "the vector loops' two forms";
      }

      @Override
      public int lanes() {
        return vector.lanes();
      }

      @Override
      public void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si,
          int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
        vector.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
      }

      @Override
      public void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si,
          int sp, double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
        vector.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
      }
    };
    SplittableRandom rnd = new SplittableRandom(23);
    int checked = 0;
    for (int in : DIMS) {
      for (int out : DIMS) {
        for (double decay : new double[] {1.0, 0.999, -0.5}) {
          double step = rnd.nextDouble(-1, 1);
          double[] x = KernelsContract.random(rnd, in + 2);
          double[] delta = KernelsContract.random(rnd, out + 1);
          double[] w = KernelsContract.random(rnd, in * out + 3);
          double[] d = KernelsContract.random(rnd, in + 1);
          double[][] want = propagated(separate, in, out, step, decay, x, delta, w, d);
          String what = in + "×" + out + " decay " + decay;
          double[][] fused = propagated(vector, in, out, step, decay, x, delta, w, d);
          assertSameBits(want[0], fused[0], "weights " + what);
          assertSameBits(want[1], fused[1], "input gradient " + what);
          double[][] twinned = propagated(twin, in, out, step, decay, x, delta, w, d);
          assertSameBits(want[0], twinned[0], "twin's weights " + what);
          assertSameBits(want[1], twinned[1], "twin's input gradient " + what);
          checked++;
        }
      }
    }
    assertEquals(3 * DIMS.length * DIMS.length, checked);
  }

  /** W and d after {@code propagateAndStep} on copies, x at offset 2, δ at 1, W at 3, d at 1. */
  private static double[][] propagated(RowLoops loops, int in, int out, double step, double decay, double[] x,
      double[] delta, double[] w, double[] d) {
    double[] wOut = w.clone();
    double[] dOut = d.clone();
    loops.propagateAndStep(in, out, step, decay, x, 2, delta, 1, wOut, 3, dOut, 1);
    return new double[][] {wOut, dOut};
  }

  /** C after one call of a form on the whole of C (no scaling by beta: the forms add to C). */
  static double[] direct(RowLoops loops, Product p, boolean dotForm) {
    double[] out = p.c.clone();
    int si = p.ta ? 1 : p.lda;
    int sp = p.ta ? p.lda : 1;
    if (dotForm) {
      loops.dotForm(0, p.m, 0, p.n, p.k, p.alpha, p.a, p.ao, si, sp, p.b, p.bo, p.ldb, out, p.co, p.ldc);
    } else {
      loops.axpyForm(0, p.m, 0, p.n, p.k, p.alpha, p.a, p.ao, si, sp, p.b, p.bo, p.ldb, out, p.co, p.ldc);
    }
    return out;
  }

  /**
   * The order of the class comment, written out plainly: for any lane count the twin gives these bits (for
   * the lane count of this JVM's vectors, {@code VectorLoops} gives them too, as the tests above show and
   * {@code JavaKernelsTests} checks against its own copy of the order).
   */
  static double documentedOrder(int lanes, Product p, int i, int j) {
    double old = p.oldC(i, j);
    double c = p.beta == 0.0 ? 0.0 : p.beta == 1.0 ? old : p.beta * old;
    if (p.tb && p.m < GemmJob.TRANSPOSE_MIN_ROWS) {
      if (p.ta && p.lda != 1) {
        // a row of op(A) is not contiguous: GemmLoops.dotForm, unfused
        double s = 0.0;
        for (int q = 0; q < p.k; q++) {
          s += p.opA(i, q) * p.opB(q, j);
        }
        return c + p.alpha * s;
      }
      int whole = p.k - p.k % lanes;
      double[] partial = new double[lanes];
      for (int q = 0; q < whole; q++) {
        partial[q % lanes] = Math.fma(p.opA(i, q), p.opB(q, j), partial[q % lanes]);
      }
      double s = 0.0;
      if (whole > 0) {
        s = partial[0];
        for (int l = 1; l < lanes; l++) {
          s += partial[l];
        }
      }
      for (int q = whole; q < p.k; q++) {
        s = Math.fma(p.opA(i, q), p.opB(q, j), s);
      }
      return c + p.alpha * s;
    }
    for (int q = 0; q < p.k; q++) {
      c = Math.fma(p.alpha * p.opA(i, q), p.opB(q, j), c);
    }
    return c;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8, 16})
  void theTwinComputesInItsDocumentedOrderForAnyLaneCount(int lanes) {
    RowLoops twin = new FmaLoops(lanes);
    SplittableRandom rnd = new SplittableRandom(20 + lanes);
    for (int r = 0; r < 240; r++) {
      int m = r < 60 ? DIMS[r % DIMS.length] : 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 130);
      Product p = Product.random(rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, DIMS[rnd.nextInt(DIMS.length)],
          DIMS[rnd.nextInt(DIMS.length)]);
      double[] got = p.through(twin, 1 + r % 3);
      for (int i = 0; i < p.m; i++) {
        for (int j = 0; j < p.n; j++) {
          double want = documentedOrder(lanes, p, i, j);
          double at = got[p.co + i * p.ldc + j];
          if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(at)) {
            throw new AssertionError(lanes + " lanes " + p.describe() + ": C[" + i + "][" + j + "] = " + at
                + ", in the documented order " + want);
          }
        }
      }
    }
  }

  /**
   * Against the exact product (BigDecimal): each element of C goes through at most k + 3 roundings on any
   * path (k/lanes fused products in a partial sum, lanes − 1 additions of partial sums, the tail, alpha·sum
   * and the addition to C; or alpha·a and k fused products after beta·C), so
   * |C − C_exact| ≤ γ(k+3)·(|alpha|·Σ_p |a(i,p)·b(p,j)| + |beta·C_old|), γ(n) = n·u/(1 − n·u), u = 2⁻⁵³.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 8})
  void theTwinIsWithinRoundingOfTheExactProduct(int lanes) {
    RowLoops twin = new FmaLoops(lanes);
    SplittableRandom rnd = new SplittableRandom(30 + lanes);
    double u = Math.ulp(1.0) / 2;
    for (int r = 0; r < 60; r++) {
      Product p = Product.random(rnd, rnd.nextBoolean(), rnd.nextBoolean(), DIMS[rnd.nextInt(8)],
          DIMS[rnd.nextInt(10)], DIMS[rnd.nextInt(DIMS.length)]);
      double[] got = p.through(twin, 1);
      double gamma = (p.k + 3) * u / (1 - (p.k + 3) * u);
      for (int i = 0; i < p.m; i++) {
        for (int j = 0; j < p.n; j++) {
          BigDecimal exact = new BigDecimal(p.beta).multiply(new BigDecimal(p.oldC(i, j)));
          double size = Math.abs(p.beta * p.oldC(i, j));
          for (int q = 0; q < p.k; q++) {
            exact = exact.add(new BigDecimal(p.alpha).multiply(new BigDecimal(p.opA(i, q)))
                .multiply(new BigDecimal(p.opB(q, j))));
            size += Math.abs(p.alpha * p.opA(i, q) * p.opB(q, j));
          }
          double at = got[p.co + i * p.ldc + j];
          double error = new BigDecimal(at).subtract(exact).abs().doubleValue();
          double bound = gamma * size * (1 + 1e-9);
          if (!(error <= bound)) {
            throw new AssertionError(lanes + " lanes " + p.describe() + ": C[" + i + "][" + j + "] = " + at
                + " is " + error + " from the exact " + exact + ", more than " + bound);
          }
        }
      }
    }
  }

  /**
   * Products that underflow to −0.0 in every lane, with C = −0.0 and beta = 1: the sum of the partial sums
   * starts at partial sum 0 (−0.0), not at 0.0 + partial sum 0 (+0.0), and C keeps its sign only then;
   * and products that overflow to infinity.
   */
  @Test
  void signedZerosAndOverflowComeOutAsWithTheVectorLoops() {
    for (int lanes : new int[] {1, 2, 4, 8, 16}) {
      RowLoops twin = new FmaLoops(lanes);
      for (int k : new int[] {lanes, 2 * lanes, 2 * lanes + 1}) {
        for (double[] ab : new double[][] {{-1e-200, 1e-200}, {1e200, 1e200}, {-1e200, 1e200}}) {
          for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            Product p = new Product(ta, tb, 1, 1, k, 1.0, 1.0, filled(k, ab[0]), 0, ta ? 1 : k, filled(k, ab[1]),
                0, tb ? k : 1,
                new double[] {-0.0}, 0, 1);
            double want = documentedOrder(lanes, p, 0, 0);
            double got = p.through(twin, 1)[0];
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
                lanes + " lanes " + p.describe() + " of " + ab[0] + "·" + ab[1] + ": " + got + ", want " + want);
            if (vector != null && lanes == vector.lanes()) {
              double v = p.through(vector, 1)[0];
              assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(got),
                  "vector loops " + p.describe() + " of " + ab[0] + "·" + ab[1] + ": " + v + ", twin " + got);
            }
          }
        }
      }
    }
    // the case that tells the orders apart: every lane −0.0, C = −0.0
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(new Product(false, true, 1, 1, 8,
        1.0, 1.0, filled(8, -1e-200), 0, 8, filled(8, 1e-200), 0, 8, new double[] {-0.0}, 0, 1)
        .through(new FmaLoops(8), 1)[0]));
  }

  static double[] filled(int n, double value) {
    double[] x = new double[n];
    Arrays.fill(x, value);
    return x;
  }

  @Test
  void describesItselfAsTheTwinOfItsVectorWidth() {
    assertEquals("fma-512", new FmaLoops(8).description());
    assertEquals(8, new FmaLoops(8).lanes());
  }
}
