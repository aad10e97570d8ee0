package dev.nn.core.kernel;

/**
 * The vector loops behind their own warm-up ({@link WarmUp}): {@link FmaLoops} compute until the JIT's
 * optimising tier has compiled the vector loops, then the vector loops themselves. Both give the same bits
 * (see {@link FmaLoops}), so the moment of the switch — which depends on the machine's load — never shows in a
 * result, even when the parts of one product run on either side of it. {@link FloatWarmingLoops} does the same
 * for float32.
 */
final class WarmingLoops implements RowLoops, AutoCloseable {
  /** The warm-up thread's name (tests that count allocations wait for it). */
  static final String THREAD_NAME = WarmUp.THREAD_NAME;

  private final RowLoops vector;
  private final RowLoops twin;
  private final WarmUp warmUp;

  private WarmingLoops(RowLoops vector, WarmUp warmUp) {
    this.vector = vector;
    this.twin = new FmaLoops(vector.lanes());
    this.warmUp = warmUp;
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

  /** Whether the vector loops compute now (the warm-up is over). */
  boolean isWarm() {
    return warmUp.isWarm();
  }

  /** Whether the warm-up thread has been started. */
  boolean isStarted() {
    return warmUp.isStarted();
  }

  /** For tests: switches to the vector loops now, warm or not. */
  void switchNow() {
    warmUp.switchNow();
  }

  /** For tests: the warm-up thread (not yet started while {@link #isStarted} is false). */
  Thread thread() {
    return warmUp.thread();
  }

  /** The vector loops' description ("vector-512"): both loops give the same bits, so a run's provenance is one. */
  @Override
  public String description() {
    return vector.description();
  }

  @Override
  public int lanes() {
    return vector.lanes();
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

  /**
   * Ends the warm-up thread, if it runs (after its current round), or keeps it from starting; idempotent.
   * The loops keep computing, with the vector loops if the warm-up had finished, else with the twin.
   */
  @Override
  public void close() {
    warmUp.close();
  }
}
