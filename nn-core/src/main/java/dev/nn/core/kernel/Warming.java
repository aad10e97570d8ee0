package dev.nn.core.kernel;

/**
 * What {@link WarmingLoops} and {@link FloatWarmingLoops} share besides their loops: the {@link WarmUp} that
 * decides when the vector loops take over from their twin, and the vector loops' name and lane count, which both
 * loops have in common (they give the same bits, so a run's provenance names the vector loops from the start).
 */
abstract class Warming implements AutoCloseable {
  final WarmUp warmUp;
  private final String description;
  private final int lanes;

  Warming(WarmUp warmUp, String description, int lanes) {
    this.warmUp = warmUp;
    this.description = description;
    this.lanes = lanes;
  }

  /** The vector loops' description ("vector-512"). */
  public final String description() {
    return description;
  }

  /** The vector loops' lanes, which their twin sums in the same order. */
  public final int lanes() {
    return lanes;
  }

  /** Whether the vector loops compute now (the warm-up is over). */
  final boolean isWarm() {
    return warmUp.isWarm();
  }

  /** Whether the warm-up thread has been started. */
  final boolean isStarted() {
    return warmUp.isStarted();
  }

  /** For tests: switches to the vector loops now, warm or not. */
  final void switchNow() {
    warmUp.switchNow();
  }

  /** For tests: the warm-up thread (not yet started while {@link #isStarted} is false). */
  final Thread thread() {
    return warmUp.thread();
  }

  /**
   * Ends the warm-up thread, if it runs (after its current round), or keeps it from starting; idempotent.
   * The loops keep computing, with the vector loops if the warm-up had finished, else with the twin.
   */
  @Override
  public final void close() {
    warmUp.close();
  }
}
