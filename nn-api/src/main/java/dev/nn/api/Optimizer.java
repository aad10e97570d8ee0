package dev.nn.api;

import java.nio.DoubleBuffer;

/**
 * An update rule: immutable settings that create mutable per-block state.
 *
 * <p>Lifecycle: the core calls {@link #newUpdater} once per parameter block (a layer's weights, its
 * biases), then {@link Updater#step} once per mini-batch with the gradient of the objective J and the
 * learning rate η(t) of the core's schedule. The lecture's SGD step is {@code w ← w − η·g}.
 *
 * <p>Parameters and gradients arrive as {@link DoubleBuffer}s because the core keeps them where its
 * matrix kernels can reach them without copying: on the heap or off-heap. Use absolute
 * {@code get(i)}/{@code put(i, v)}; never change the buffers' position or limit.
 */
public interface Optimizer {

  /** Creates fresh state for one parameter block of {@code size} values. */
  Updater newUpdater(int size);

  /** The mutable state of an optimizer for one parameter block. Confined to one thread at a time. */
  interface Updater {

    /**
     * Applies one update.
     *
     * @param params the block's parameters, index 0 … size−1. Modified.
     * @param grads ∂J/∂params, already summed over tied edges and including L2. Not modified.
     * @param learningRate η(t) from the core's schedule, t counted in updates
     * @param t the number of this update, from 1
     */
    void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t);

    /**
     * A copy of the state (moments, accumulators), for checkpoints. Never {@code null}. Numbers, infinite ones too, but
     * no NaN: a checkpoint whose optimizer state holds a NaN is taken as damaged when a resume reads it.
     */
    default double[] exportState() {
      return new double[0];
    }

    /** Restores state produced by {@link #exportState()} of an updater of the same size and settings. */
    default void importState(double[] state) {
      if (state.length != 0) {
        throw new IllegalArgumentException("this optimizer keeps no state, found " + state.length + " values");
      }
    }
  }
}
