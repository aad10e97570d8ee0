package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the pure-Java kernels promise beyond the contract: each element summed in a documented order on
 * every path, by the scalar and by the vector loops (so the fast paths equal a textbook loop), and the
 * same bits on any thread count.
 */
class JavaKernelsTests {

  /** The scalar loops, and the vector loops where this JVM runs the Vector API (as the build's tests do). */
  static List<RowLoops> loops() {
    List<RowLoops> all = new ArrayList<>();
    all.add(RowLoops.SCALAR);
    RowLoops.vector().ifPresent(all::add);
    return all;
  }

  @Test
  void theBuildRunsItsTestsWithTheVectorLoops() {
    assertTrue(RowLoops.vector().isPresent(), "tests run with --add-modules jdk.incubator.vector (see pom.xml)");
    assertEquals(RowLoops.vector().orElseThrow().description(), new JavaKernels(1).loops());
  }

  @Test
  void loopsAreChosenByName() {
    assertEquals("scalar", RowLoops.named("scalar").description());
    assertEquals(RowLoops.best().description(), RowLoops.named("auto").description());
    assertEquals(RowLoops.vector().orElseThrow().description(), RowLoops.named("Vector").description());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowLoops.named("simd"));
    assertEquals("loops must be auto, vector or scalar, found 'simd'", e.getMessage());
  }

  /**
   * The scalar loops' order: the axpy form (B stored as is, or m ≥ 16) starts at beta·C and adds
   * (alpha·a)·b for p = 0, 1, …; the dot form (B stored transposed and m &lt; 16) sums a·b from 0 and
   * adds alpha·sum to beta·C.
   */
  private static double scalarOrder(boolean ta, boolean tb, int m, int k, double alpha, double[] a, int lda,
      double[] b, int ldb, double c, int i, int j) {
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

  /**
   * The vector loops' order: the axpy form fuses c ← fma(alpha·a, b, c) for p = 0, 1, …; the dot form (a row
   * of op(A) contiguous) keeps one partial sum per lane for the whole vectors of p, adds them in lane order, fuses
   * the remaining products in order, then adds alpha·sum to beta·C.
   */
  private static double vectorOrder(int lanes, boolean ta, boolean tb, int m, int k, double alpha, double[] a,
      int lda, double[] b, int ldb, double c, int i, int j) {
    if (tb && m < GemmJob.TRANSPOSE_MIN_ROWS) {
      if (ta && lda != 1) {
        // a row of op(A) is not contiguous: the scalar dot form
        return scalarOrder(ta, tb, m, k, alpha, a, lda, b, ldb, c, i, j);
      }
      int whole = k - k % lanes;
      double[] partial = new double[lanes];
      for (int p = 0; p < whole; p++) {
        partial[p % lanes] = Math.fma(KernelsContract.at(a, 0, lda, ta, i, p),
            KernelsContract.at(b, 0, ldb, tb, p, j), partial[p % lanes]);
      }
      double s = partial[0];
      for (int l = 1; l < lanes; l++) {
        s += partial[l];
      }
      for (int p = whole; p < k; p++) {
        s = Math.fma(KernelsContract.at(a, 0, lda, ta, i, p), KernelsContract.at(b, 0, ldb, tb, p, j), s);
      }
      return c + alpha * s;
    }
    for (int p = 0; p < k; p++) {
      c = Math.fma(alpha * KernelsContract.at(a, 0, lda, ta, i, p), KernelsContract.at(b, 0, ldb, tb, p, j), c);
    }
    return c;
  }

  static Stream<Arguments> loopsAndThreads() {
    return loops().stream().flatMap(l -> Stream.of(Arguments.of(l, 1), Arguments.of(l, 2)));
  }

  @ParameterizedTest
  @MethodSource("loopsAndThreads")
  void everyPathSumsTheProductsOfAnElementInItsDocumentedOrder(RowLoops loops, int threads) {
    Kernels kernels = new JavaKernels(threads, loops);
    SplittableRandom rnd = new SplittableRandom(20 + threads);
    // {m, n, k}, 0 for a random n or k; the last ones are the one-column and one-product shapes of batch size 1
    int[][] shapes = {{1, 0, 0}, {2, 0, 0}, {3, 0, 0}, {4, 0, 0}, {5, 0, 0}, {7, 0, 0}, {15, 0, 0}, {16, 0, 0},
        {17, 0, 0}, {33, 0, 0}, {64, 0, 0}, {1, 64, 1}, {1, 13, 1}, {5, 1, 1}, {17, 1, 1}, {64, 1, 1}, {64, 1, 64}};
    for (int[] shape : shapes) {
      int m = shape[0];
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        int n = shape[1] > 0 ? shape[1] : 1 + rnd.nextInt(600);
        int k = shape[2] > 0 ? shape[2] : 1 + rnd.nextInt(300);
        double alpha = rnd.nextBoolean() ? 1.0 : rnd.nextDouble(-2, 2);
        double beta = new double[] {0.0, 1.0, 0.5}[rnd.nextInt(3)];
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double[] a = KernelsContract.random(rnd, m * k);
        double[] b = KernelsContract.random(rnd, k * n);
        double[] c0 = KernelsContract.random(rnd, m * n);
        double[] c = c0.clone();
        kernels.gemm(ta, tb, m, n, k, alpha, new HeapDoubles(a), 0, lda, new HeapDoubles(b), 0, ldb, beta,
            new HeapDoubles(c), 0, n);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double old = c0[i * n + j];
            double scaled = beta == 0.0 ? 0.0 : beta == 1.0 ? old : beta * old;
            double want = loops.lanes() == 1
                ? scalarOrder(ta, tb, m, k, alpha, a, lda, b, ldb, scaled, i, j)
                : vectorOrder(loops.lanes(), ta, tb, m, k, alpha, a, lda, b, ldb, scaled, i, j);
            int at = i * n + j;
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(c[at]),
                () -> loops.description() + " " + (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "×" + n + "×" + k
                    + ": C[" + at / n + "][" + at % n + "] = " + c[at] + ", in the documented order " + want);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("loops")
  void oneAndTwoThreadsGiveTheSameBits(RowLoops loops) {
    ThreadIdentity.check(threads -> new JavaKernels(threads, loops), ThreadIdentity.shapes(3, 8), 3);
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
    one.gemm(false, false, m, n, k, 1.0, new HeapDoubles(a), 0, k, new HeapDoubles(b), 0, n, 0.0,
        new HeapDoubles(want), 0, n);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      Future<?>[] runs = new Future<?>[3];
      for (int r = 0; r < runs.length; r++) {
        runs[r] = callers.submit(() -> {
          double[] c = new double[m * n];
          for (int rep = 0; rep < 50; rep++) {
            two.gemm(false, false, m, n, k, 1.0, new HeapDoubles(a), 0, k, new HeapDoubles(b), 0, n, 0.0,
                new HeapDoubles(c), 0, n);
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
  void threadsBelowOneAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JavaKernels(0));
    assertTrue(e.getMessage().contains("at least 1, found 0"), e.getMessage());
  }
}
