package dev.nn.core.init;

import dev.nn.api.Initializer;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Every weight set to one value c (PyTorch {@code nn.init.constant_}; {@code zeros_} when c = 0).
 * Draws nothing from the generator. Biases are zero.
 */
final class Constant implements Initializer {
  private final double value;

  Constant(double value) {
    this.value = value;
  }

  @Override
  public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
    Shapes.check(weights, fanIn, fanOut);
    Arrays.fill(weights, value);
  }

  @Override
  public String toString() {
    return "constant(value=" + value + ")";
  }
}
