package dev.nn.core.init;

import dev.nn.api.Initializer;
import java.util.random.RandomGenerator;

/**
 * Weights drawn from N(mean, std²) as {@code mean + std·z} with z = {@code nextGaussian()}
 * (PyTorch {@code nn.init.normal_(mean, std)}). Not truncated. Biases are zero.
 */
final class Normal implements Initializer {
  private final double mean;
  private final double std;

  /** Requires {@code std > 0}, both finite. */
  Normal(double mean, double std) {
    this.mean = mean;
    this.std = std;
  }

  @Override
  public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
    Shapes.check(weights, fanIn, fanOut);
    for (int k = 0; k < weights.length; k++) {
      weights[k] = mean + std * random.nextGaussian();
    }
  }

  @Override
  public String toString() {
    return "normal(mean=" + mean + ", std=" + std + ")";
  }
}
