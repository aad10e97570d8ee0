package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A kernel runtime is an object of its own: its worker threads start when it first shares a product, stop
 * when it is closed, and two runtimes working at once in one JVM do not change each other's results.
 */
class KernelRuntimeTests {

  /** 40 chained products large enough to be shared between threads, as a training run makes them. */
  private static double[] work(Kernels kernels) {
    SplittableRandom rnd = new SplittableRandom(17);
    int m = 128;
    int n = 96;
    int k = 160;
    Matrix a = filled(kernels, rnd, m * k);
    Matrix b = filled(kernels, rnd, k * n);
    Matrix c = kernels.allocate(m * n);
    Matrix back = kernels.allocate(m * k);
    for (int round = 0; round < 20; round++) {
      kernels.gemm(false, false, m, n, k, 1.0 / k, a, 0, k, b, 0, n, 0.5, c, 0, n);
      kernels.gemm(false, true, m, k, n, 1.0 / n, c, 0, n, b, 0, n, 0.0, back, 0, k);
      kernels.gemm(true, false, k, n, m, -1e-3, back, 0, k, c, 0, n, 1.0, b, 0, n);
    }
    return c.toArray();
  }

  private static Matrix filled(Kernels kernels, SplittableRandom rnd, int length) {
    Matrix m = kernels.allocate(length);
    for (int i = 0; i < length; i++) {
      m.set(i, rnd.nextDouble(-1, 1));
    }
    return m;
  }

  @Test
  void workersStartOnTheFirstSharedProductAndStopWhenTheRuntimeIsClosed() {
    JavaKernels kernels = new JavaKernels(2);
    assertEquals(0, kernels.liveWorkers(), "no thread before there is work to share");
    work(kernels);
    assertEquals(1, kernels.liveWorkers(), "one worker beside the caller");
    kernels.close();
    assertEquals(0, kernels.liveWorkers(), "closed: the worker has ended");
    kernels.close();
    // a closed runtime still computes, on the caller's thread, with the same bits
    try (JavaKernels fresh = new JavaKernels(2)) {
      assertArrayEquals(work(fresh), work(kernels), 0.0);
    }
  }

  @Test
  void blasRuntimesOwnTheirWorkersToo() {
    BlasKernels kernels = new BlasKernels(2);
    work(kernels);
    assertEquals(1, kernels.liveWorkers());
    kernels.close();
    assertEquals(0, kernels.liveWorkers());
  }

  @Test
  void runtimesWithDifferentThreadCountsAndPrecisionsWorkingAtOnceGiveEachTheirOwnResults() throws Exception {
    List<Supplier<Kernels>> runtimes = List.of(() -> new JavaKernels(2), () -> new JavaKernels(1),
        () -> new BlasKernels(2), () -> new BlasKernels(1), () -> new JavaKernels(2, RowLoops.SCALAR),
        () -> JavaKernels.of(2, Precision.FLOAT32, "auto"), () -> JavaKernels.of(1, Precision.FLOAT32, "auto"),
        () -> new BlasKernels(2, Precision.FLOAT32));
    double[][] alone = new double[runtimes.size()][];
    for (int r = 0; r < runtimes.size(); r++) {
      try (Kernels k = runtimes.get(r).get()) {
        alone[r] = work(k);
      }
    }
    ExecutorService callers = Executors.newFixedThreadPool(runtimes.size());
    try {
      for (int repeat = 0; repeat < 3; repeat++) {
        Future<?>[] runs = new Future<?>[runtimes.size()];
        for (int r = 0; r < runtimes.size(); r++) {
          Supplier<Kernels> make = runtimes.get(r);
          double[] want = alone[r];
          runs[r] = callers.submit((Callable<Void>) () -> {
            try (Kernels k = make.get()) {
              assertArrayEquals(want, work(k), 0.0, k.description() + " with " + k.threads() + " threads");
            }
            return null;
          });
        }
        for (Future<?> run : runs) {
          run.get();
        }
      }
    } finally {
      callers.shutdown();
    }
    // the same work on one and two threads of one backend gives the same bits
    assertArrayEquals(alone[0], alone[1], 0.0, "java, 1 and 2 threads");
    assertArrayEquals(alone[2], alone[3], 0.0, "openblas, 1 and 2 threads");
    assertArrayEquals(alone[5], alone[6], 0.0, "java float32, 1 and 2 threads");
    // float32 rounds: the same work gives other values than in float64, close to them
    double worst = 0;
    for (int i = 0; i < alone[0].length; i++) {
      worst = Math.max(worst, Math.abs(alone[5][i] - alone[0][i]));
    }
    assertTrue(worst > 0 && worst < 1e-3, "largest float32 − float64 difference " + worst);
    assertTrue(alone[0].length > 0);
  }
}
