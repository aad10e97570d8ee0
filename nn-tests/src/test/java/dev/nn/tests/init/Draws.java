package dev.nn.tests.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Settings;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded generators, initializers from their providers, and sample statistics for the tests here. */
final class Draws {

  private Draws() {}

  static RandomGenerator seeded(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  static Initializer create(InitializerProvider provider, Map<String, ?> settings) {
    return provider.create(Settings.of("initializer \"" + provider.name() + "\"", settings));
  }

  /** W(l) of a fanIn × fanOut layer drawn with the given seed. */
  static double[] weights(Initializer init, int fanIn, int fanOut, long seed) {
    double[] w = new double[fanIn * fanOut];
    init.initWeights(w, fanIn, fanOut, seeded(seed));
    return w;
  }

  /** @param x Not modified. */
  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /**
   * The unbiased sample variance.
   *
   * @param x Not modified.
   */
  static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
