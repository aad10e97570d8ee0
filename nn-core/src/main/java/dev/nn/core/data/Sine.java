package dev.nn.core.data;

import dev.nn.spi.Range;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A noisy sine: x ~ U[−π, π), y = sin x + σ·ε with ε ~ N(0, 1) and σ = {@code noise} (0.1 by default). Per
 * sample, x is drawn first, then ε.
 */
final class Sine implements Generator {
  static final String NAME = "sine";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Dataset generate(GeneratorSettings settings, RandomGenerator random, long seed) {
    int n = settings.integer("samples", 200, Range.closed(1, 10_000_000));
    double noise = settings.number("noise", 0.1, Range.atLeast(0));
    settings.check();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble(-Math.PI, Math.PI);
      y[i] = Math.sin(x[i]) + noise * random.nextGaussian();
    }
    String source = "generator " + NAME + " (samples " + n + ", noise " + noise + ", seed " + seed + ")";
    return Dataset.wrapRegression(source, InputValues.of(x), y, List.of("x"), List.of("y"));
  }
}
