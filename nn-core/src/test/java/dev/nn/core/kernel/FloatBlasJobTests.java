package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A float32 product as {@link FloatBlasJob} runs it through {@code cblas_sgemm}: within float32 rounding of a
 * float64 reference (see {@link FloatProducts} for the bound), and the same bits however the blocks of its plan
 * are run, with the kernels OpenBLAS picks for this CPU.
 */
class FloatBlasJobTests {
  private static final int[] SIZES = {1, 3, 17, 33, 64, 100, 129};

  @BeforeAll
  static void loadOpenBlas() {
    OpenBlas.require();
  }

  /** A direct buffer in native order holding {@code values}, as the BLAS kernels' float storage is. */
  private static FloatBuffer direct(float[] values) {
    FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    buffer.put(0, values);
    return buffer;
  }

  private static float[] contents(FloatBuffer buffer) {
    float[] out = new float[buffer.capacity()];
    buffer.get(0, out);
    return out;
  }

  /** C after alpha·op(A)·op(B) + beta·C_old, run in {@code parts} blocks of rows (1: as one call). */
  private static float[] run(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int ao, int lda,
      float[] b, int bo, int ldb, float beta, float[] c0, int co, int ldc, boolean split) {
    FloatBlasJob job = new FloatBlasJob(1);
    FloatBuffer c = direct(c0);
    job.prepare(ta, tb, m, n, k, alpha, direct(a), ao, lda, direct(b), bo, ldb, beta, c, co, ldc);
    int parts = split ? job.plan(0.0) : 1;
    for (int part = 0; part < parts; part++) {
      job.run(part, parts, 0);
    }
    job.clear();
    return contents(c);
  }

  @Test
  void sgemmMatchesTheFloat64ReferenceWithinFloat32RoundingInEveryTransposeCase() {
    SplittableRandom rnd = new SplittableRandom(41);
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 1) != 0;
      boolean tb = (t & 2) != 0;
      for (int r = 0; r < 12; r++) {
        int m = SIZES[rnd.nextInt(SIZES.length)];
        int n = SIZES[rnd.nextInt(SIZES.length)];
        int k = SIZES[rnd.nextInt(SIZES.length)];
        float alpha = rnd.nextBoolean() ? 1.0f : (float) rnd.nextDouble(-2, 2);
        float beta = new float[] {0.0f, 1.0f, -0.5f}[r % 3];
        int lda = (ta ? m : k) + rnd.nextInt(3);
        int ldb = (tb ? k : n) + rnd.nextInt(3);
        int ldc = n + rnd.nextInt(3);
        int ao = rnd.nextInt(4);
        int bo = rnd.nextInt(4);
        int co = rnd.nextInt(4);
        float[] a = FloatProducts.random(rnd, ao + (ta ? k : m) * lda);
        float[] b = FloatProducts.random(rnd, bo + (tb ? n : k) * ldb);
        float[] c0 = FloatProducts.random(rnd, co + m * ldc);
        if (beta == 0.0f) {
          for (int q = co; q < c0.length; q += 2) {
            c0[q] = Float.NaN;
          }
        }
        float[] c = run(ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c0, co, ldc, true);
        FloatProducts.checkAgainstReference("sgemm", ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c0, c, co,
            ldc);
      }
    }
  }

  /** The engine's shapes at batch sizes 128 and 1024, and awkward ones; all have more than 96 rows, so are split. */
  private static final int[][] SPLIT_SHAPES = {{197, 33, 17}, {150, 129, 64}, {129, 100, 129}, {128, 512, 784},
      {784, 512, 128}, {128, 784, 512}, {128, 10, 512}, {333, 444, 555}, {1024, 512, 784}, {200, 17, 3}};

  /** One random product of each split shape in each transpose case: {ta, tb, m, n, k} and its operands. */
  private interface SplitCheck {
    void check(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c0);
  }

  private static void forEachSplitProduct(long seed, SplitCheck check) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int[] s : SPLIT_SHAPES) {
      for (int t = 0; t < 4; t++) {
        float alpha = t == 0 ? 1.0f : (float) rnd.nextDouble(-2, 2);
        float beta = t == 0 ? 0.0f : 0.5f;
        check.check((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], alpha, FloatProducts.random(rnd, s[0] * s[2]),
            FloatProducts.random(rnd, s[2] * s[1]), beta, FloatProducts.random(rnd, s[0] * s[1]));
      }
    }
  }

  /**
   * What makes the thread count irrelevant: the blocks of the plan give the same bits run in order on one thread
   * (as with one thread, or a busy pool), in reverse order, or on two threads at once.
   */
  @Test
  void theBlocksOfThePlanGiveTheSameBitsInAnyOrderAndOnTwoThreadsAtOnce() {
    forEachSplitProduct(42, (ta, tb, m, n, k, alpha, a, b, beta, c0) -> {
      String what = "sgemm " + FloatProducts.shape(ta, tb, m, n, k);
      FloatBuffer aBuffer = direct(a);
      FloatBuffer bBuffer = direct(b);
      FloatBlasJob job = new FloatBlasJob(2);
      FloatBuffer inOrder = direct(c0);
      job.prepare(ta, tb, m, n, k, alpha, aBuffer, 0, ta ? m : k, bBuffer, 0, tb ? k : n, beta, inOrder, 0, n);
      int parts = job.plan(0.0);
      assertTrue(parts > 1, what + " is split");
      for (int part = 0; part < parts; part++) {
        job.run(part, parts, 0);
      }
      FloatBuffer reversed = direct(c0);
      job.prepare(ta, tb, m, n, k, alpha, aBuffer, 0, ta ? m : k, bBuffer, 0, tb ? k : n, beta, reversed, 0, n);
      for (int part = parts - 1; part >= 0; part--) {
        job.run(part, parts, 0);
      }
      FloatProducts.assertSameBits(contents(inOrder), contents(reversed), what + ", blocks in reverse order");
      FloatBuffer twoThreads = direct(c0);
      job.prepare(ta, tb, m, n, k, alpha, aBuffer, 0, ta ? m : k, bBuffer, 0, tb ? k : n, beta, twoThreads, 0, n);
      runOnTwoThreads(job, parts);
      FloatProducts.assertSameBits(contents(inOrder), contents(twoThreads), what + ", blocks on two threads");
    });
  }

  /** Runs the even parts on one new thread and the odd parts on another, started together. */
  private static void runOnTwoThreads(FloatBlasJob job, int parts) {
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int first = t;
      threads[t] = new Thread(() -> {
        try {
          start.await();
          for (int part = first; part < parts; part += 2) {
            job.run(part, parts, first);
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      threads[t].start();
    }
    start.countDown();
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("a part failed", failure.get());
    }
  }

  @Test
  void smallIntegerProductsAreExactAndBetaZeroIgnoresNaN() {
    // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
    float[] c = run(false, false, 2, 2, 3, 1.0f, new float[] {1, 2, 3, 4, 5, 6}, 0, 3,
        new float[] {7, 8, 9, 10, 11, 12}, 0, 2, 0.0f, new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0, -1}, 0, 2,
        false);
    FloatProducts.assertSameBits(new float[] {58, 64, 139, 154}, c, "A·B");
    assertTrue(Float.isFinite(c[0]) && Float.isFinite(c[1]));
  }
}
