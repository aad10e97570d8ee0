package dev.nn.core.init;

import dev.nn.api.Initializer;
import java.util.random.RandomGenerator;

/**
 * Weights drawn from N(0, σ²) with σ² from the {@link FanRule}, as σ·z with z = {@code nextGaussian()}
 * (not truncated, as in PyTorch):
 *
 * <ul>
 *   <li>xavier-normal: σ = gain·√(2/(fanIn + fanOut))
 *   <li>he-normal: σ = √(2/fanIn)
 *   <li>lecun-normal: σ = √(1/fanIn)
 * </ul>
 *
 * <p>Biases are zero.
 */
final class ScaledNormal implements Initializer {
  private final String name;
  private final FanRule rule;
  private final double gain;

  ScaledNormal(String name, FanRule rule, double gain) {
    this.name = name;
    this.rule = rule;
    this.gain = gain;
  }

  @Override
  public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
    Shapes.check(weights, fanIn, fanOut);
    double std = Math.sqrt(rule.variance(fanIn, fanOut, gain));
    for (int k = 0; k < weights.length; k++) {
      weights[k] = std * random.nextGaussian();
    }
  }

  @Override
  public String toString() {
    return gain == 1 ? name : name + "(gain=" + gain + ")";
  }
}
