package dev.nn.core.kernel;

/**
 * {@link FloatWarmingLoops} for float32: {@link FloatFmaLoops} compute until the JIT's optimising tier has compiled
 * the float vector loops ({@code FloatVectorLoops}), then those loops themselves; the same bits either way.
 */
final class FloatWarmingLoops extends Warming implements FloatRowLoops {

  private final FloatRowLoops vector;
  private final FloatRowLoops twin;

  private FloatWarmingLoops(FloatRowLoops vector, WarmUp warmUp) {
    super(warmUp, vector.description(), vector.lanes());
    this.vector = vector;
    this.twin = new FloatFmaLoops(vector.lanes());
  }

  /**
   * Loops computing as the given vector loops (an instance of {@code FloatVectorLoops}, as
   * {@link FloatRowLoops#vector} makes): with their twin until a warm-up of their own, started after {@value WarmUp#START_MULTIPLY_ADDS}
   * multiply-adds, has had the JIT compile them. Closing them ends the warm-up early; unclosed, its thread
   * ends by itself when the warm-up is over.
   */
  static FloatWarmingLoops of(FloatRowLoops vector) {
    return of(vector, WarmUp.START_MULTIPLY_ADDS);
  }

  /** {@link #of(FloatRowLoops)} with the warm-up started after {@code startMultiplyAdds} (at once for 0). */
  static FloatWarmingLoops of(FloatRowLoops vector, long startMultiplyAdds) {
    return of(vector, WarmUp.roundOf(vector.getClass(), float[].class), startMultiplyAdds, WarmUp.MIN_ROUNDS,
        WarmUp.GIVE_UP_NANOS);
  }

  /**
   * Loops warming {@code vector} by running {@code round} (for tests: any loops, any round); see
   * {@link WarmUp#WarmUp}.
   */
  static FloatWarmingLoops of(FloatRowLoops vector, Runnable round, long startMultiplyAdds, int minRounds,
      long giveUpNanos) {
    return new FloatWarmingLoops(vector, new WarmUp(round, startMultiplyAdds, minRounds, giveUpNanos));
  }

  @Override
  public void axpyForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] b, int bo, int ldb, float[] c, int co, int ldc) {
    if (warmUp.isWarm()) {
      vector.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    } else {
      warmUp.count(i1 - i0, j1 - j0, k);
      twin.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
    }
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] bt, int bo, int ldb, float[] c, int co, int ldc) {
    if (warmUp.isWarm()) {
      vector.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    } else {
      warmUp.count(i1 - i0, j1 - j0, k);
      twin.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    }
  }

  @Override
  public void propagateAndStep(int in, int out, float step, float decay, float[] x, int xo, float[] delta,
      int deltaOffset, float[] w, int wo, float[] d, int dOffset) {
    if (warmUp.isWarm()) {
      vector.propagateAndStep(in, out, step, decay, x, xo, delta, deltaOffset, w, wo, d, dOffset);
    } else {
      warmUp.count(2, in, out);
      twin.propagateAndStep(in, out, step, decay, x, xo, delta, deltaOffset, w, wo, d, dOffset);
    }
  }
}
