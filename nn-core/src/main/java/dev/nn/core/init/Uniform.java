package dev.nn.core.init;

import dev.nn.api.Initializer;
import java.util.random.RandomGenerator;

/**
 * Weights drawn from U(low, high) as {@code low + (high − low)·u} with u = {@code nextDouble()} in [0, 1)
 * (PyTorch {@code nn.init.uniform_(a=low, b=high)}). Mean (low + high)/2, variance (high − low)²/12.
 * Biases are zero.
 */
final class Uniform implements Initializer {
  private final double low;
  private final double high;

  /** Requires {@code low < high}, both finite. */
  Uniform(double low, double high) {
    this.low = low;
    this.high = high;
  }

  @Override
  public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
    Shapes.check(weights, fanIn, fanOut);
    double width = high - low;
    for (int k = 0; k < weights.length; k++) {
      weights[k] = low + width * random.nextDouble();
    }
  }

  @Override
  public String toString() {
    return "uniform(low=" + low + ", high=" + high + ")";
  }
}
