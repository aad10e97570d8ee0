package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A float32 product as {@link FloatGemmJob} runs it, on every path (axpy form, dot form, transposed B copied),
 * with the vector loops and with their scalar twin: within float32 rounding of a float64 reference (see
 * {@link FloatProducts} for the bound), the same bits from both loops, and the same bits whether it runs as one
 * part or as several.
 */
class FloatGemmJobTests {
  private static final int[] SIZES = {1, 3, 17, 33, 64, 100, 129};

  /** The vector loops, their scalar twin, and the twin of the other common width. */
  static List<FloatRowLoops> loops() {
    List<FloatRowLoops> all = new ArrayList<>();
    FloatRowLoops.vector().ifPresent(v -> {
      all.add(v);
      all.add(FloatRowLoops.fma(v.lanes()));
    });
    all.add(FloatRowLoops.fma(8));
    return all;
  }

  /** One random product: shape, layout, padding, offsets and values. */
  private static final class Product {
    final boolean ta;
    final boolean tb;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final float[] a;
    final int ao;
    final int lda;
    final float[] b;
    final int bo;
    final int ldb;
    final float[] c0;
    final int co;
    final int ldc;

    Product(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
      this.ta = ta;
      this.tb = tb;
      this.m = m;
      this.n = n;
      this.k = k;
      this.alpha = alpha;
      this.beta = beta;
      lda = (ta ? m : k) + rnd.nextInt(3);
      ldb = (tb ? k : n) + rnd.nextInt(3);
      ldc = n + rnd.nextInt(3);
      ao = rnd.nextInt(4);
      bo = rnd.nextInt(4);
      co = rnd.nextInt(4);
      a = FloatProducts.random(rnd, ao + (ta ? k : m) * lda);
      b = FloatProducts.random(rnd, bo + (tb ? n : k) * ldb);
      c0 = FloatProducts.random(rnd, co + m * ldc);
      if (beta == 0.0f) {
        // beta = 0 must ignore the old C, NaN and infinities included
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            if ((i + j) % 3 != 2) {
              c0[co + i * ldc + j] = (i + j) % 3 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
          }
        }
      }
    }

    /** Prepares a job with these operands on a fresh copy of C, which it returns. */
    float[] prepare(FloatGemmJob job, FloatRowLoops loops) {
      float[] c = c0.clone();
      job.prepare(loops, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return c;
    }

    /** C after the job has run as one part. */
    float[] once(FloatRowLoops loops) {
      FloatGemmJob job = new FloatGemmJob();
      float[] c = prepare(job, loops);
      job.run(0, 1, 0);
      return c;
    }

    void checkAgainstReference(String what, float[] c) {
      FloatProducts.checkAgainstReference(what, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c0, c, co, ldc);
    }

    @Override
    public String toString() {
      return FloatProducts.shape(ta, tb, m, n, k) + " alpha " + alpha + " beta " + beta;
    }
  }

