package dev.nn.api;

import java.util.random.RandomGenerator;

/**
 * Sets the initial weights and biases of one layer l.
 *
 * <p>With the lecture's orientation W(l) is n(l−1)×n(l), so fan-in is n(l−1) (rows) and fan-out is
 * n(l) (columns). Randomness comes only from the generator passed in, so a seed reproduces a run.
 */
public interface Initializer {

  /**
   * Fills W(l), row-major n(l−1)×n(l).
   *
   * @param weights fanIn × fanOut values. Modified.
   */
  void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random);

  /**
   * Fills b(l), n(l) values. Zeros unless the initializer says otherwise.
   *
   * @param biases fanOut values. Modified.
   */
  default void initBiases(double[] biases, int fanIn, int fanOut, RandomGenerator random) {
    java.util.Arrays.fill(biases, 0.0);
  }
}
