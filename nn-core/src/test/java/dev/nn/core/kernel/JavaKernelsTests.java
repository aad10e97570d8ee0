package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the pure-Java kernels promise beyond the contract: each element's sum in ascending order on
 * every path (so the fast paths equal the textbook loop), and the same bits on any thread count.
 */
class JavaKernelsTests {

  /**
   * The documented order: the axpy form (B stored as is, or m ≥ 16) starts at beta·C and adds
   * (alpha·a)·b for p = 0, 1, …; the dot form (B stored transposed and m &lt; 16) sums a·b from 0 and
   * adds alpha·sum to beta·C.
   */
  private static double expected(boolean ta, boolean tb, int m, int k, double alpha, double[] a, int lda,
      double[] b, int ldb, double beta, double old, int i, int j) {
    double c = beta == 0.0 ? 0.0 : beta == 1.0 ? old : beta * old;
    if (tb && m < GemmJob.TRANSPOSE_MIN_ROWS) {
      double s = 0.0;
      for (int p = 0; p < k; p++) {
        s += KernelsContract.at(a, 0, lda, ta, i, p) * KernelsContract.at(b, 0, ldb, tb, p, j);
      }
      return c + alpha * s;
    }
    for (int p = 0; p < k; p++) {
      c += alpha * KernelsContract.at(a, 0, lda, ta, i, p) * KernelsContract.at(b, 0, ldb, tb, p, j);
    }
    return c;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void everyPathAddsTheProductsOfAnElementInAscendingOrder(int threads) {
    Kernels kernels = new JavaKernels(threads);
    SplittableRandom rnd = new SplittableRandom(20 + threads);
    int[] rows = {1, 2, 3, 4, 5, 7, 15, 16, 17, 33, 64};
    for (int m : rows) {
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        int n = 1 + rnd.nextInt(600);
        int k = 1 + rnd.nextInt(300);
        double alpha = rnd.nextBoolean() ? 1.0 : rnd.nextDouble(-2, 2);
        double beta = new double[] {0.0, 1.0, 0.5}[rnd.nextInt(3)];
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double[] a = KernelsContract.random(rnd, m * k);
        double[] b = KernelsContract.random(rnd, k * n);
        double[] c0 = KernelsContract.random(rnd, m * n);
        double[] c = c0.clone();
        kernels.gemm(ta, tb, m, n, k, alpha, DoubleBuffer.wrap(a), 0, lda, DoubleBuffer.wrap(b), 0, ldb, beta,
            DoubleBuffer.wrap(c), 0, n);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double want = expected(ta, tb, m, k, alpha, a, lda, b, ldb, beta, c0[i * n + j], i, j);
            int at = i * n + j;
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(c[at]),
                () -> (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "×" + n + "×" + k + ": C[" + at / n + "]["
                    + at % n + "] = " + c[at] + ", summed in order " + want);
          }
        }
      }
    }
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    ThreadIdentity.check(JavaKernels::new, ThreadIdentity.shapes(3, 8), 3);
  }

  @Test
  void callersSharingTheWorkerPoolGetTheSameBitsAsOneThread() throws Exception {
    Kernels two = new JavaKernels(2);
    Kernels one = new JavaKernels(1);
    SplittableRandom rnd = new SplittableRandom(5);
    int m = 64;
    int n = 96;
    int k = 80;
    double[] a = KernelsContract.random(rnd, m * k);
    double[] b = KernelsContract.random(rnd, k * n);
    double[] want = new double[m * n];
    one.gemm(false, false, m, n, k, 1.0, DoubleBuffer.wrap(a), 0, k, DoubleBuffer.wrap(b), 0, n, 0.0,
        DoubleBuffer.wrap(want), 0, n);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      Future<?>[] runs = new Future<?>[3];
      for (int r = 0; r < runs.length; r++) {
        runs[r] = callers.submit(() -> {
          double[] c = new double[m * n];
          for (int rep = 0; rep < 50; rep++) {
            two.gemm(false, false, m, n, k, 1.0, DoubleBuffer.wrap(a), 0, k, DoubleBuffer.wrap(b), 0, n, 0.0,
                DoubleBuffer.wrap(c), 0, n);
            for (int i = 0; i < c.length; i++) {
              if (Double.doubleToRawLongBits(c[i]) != Double.doubleToRawLongBits(want[i])) {
                throw new AssertionError("element " + i + " is " + c[i] + ", one thread gives " + want[i]);
              }
            }
          }
          return null;
        });
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      callers.shutdown();
    }
  }

  @Test
  void largeProductsAreSplitAndSmallOnesAreNot() {
    GemmJob job = new GemmJob();
    job.prepare(false, false, 64, 64, 64, 1.0, new double[64 * 64], 0, 64, new double[64 * 64], 0, 64, 0.0,
        new double[64 * 64], 0, 64);
    assertEquals(2, job.plan(2, JavaKernels.PARALLEL_MIN_FLOPS), "64×64×64 on two threads");
    assertEquals(1, job.plan(1, JavaKernels.PARALLEL_MIN_FLOPS), "64×64×64 on one thread");
    job.prepare(false, false, 16, 16, 16, 1.0, new double[256], 0, 16, new double[256], 0, 16, 0.0,
        new double[256], 0, 16);
    assertEquals(1, job.plan(2, JavaKernels.PARALLEL_MIN_FLOPS), "16×16×16 is too small to share");
  }

  @Test
  void threadsBelowOneAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JavaKernels(0));
    assertTrue(e.getMessage().contains("at least 1, found 0"), e.getMessage());
  }
}
