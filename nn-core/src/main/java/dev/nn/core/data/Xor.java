package dev.nn.core.data;

import dev.nn.spi.Range;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * XOR as two-class classification. Sample i sits at corner i mod 4 of the unit square, in the order
 * (0, 0), (0, 1), (1, 0), (1, 1), plus N(0, σ²) noise on each coordinate (σ = {@code noise}, 0 by
 * default); its class is x1 XOR x2 of the corner. With the defaults ({@code samples: 4, noise: 0}) the
 * dataset is exactly the truth table and the seed does not matter; the classes are balanced whenever
 * {@code samples} is a multiple of 4.
 *
 * <p>Class 1 is the band 0.5 &lt; x1 + x2 &lt; 1.5, which two hidden sigmoid units can cut out: a 2-2-1
 * network on {@link Dataset#withBinaryTarget()}, or a 2-2-2 / 2-4-2 network with softmax on the one-hot
 * targets. For σ up to about 0.15 the noisy corners stay on their side of those lines.
 */
final class Xor implements Generator {
  static final String NAME = "xor";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Dataset generate(GeneratorSettings settings, RandomGenerator random, long seed) {
    int n = settings.integer("samples", 4, Range.closed(1, 10_000_000));
    double noise = settings.number("noise", 0.0, Range.atLeast(0));
    settings.check();
    double[] x = new double[2 * n];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      int a = (i >> 1) & 1;
      int b = i & 1;
      x[2 * i] = a + noise * random.nextGaussian();
      x[2 * i + 1] = b + noise * random.nextGaussian();
      classes[i] = a ^ b;
    }
    String source = "generator " + NAME + " (samples " + n + ", noise " + noise + ", seed " + seed + ")";
    return Dataset.wrapClassification(source, InputValues.of(x), classes, List.of("x1", "x2"), "xor",
        List.of("0", "1"));
  }
}
