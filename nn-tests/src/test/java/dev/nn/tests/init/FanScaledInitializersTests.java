package dev.nn.tests.init;

import static dev.nn.tests.init.Draws.create;
import static dev.nn.tests.init.Draws.mean;
import static dev.nn.tests.init.Draws.seeded;
import static dev.nn.tests.init.Draws.variance;
import static dev.nn.tests.init.Draws.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Initializer;
import dev.nn.core.init.HeNormalProvider;
import dev.nn.core.init.HeUniformProvider;
import dev.nn.core.init.LecunNormalProvider;
import dev.nn.core.init.LecunUniformProvider;
import dev.nn.core.init.XavierNormalProvider;
import dev.nn.core.init.XavierUniformProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.InitializerProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * xavier-*, he-* and lecun-*, each against its published bound or standard deviation, with
 * fan-in = n(l−1) = rows and fan-out = n(l) = columns. Shapes are never square, so a swapped fan shows.
 */
class FanScaledInitializersTests {

  /** The uniform bound a or the normal σ of a fanIn × fanOut layer, as the papers and PyTorch state it. */
  interface Scale {
    double of(int fanIn, int fanOut);
  }

  static Stream<Arguments> initializers() {
    return Stream.of(
        Arguments.of(new XavierUniformProvider(), true, (Scale) (in, out) -> Math.sqrt(6.0 / (in + out))),
        Arguments.of(new XavierNormalProvider(), false, (Scale) (in, out) -> Math.sqrt(2.0 / (in + out))),
        Arguments.of(new HeUniformProvider(), true, (Scale) (in, out) -> Math.sqrt(2.0) * Math.sqrt(3.0 / in)),
        Arguments.of(new HeNormalProvider(), false, (Scale) (in, out) -> Math.sqrt(2.0) / Math.sqrt(in)),
        Arguments.of(new LecunUniformProvider(), true, (Scale) (in, out) -> Math.sqrt(3.0 / in)),
        Arguments.of(new LecunNormalProvider(), false, (Scale) (in, out) -> 1 / Math.sqrt(in)));
  }

  /**
   * Each weight, row-major, is one draw of a generator with the same seed: −a + 2a·nextDouble() or
   * σ·nextGaussian().
   */
  @ParameterizedTest
  @MethodSource("initializers")
  void eachWeightIsOneDrawScaledByTheFormula(InitializerProvider provider, boolean uniform, Scale scale) {
    int fanIn = 7;
    int fanOut = 5;
    double[] w = weights(create(provider, Map.of()), fanIn, fanOut, 11);
    RandomGenerator same = seeded(11);
    double s = scale.of(fanIn, fanOut);
    for (int k = 0; k < w.length; k++) {
      double expected = uniform ? s * (2 * same.nextDouble() - 1) : s * same.nextGaussian();
      assertEquals(expected, w[k], 1e-14 * s, provider.name() + " weight " + k);
    }
  }

  /** On a 400×300 layer the sample matches the distribution: moments, bounds, Kolmogorov–Smirnov. */
  @ParameterizedTest
  @MethodSource("initializers")
  void aLargeLayerHasTheDistributionOfTheFormula(InitializerProvider provider, boolean uniform, Scale scale) {
    int fanIn = 400;
    int fanOut = 300;
    double[] w = weights(create(provider, Map.of()), fanIn, fanOut, 2024);
    double s = scale.of(fanIn, fanOut);
    double expectedVariance = uniform ? s * s / 3 : s * s;
    double sigma = Math.sqrt(expectedVariance);
    // the sample variance has a relative standard error of about 0.3 % (uniform) or 0.4 % (normal) here
    assertEquals(expectedVariance, variance(w), 0.02 * expectedVariance, provider.name() + " variance");
    assertEquals(0, mean(w), 5 * sigma / Math.sqrt(w.length), provider.name() + " mean");
    RealDistribution distribution;
    if (uniform) {
      double max = Arrays.stream(w).map(Math::abs).max().orElseThrow();
      assertTrue(max <= s, provider.name() + " max |w| = " + max + " within a = " + s);
      assertTrue(max >= 0.999 * s, provider.name() + " max |w| = " + max + " reaches a = " + s);
      distribution = new UniformRealDistribution(-s, s);
    } else {
      distribution = new NormalDistribution(0, s);
    }
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(distribution, w);
    assertTrue(p > 0.001, provider.name() + " Kolmogorov–Smirnov p = " + p);
  }

  @Test
  void heNormalUsesTheRowsOfWAsFanIn() {
    double[] w = weights(create(new HeNormalProvider(), Map.of()), 800, 50, 7);
    double std = Math.sqrt(variance(w));
    assertEquals(Math.sqrt(2.0 / 800), std, 0.03 * Math.sqrt(2.0 / 800));
    assertTrue(std < 0.5 * Math.sqrt(2.0 / 50), "not √(2/columns)");
  }

  @Test
  void lecunUniformUsesTheRowsOfWAsFanIn() {
    double[] w = weights(create(new LecunUniformProvider(), Map.of()), 30, 600, 8);
    double max = Arrays.stream(w).map(Math::abs).max().orElseThrow();
    assertTrue(max <= Math.sqrt(3.0 / 30) && max > 0.99 * Math.sqrt(3.0 / 30), "max |w| = " + max);
  }

  @Test
  void xavierGainScalesTheBoundAndTheStd() {
    double[] plain = weights(create(new XavierUniformProvider(), Map.of()), 6, 4, 3);
    double[] doubled = weights(create(new XavierUniformProvider(), Map.of("gain", 2.0)), 6, 4, 3);
    double[] normal = weights(create(new XavierNormalProvider(), Map.of()), 6, 4, 3);
    double[] normalTimesFiveThirds = weights(create(new XavierNormalProvider(), Map.of("gain", 5.0 / 3)), 6, 4, 3);
    for (int k = 0; k < plain.length; k++) {
      assertEquals(2 * plain[k], doubled[k], 1e-15);
      assertEquals(5.0 / 3 * normal[k], normalTimesFiveThirds[k], 1e-15);
    }
  }

  @Test
  void xavierRejectsAGainThatIsNotPositive() {
    for (InitializerProvider p : new InitializerProvider[] {new XavierUniformProvider(), new XavierNormalProvider()}) {
      ConfigException e = assertThrows(ConfigException.class, () -> create(p, Map.of("gain", 0)));
      assertEquals("gain", e.problems().get(0).path());
      assertEquals("> 0", e.problems().get(0).allowed());
    }
  }

  @ParameterizedTest
  @MethodSource("initializers")
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers(InitializerProvider provider) {
    Initializer init = create(provider, Map.of());
    assertArrayEquals(weights(init, 9, 4, 5), weights(init, 9, 4, 5));
    assertFalse(Arrays.equals(weights(init, 9, 4, 5), weights(init, 9, 4, 6)));
  }
}
