package dev.nn.core.data;

import dev.nn.spi.Range;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Two interleaved spirals, one per class. Sample i belongs to class c = i mod 2; it draws t ~ U[0, 1) and
 * lies at radius r = t and angle θ = 2π·turns·t + c·π, plus N(0, σ²) noise on each coordinate (σ =
 * {@code noise}, 0.05 by default; {@code turns} 1.5 by default). Class 1 is class 0 turned by half a
 * circle. Near the centre the two arms meet, so a few points there are ambiguous even without noise.
 */
final class Spirals implements Generator {
  static final String NAME = "spirals";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Dataset generate(GeneratorSettings settings, RandomGenerator random, long seed) {
    int n = settings.integer("samples", 200, Range.closed(2, 10_000_000));
    double noise = settings.number("noise", 0.05, Range.atLeast(0));
    double turns = settings.number("turns", 1.5, Range.closed(0.25, 10));
    settings.check();
    double[] x = new double[2 * n];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i & 1;
      double t = random.nextDouble();
      double theta = 2 * Math.PI * turns * t + c * Math.PI;
      x[2 * i] = t * Math.cos(theta) + noise * random.nextGaussian();
      x[2 * i + 1] = t * Math.sin(theta) + noise * random.nextGaussian();
      classes[i] = c;
    }
    String source =
        "generator " + NAME + " (samples " + n + ", noise " + noise + ", turns " + turns + ", seed " + seed + ")";
    return Dataset.wrapClassification(source, InputValues.of(x), classes, List.of("x1", "x2"), "spiral",
        List.of("0", "1"));
  }
}
