package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link WarmingLoops}: the twin's bits before the switch and the vector loops' after, which are the same;
 * a switch on its own once the warm-up is over; and a warm-up thread of its own that {@link
 * WarmingLoops#close} ends.
 */
class WarmingLoopsTests {
  private static final long SECONDS = 1_000_000_000L;

  /** Loops that count their calls, computing with the loops they wrap. */
  static final class Counting implements RowLoops {
    final RowLoops loops;
    final AtomicInteger calls = new AtomicInteger();

    Counting(RowLoops loops) {
      this.loops = loops;
    }

    @Override
    public String description() {
      return loops.description();
    }

    @Override
    public int lanes() {
      return loops.lanes();
    }

    @Override
    public void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
        double[] b, int bo, int ldb, double[] c, int co, int ldc) {
      calls.incrementAndGet();
      loops.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    }

    @Override
    public void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
        double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
      calls.incrementAndGet();
      loops.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    }
  }

  /** A round that waits until its thread is interrupted (by close): the warm-up never ends on its own. */
  static void waitForInterrupt() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static RowLoops vectorLoops() {
    RowLoops vector = RowLoops.vector().orElse(null);
    assumeTrue(vector != null, "this JVM has no Vector API");
    return vector;
  }

  /** Products of the shapes of a small network at batch size 1 and a few others, every path. */
  static FmaLoopsTests.Product[] products() {
    SplittableRandom rnd = new SplittableRandom(3);
    int[][] shapes = {{1, 64, 8}, {1, 32, 64}, {1, 1, 32}, {1, 64, 32}, {1, 32, 1}, {8, 64, 1}, {64, 32, 1},
        {32, 1, 1}, {17, 33, 9}, {3, 130, 31}, {20, 16, 65}};
    FmaLoopsTests.Product[] products = new FmaLoopsTests.Product[4 * shapes.length];
    for (int s = 0; s < shapes.length; s++) {
      for (int t = 0; t < 4; t++) {
        products[4 * s + t] = FmaLoopsTests.Product.random(rnd, (t & 1) != 0, (t & 2) != 0, shapes[s][0],
            shapes[s][1], shapes[s][2]);
      }
    }
    return products;
  }

  static void awaitEnd(Thread thread) throws InterruptedException {
    awaitEnd(thread, 60);
  }

  static void awaitEnd(Thread thread, int seconds) throws InterruptedException {
    thread.join(seconds * 1000L);
    assertFalse(thread.isAlive(), "the warm-up thread has ended");
  }

  @Test
  void computesTheSameBitsWithTheTwinBeforeTheSwitchAndTheVectorLoopsAfter() throws InterruptedException {
    Counting vector = new Counting(vectorLoops());
    WarmingLoops loops = WarmingLoops.of(vector, WarmingLoopsTests::waitForInterrupt, 0, 1, Long.MAX_VALUE);
    try {
      assertEquals(vector.description(), loops.description());
      assertEquals(vector.lanes(), loops.lanes());
      FmaLoopsTests.Product[] products = products();
      double[][] before = new double[products.length][];
      for (int p = 0; p < products.length; p++) {
        before[p] = products[p].through(loops, 2);
      }
      assertFalse(loops.isWarm());
      assertEquals(0, vector.calls.get(), "the twin computes until the switch");
      loops.switchNow();
      assertTrue(loops.isWarm());
      for (int p = 0; p < products.length; p++) {
        FmaLoopsTests.assertSameBits(before[p], products[p].through(loops, 2), products[p].describe());
        FmaLoopsTests.assertSameBits(before[p], products[p].through(vector.loops, 1), products[p].describe());
      }
      assertTrue(vector.calls.get() >= products.length, "the vector loops compute after the switch");
    } finally {
      loops.close();
    }
    awaitEnd(loops.thread());
  }

  @Test
  void switchesOnItsOwnAfterItsRoundsAndEndsItsThread() throws InterruptedException {
    Counting vector = new Counting(RowLoops.SCALAR);
    AtomicInteger rounds = new AtomicInteger();
    WarmingLoops loops = WarmingLoops.of(vector, rounds::incrementAndGet, 0, 1000, Long.MAX_VALUE);
    try {
      awaitEnd(loops.thread());
      assertTrue(loops.isWarm());
      assertTrue(rounds.get() >= 1000, rounds.get() + " rounds");
      FmaLoopsTests.Product p = products()[0];
      p.through(loops, 1);
      assertEquals(1, vector.calls.get());
    } finally {
      loops.close();
    }
  }

  @Test
  void aWarmUpThatNeverGetsFastGivesUpAndLeavesTheTwinComputing() throws InterruptedException {
    Counting vector = new Counting(RowLoops.SCALAR);
    Runnable slow = () -> {
      long end = System.nanoTime() + 2 * WarmUp.FAST_ROUND_NANOS;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    };
    WarmingLoops loops = WarmingLoops.of(vector, slow, 0, 1, SECONDS / 10);
    try {
      awaitEnd(loops.thread());
      assertFalse(loops.isWarm());
      products()[0].through(loops, 1);
      assertEquals(0, vector.calls.get());
    } finally {
      loops.close();
    }
  }

  @Test
  void theWarmUpStartsOnceTheTwinHasDoneEnoughWork() throws InterruptedException {
    Counting vector = new Counting(RowLoops.SCALAR);
    WarmingLoops loops = WarmingLoops.of(vector, WarmingLoopsTests::waitForInterrupt, 100_000, 1, Long.MAX_VALUE);
    try {
      FmaLoopsTests.Product small = FmaLoopsTests.Product.random(new SplittableRandom(1), false, false, 1, 64, 32);
      for (int call = 0; call < 48; call++) {
        small.through(loops, 1);
      }
      // 48 products of 2,048 multiply-adds: not yet
      assertFalse(loops.isStarted());
      assertEquals(Thread.State.NEW, loops.thread().getState());
      small.through(loops, 1);
      assertTrue(loops.isStarted());
      assertTrue(loops.thread().isAlive());
    } finally {
      loops.close();
    }
    awaitEnd(loops.thread());
  }

  @Test
  void closedBeforeItStartedTheWarmUpNeverStarts() {
    WarmingLoops loops = WarmingLoops.of(vectorLoops(), WarmingLoopsTests::waitForInterrupt, 1, 1, Long.MAX_VALUE);
    loops.close();
    FmaLoopsTests.Product p = products()[0];
    p.through(loops, 1);
    assertFalse(loops.isStarted());
    assertEquals(Thread.State.NEW, loops.thread().getState());
  }

  @Test
  void theJavaKernelsDefaultIsTheVectorLoopsBehindTheirWarmUp() {
    vectorLoops();
    RowLoops best = RowLoops.best();
    assertTrue(best instanceof WarmingLoops, best.getClass().getName());
    assertEquals(vectorLoops().description(), best.description());
    // a short run (as nn train examples/xor.yaml) never starts the warm-up
    FmaLoopsTests.Product p = products()[0];
    for (int call = 0; call < 1000; call++) {
      p.through(best, 1);
    }
    assertFalse(((WarmingLoops) best).isStarted());
  }

  @Test
  void closeEndsTheWarmUpThreadAndMayBeCalledAgain() throws InterruptedException {
    Counting vector = new Counting(vectorLoops());
    WarmingLoops loops = WarmingLoops.of(vector, WarmingLoopsTests::waitForInterrupt, 0, 1, Long.MAX_VALUE);
    Thread thread = loops.thread();
    assertTrue(thread.isDaemon());
    assertEquals(WarmingLoops.THREAD_NAME, thread.getName());
    assertTrue(thread.isAlive());
    loops.close();
    awaitEnd(thread);
    loops.close();
    // closed before the switch, the loops go on with the twin
    FmaLoopsTests.Product p = products()[0];
    FmaLoopsTests.assertSameBits(p.through(vector.loops, 1), p.through(loops, 1), p.describe());
    assertEquals(0, vector.calls.get());
  }

  @Test
  void theWarmUpOfTheVectorLoopsEndsItsThreadWhenClosedEarly() throws InterruptedException {
    WarmingLoops loops = WarmingLoops.of(vectorLoops(), 0);
    assertTrue(loops.isStarted());
    loops.close();
    awaitEnd(loops.thread());
    loops.close();
  }

  @Test
  void theWarmUpOfTheVectorLoopsSwitchesOnceTheyAreCompiled() throws InterruptedException {
    WarmingLoops loops = WarmingLoops.of(vectorLoops(), 0);
    try {
      assertEquals(vectorLoops().description(), loops.description());
      FmaLoopsTests.Product[] products = products();
      double[][] before = new double[products.length][];
      for (int p = 0; p < products.length; p++) {
        before[p] = products[p].through(loops, 1);
      }
      // some seconds on a busy machine; the generous limit only catches a warm-up that never ends
      awaitEnd(loops.thread(), 180);
      assertTrue(loops.isWarm(), "switched to the vector loops");
      for (int p = 0; p < products.length; p++) {
        FmaLoopsTests.assertSameBits(before[p], products[p].through(loops, 1), products[p].describe());
      }
    } finally {
      loops.close();
    }
  }
}
