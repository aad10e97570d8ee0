package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** Checks that one backend gives the same bits on one and on two threads. */
final class ThreadIdentity {
  private ThreadIdentity() {}

  /**
   * Runs gemm on {@code shapes} (m, n, k) in all four transpose cases, alpha 1 and beta 0 as in the
   * engine and also random alpha and beta, and compares the bits of every element of C.
   */
  static void check(IntFunction<Kernels> withThreads, int[][] shapes, long seed) {
    Kernels one = withThreads.apply(1);
    Kernels two = withThreads.apply(2);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        double alpha = t == 0 ? 1.0 : rnd.nextDouble(-2, 2);
        double beta = t == 0 ? 0.0 : 0.5;
        double[] a = KernelsContract.random(rnd, m * k);
        double[] b = KernelsContract.random(rnd, k * n);
        double[] c = KernelsContract.random(rnd, m * n);
        Matrix c1 = run(one, ta, tb, m, n, k, alpha, a, b, beta, c);
        Matrix c2 = run(two, ta, tb, m, n, k, alpha, a, b, beta, c);
        for (int i = 0; i < m * n; i++) {
          int at = i;
          assertEquals(Double.doubleToRawLongBits(c1.get(i)), Double.doubleToRawLongBits(c2.get(i)),
              () -> (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "×" + n + "×" + k + ": C[" + at / n + "]["
                  + at % n + "] is " + c1.get(at) + " on one thread and " + c2.get(at) + " on two");
        }
      }
    }
  }

  private static Matrix run(Kernels kernels, boolean ta, boolean tb, int m, int n, int k, double alpha,
      double[] a, double[] b, double beta, double[] c) {
    Matrix ab = kernels.allocate(a.length);
    ab.set(0, a, 0, a.length);
    Matrix bb = kernels.allocate(b.length);
    bb.set(0, b, 0, b.length);
    Matrix cb = kernels.allocate(c.length);
    cb.set(0, c, 0, c.length);
    kernels.gemm(ta, tb, m, n, k, alpha, ab, 0, ta ? m : k, bb, 0, tb ? k : n, beta, cb, 0, n);
    return cb;
  }

  /**
   * The engine's shapes for a 784-512-512-10 network at batch sizes 1 and 128 and its first inference
   * product at batch 1024 (cut into fewer, larger blocks), and random ones up to 600.
   */
  static int[][] shapes(long seed, int random) {
    int[][] engine = {
        {128, 512, 784}, {784, 512, 128}, {128, 784, 512}, {128, 512, 512}, {512, 512, 128},
        {128, 10, 512}, {512, 10, 128}, {1, 512, 784}, {784, 512, 1}, {1, 784, 512}, {333, 444, 555}, {1024, 512, 784}};
    SplittableRandom rnd = new SplittableRandom(seed);
    int[][] all = new int[engine.length + random][];
    System.arraycopy(engine, 0, all, 0, engine.length);
    for (int r = 0; r < random; r++) {
      all[engine.length + r] = new int[] {1 + rnd.nextInt(600), 1 + rnd.nextInt(600), 1 + rnd.nextInt(600)};
    }
    return all;
  }
}
