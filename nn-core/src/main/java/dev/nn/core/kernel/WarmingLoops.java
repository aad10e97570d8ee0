package dev.nn.core.kernel;

/**
 * The vector loops behind their own warm-up ({@link WarmUp}): {@link FmaLoops} compute until the JIT's
 * optimising tier has compiled the vector loops, then the vector loops themselves. Both give the same bits
 * (see {@link FmaLoops}), so the moment of the switch — which depends on the machine's load — never shows in a
 * result, even when the parts of one product run on either side of it. {@link FloatWarmingLoops} does the same
 * for float32.
 */
final class WarmingLoops extends Warming implements RowLoops {
  /** The warm-up thread's name (tests that count allocations wait for it). */
  static final String THREAD_NAME = WarmUp.THREAD_NAME;

  private final RowLoops vector;
  private final RowLoops twin;

  private WarmingLoops(RowLoops vector, WarmUp warmUp) {
    super(warmUp, vector.description(), vector.lanes());
    this.vector = vector;
    this.twin = new FmaLoops(vector.lanes());
  }

  /**
   * Loops computing as the given vector loops (an instance of {@code VectorLoops}, as {@link RowLoops#vector}
   * makes): with their twin until a warm-up of their own, started after {@value WarmUp#START_MULTIPLY_ADDS}
   * multiply-adds, has had the JIT compile them. Closing them ends the warm-up early; unclosed, its thread
   * ends by itself when the warm-up is over.
   */
  static WarmingLoops of(RowLoops vector) {
    return of(vector, WarmUp.START_MULTIPLY_ADDS);
  }

  /** {@link #of(RowLoops)} with the warm-up started after {@code startMultiplyAdds} (at once for 0). */
  static WarmingLoops of(RowLoops vector, long startMultiplyAdds) {
    return of(vector, WarmUp.roundOf(vector.getClass(), double[].class), startMultiplyAdds, WarmUp.MIN_ROUNDS,
        WarmUp.GIVE_UP_NANOS);
  }

  /**
   * Loops warming {@code vector} by running {@code round} (for tests: any loops, any round); see
   * {@link WarmUp#WarmUp}.
   */
  static WarmingLoops of(RowLoops vector, Runnable round, long startMultiplyAdds, int minRounds,
      long giveUpNanos) {
    return new WarmingLoops(vector, new WarmUp(round, startMultiplyAdds, minRounds, giveUpNanos));
  }

  @Override
  public void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    if (warmUp.isWarm()) {
      vector.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    } else {
      warmUp.count(i1 - i0, j1 - j0, k);
      twin.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    }
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
    if (warmUp.isWarm()) {
      vector.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    } else {
      warmUp.count(i1 - i0, j1 - j0, k);
      twin.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    }
  }

  @Override
  public void propagateAndStep(int in, int out, double step, double decay, double[] x, int xo, double[] delta,
      int deltaOffset, double[] w, int wo, double[] d, int dOffset) {
    if (warmUp.isWarm()) {
      vector.propagateAndStep(in, out, step, decay, x, xo, delta, deltaOffset, w, wo, d, dOffset);
    } else {
      warmUp.count(2, in, out);
      twin.propagateAndStep(in, out, step, decay, x, xo, delta, deltaOffset, w, wo, d, dOffset);
    }
  }
}
