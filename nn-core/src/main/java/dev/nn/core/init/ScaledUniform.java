package dev.nn.core.init;

import dev.nn.api.Initializer;
import java.util.random.RandomGenerator;

/**
 * Weights drawn from U(−a, a) with a = √(3σ²) and σ² from the {@link FanRule}, as
 * {@code −a + 2a·u} with u = {@code nextDouble()}:
 *
 * <ul>
 *   <li>xavier-uniform: a = gain·√(6/(fanIn + fanOut))
 *   <li>he-uniform: a = √(6/fanIn)
 *   <li>lecun-uniform: a = √(3/fanIn)
 * </ul>
 *
 * <p>Biases are zero.
 */
final class ScaledUniform implements Initializer {
  private final String name;
  private final FanRule rule;
  private final double gain;

  ScaledUniform(String name, FanRule rule, double gain) {
    this.name = name;
    this.rule = rule;
    this.gain = gain;
  }

  @Override
  public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
    Shapes.check(weights, fanIn, fanOut);
    double bound = Math.sqrt(3 * rule.variance(fanIn, fanOut, gain));
    double width = 2 * bound;
    for (int k = 0; k < weights.length; k++) {
      weights[k] = -bound + width * random.nextDouble();
    }
  }

  @Override
  public String toString() {
    return gain == 1 ? name : name + "(gain=" + gain + ")";
  }
}