  /** Products of every transpose case over the awkward sizes, alpha 1 or random, beta 0, 1 or −0.5. */
  private static List<Product> products(long seed, int perCase) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Product> all = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      for (int r = 0; r < perCase; r++) {
        int m = SIZES[rnd.nextInt(SIZES.length)];
        int n = SIZES[rnd.nextInt(SIZES.length)];
        int k = SIZES[rnd.nextInt(SIZES.length)];
        float alpha = rnd.nextBoolean() ? 1.0f : (float) rnd.nextDouble(-2, 2);
        float beta = new float[] {0.0f, 1.0f, -0.5f}[r % 3];
        all.add(new Product(rnd, (t & 1) != 0, (t & 2) != 0, m, n, k, alpha, beta));
      }
    }
    return all;
  }

  @ParameterizedTest
  @MethodSource("loops")
  void everyPathMatchesTheFloat64ReferenceWithinFloat32Rounding(FloatRowLoops loops) {
    for (Product p : products(31, 12)) {
      p.checkAgainstReference(loops.description(), p.once(loops));
    }
  }

  @Test
  void theVectorLoopsAndTheirTwinGiveTheSameBitsOnEveryPath() {
    FloatRowLoops vector = FloatRowLoops.vector().orElseThrow(
        () -> new AssertionError("tests run with --add-modules jdk.incubator.vector (see pom.xml)"));
    FloatRowLoops twin = FloatRowLoops.fma(vector.lanes());
    // batch sizes around the dot form's limit of 16 rows, on both sides
    List<Product> all = products(32, 15);
    SplittableRandom rnd = new SplittableRandom(33);
    for (int m : new int[] {1, 15, 16, 17}) {
      all.add(new Product(rnd, false, true, m, 129, 100, 1.0f, 0.0f));
      all.add(new Product(rnd, true, true, m, 33, 129, -0.75f, 1.0f));
    }
    for (Product p : all) {
      FloatProducts.assertSameBits(p.once(twin), p.once(vector), vector.description() + " against "
          + twin.description() + ", " + p);
    }
  }

  @ParameterizedTest
  @MethodSource("loops")
  void oneOrSeveralPartsGiveTheSameBits(FloatRowLoops loops) {
    int rowSplits = 0;
    int columnSplits = 0;
    for (Product p : products(34, 9)) {
      float[] whole = p.once(loops);
      for (int threads : new int[] {2, 3, 5}) {
        FloatGemmJob job = new FloatGemmJob();
        float[] c = p.prepare(job, loops);
        int parts = job.plan(threads, 0.0);
        // the parts run one after the other here, as a single caller of a busy worker pool runs them
        for (int part = 0; part < parts; part++) {
          job.run(part, parts, 0);
        }
        FloatProducts.assertSameBits(whole, c, loops.description() + ", " + p + " in " + parts + " parts");
        if (parts > 1) {
          if (p.m >= 4 * threads) {
            rowSplits++;
          } else {
            columnSplits++;
          }
        }
      }
    }
    assertTrue(rowSplits > 10 && columnSplits > 5, rowSplits + " products split by rows, " + columnSplits
        + " by columns");
  }

  @ParameterizedTest
  @MethodSource("loops")
  void zeroAlphaOrNoDepthOnlyScalesC(FloatRowLoops loops) {
    float[] c = {1, -2, Float.NaN, 4};
    float[] nan = {Float.NaN, Float.NaN};
    FloatGemmJob job = new FloatGemmJob();
    // alpha = 0: the products are not computed, so NaN in A and B does not reach C
    float[] d = {1, -2, 3, 4};
    job.prepare(loops, false, false, 2, 2, 1, 0.0f, nan, 0, 1, nan, 0, 2, -0.5f, d, 0, 2);
    job.run(0, 1, 0);
    FloatProducts.assertSameBits(new float[] {-0.5f, 1, -1.5f, -2}, d, "alpha 0, beta −0.5");
    job.prepare(loops, false, true, 2, 2, 0, 1.0f, new float[1], 0, 1, new float[1], 0, 1, 0.0f, c, 0, 2);
    job.run(0, 1, 0);
    FloatProducts.assertSameBits(new float[] {0, 0, 0, 0}, c, "k 0, beta 0");
  }

  @Test
  void smallIntegerProductsAreExactOnEveryPath() {
    // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154], and 2·A·B − C_old with C_old = 1
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {7, 8, 9, 10, 11, 12};
    float[] bt = {7, 9, 11, 8, 10, 12};
    for (FloatRowLoops loops : loops()) {
      FloatGemmJob job = new FloatGemmJob();
      float[] c = new float[4];
      job.prepare(loops, false, false, 2, 2, 3, 1.0f, a, 0, 3, b, 0, 2, 0.0f, c, 0, 2);
      job.run(0, 1, 0);
      FloatProducts.assertSameBits(new float[] {58, 64, 139, 154}, c, loops.description() + " NN");
      float[] d = {1, 1, 1, 1};
      job.prepare(loops, false, true, 2, 2, 3, 2.0f, a, 0, 3, bt, 0, 3, -1.0f, d, 0, 2);
      job.run(0, 1, 0);
      FloatProducts.assertSameBits(new float[] {115, 127, 277, 307}, d, loops.description() + " NT");
    }
  }

  @Test
  void theCheckAgainstTheReferenceNoticesOneProductLeftOut() {
    // the bound is tight enough to fail a result that misses the last of 129 products
    SplittableRandom rnd = new SplittableRandom(8);
    Product p = new Product(rnd, false, false, 3, 17, 129, 1.0f, 0.0f);
    float[] a = p.a.clone();
    for (int i = 0; i < p.m; i++) {
      a[p.ao + i * p.lda + p.k - 1] = 0.0f;
    }
    FloatGemmJob job = new FloatGemmJob();
    float[] c = p.c0.clone();
    job.prepare(FloatRowLoops.fma(8), false, false, p.m, p.n, p.k, 1.0f, a, p.ao, p.lda, p.b, p.bo, p.ldb, 0.0f, c,
        p.co, p.ldc);
    job.run(0, 1, 0);
    assertThrows(AssertionError.class, () -> p.checkAgainstReference("last product left out", c));
  }
}
