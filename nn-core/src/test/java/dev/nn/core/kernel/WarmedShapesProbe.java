package dev.nn.core.kernel;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Run in a JVM of its own by {@link WarmedShapesTests}: warms the vector loops of one precision as a kernel
 * runtime does (their warm-up started at once), waits for the switch, then calls them through their warming
 * loops, from another thread than the warm-up's, in the shapes of real layers, and prints the bytes this
 * thread allocated over each shape's first {@value #CALLS} calls — the calls a training loop makes right
 * after the switch. Prints {@code warm=false} and nothing else if the warm-up gave up (C2 unavailable).
 *
 * <p>Arguments: {@code float32} or {@code float64}.
 */
public final class WarmedShapesProbe {
  static final int CALLS = 20;

  /**
   * One product of a layer, in the loops' arguments (offsets 0): {@code dot} for the dot form (C ← op(A)·Btᵀ),
   * else the axpy form.
   */
  record Shape(String name, boolean dot, int rows, int cols, int k, int si, int sp, int ldb, int ldc) {
    int aLength() {
      return (rows - 1) * si + (k - 1) * sp + 1;
    }

    int bLength() {
      return dot ? (cols - 1) * ldb + k : (k - 1) * ldb + cols;
    }

    int cLength() {
      return (rows - 1) * ldc + cols;
    }
  }

  /**
   * Forward products X·W, weight gradients op(X)ᵀ·Δ (batch size 1 among them: one product per element) and
   * back-propagated deltas Δ·Wᵀ of the example networks (widths 16, 64, 288, 784 — whole vectors — and 10
   * and 1), at batch sizes 1, 8 and 16.
   */
  static final List<Shape> SHAPES = List.of(
      new Shape("X·W 16x64 by 64x288", false, 16, 288, 64, 64, 1, 288, 288),
      new Shape("X·W 8x784 by 784x64", false, 8, 64, 784, 784, 1, 64, 64),
      new Shape("X·W 8x64 by 64x784", false, 8, 784, 64, 64, 1, 784, 784),
      new Shape("x·W 1x16 by 16x64", false, 1, 64, 16, 16, 1, 64, 64),
      new Shape("Xt·D 64x16 by 16x288", false, 64, 288, 16, 1, 64, 288, 288),
      new Shape("xt·d 16x1 by 1x64", false, 16, 64, 1, 1, 16, 64, 64),
      new Shape("xt·d 64x1 by 1x1", false, 64, 1, 1, 1, 64, 1, 1),
      new Shape("D·Wt 16x10 by 10x288", true, 16, 288, 10, 10, 1, 10, 288),
      new Shape("D·Wt 8x784 by 784x64", true, 8, 64, 784, 784, 1, 784, 64),
      new Shape("d·Wt 1x64 by 64x64", true, 1, 64, 64, 64, 1, 64, 64),
      new Shape("d·wt 1x1 by 1x64", true, 1, 64, 1, 1, 1, 1, 64));

  /** A layer's fused backward step at batch size 1 ({@link RowLoops#propagateAndStep}), in×out. */
  record Fused(String name, int in, int out) {}

  /** The fused steps of the lecture's 16-64-64-1 network and of a 784-wide layer. */
  static final List<Fused> FUSED = List.of(new Fused("fused 64x64", 64, 64), new Fused("fused 64x1", 64, 1),
      new Fused("fused 64x784", 64, 784));

  private WarmedShapesProbe() {}

  public static void main(String[] args) throws InterruptedException {
    boolean floats = args[0].equals("float32");
    Warming warming = floats
        ? FloatWarmingLoops.of(FloatRowLoops.vector().orElseThrow(), 0)
        : WarmingLoops.of(RowLoops.vector().orElseThrow(), 0);
    warming.thread().join();
    System.out.println("warm=" + warming.isWarm());
    if (!warming.isWarm()) {
      return;
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    for (Shape s : SHAPES) {
      long bytes;
      if (floats) {
        FloatRowLoops loops = (FloatRowLoops) warming;
        float[] a = new float[s.aLength()];
        float[] b = new float[s.bLength()];
        float[] c = new float[s.cLength()];
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < CALLS; call++) {
          if (s.dot()) {
            loops.dotForm(0, s.rows(), 0, s.cols(), s.k(), 1f, a, 0, s.si(), s.sp(), b, 0, s.ldb(), c, 0, s.ldc());
          } else {
            loops.axpyForm(0, s.rows(), 0, s.cols(), s.k(), 1f, a, 0, s.si(), s.sp(), b, 0, s.ldb(), c, 0, s.ldc());
          }
        }
        bytes = threads.getCurrentThreadAllocatedBytes() - before;
      } else {
        RowLoops loops = (RowLoops) warming;
        double[] a = new double[s.aLength()];
        double[] b = new double[s.bLength()];
        double[] c = new double[s.cLength()];
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < CALLS; call++) {
          if (s.dot()) {
            loops.dotForm(0, s.rows(), 0, s.cols(), s.k(), 1.0, a, 0, s.si(), s.sp(), b, 0, s.ldb(), c, 0, s.ldc());
          } else {
            loops.axpyForm(0, s.rows(), 0, s.cols(), s.k(), 1.0, a, 0, s.si(), s.sp(), b, 0, s.ldb(), c, 0, s.ldc());
          }
        }
        bytes = threads.getCurrentThreadAllocatedBytes() - before;
      }
      System.out.println(s.name() + "=" + bytes);
    }
    for (Fused f : FUSED) {
      long before;
      if (floats) {
        FloatRowLoops loops = (FloatRowLoops) warming;
        float[] x = new float[f.in()];
        float[] delta = new float[f.out()];
        float[] w = new float[f.in() * f.out()];
        float[] d = new float[f.in()];
        before = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < CALLS; call++) {
          loops.propagateAndStep(f.in(), f.out(), -0.01f, 1f, x, 0, delta, 0, w, 0, d, 0);
        }
      } else {
        RowLoops loops = (RowLoops) warming;
        double[] x = new double[f.in()];
        double[] delta = new double[f.out()];
        double[] w = new double[f.in() * f.out()];
        double[] d = new double[f.in()];
        before = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < CALLS; call++) {
          loops.propagateAndStep(f.in(), f.out(), -0.01, 1.0, x, 0, delta, 0, w, 0, d, 0);
        }
      }
      System.out.println(f.name() + "=" + (threads.getCurrentThreadAllocatedBytes() - before));
    }
    warming.close();
  }
}
