package dev.nn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nn.api.Initializer;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules every {@link Initializer} keeps. A plugin's test class implements this interface, supplies
 * the initializer and, separately from the implementation, the distribution its documentation promises
 * for a block of each shape:
 *
 * <pre>{@code
 * class HeNormalTests implements InitializerContract {
 *   public Initializer initializer() {
 *     return new HeNormalProvider().create(Settings.empty("initializer \"he-normal\""));
 *   }
 *
 *   public WeightDistribution weights(int fanIn, int fanOut) {
 *     return WeightDistribution.normal(0, Math.sqrt(2.0 / fanIn));
 *   }
 * }
 * }</pre>
 *
 * <p>The checks, on samples of tens of thousands of values from a seeded generator: the sample mean and
 * variance lie within {@value #STANDARD_ERRORS} standard errors of the documented ones; every value lies
 * in the documented support and, for a bounded one, the sample reaches near both ends; the empirical
 * distribution function stays within the Dvoretzky–Kiefer–Wolfowitz band of the documented one at level
 * {@value #ALPHA}; the fan rule holds, on blocks whose fan-in and fan-out differ by a factor of fifteen
 * both ways round, so a fan taken from the wrong side shows; biases follow {@link #biases}; the same seed
 * gives the same bits and randomness comes only from the generator passed in; every value is written.
 * With fixed seeds each check gives the same answer on every run; for a correct initializer each fails
 * by chance with probability of the order of 1e-6 (moments) or {@value #ALPHA} (distribution).
 *
 * <p>The checks on drawn values (moments and support, distribution function, fan rule, biases) run once
 * per {@link Precision}. In float32 the core stores what the initializer writes rounded to float; the
 * kit rounds the sample the same way and compares it with the documented distribution, allowing for
 * the rounding and nothing more: a constant must come out as the constant rounded to float; the support
 * is [low, high] rounded to float (rounding keeps order, so a value drawn inside stays inside); the mean
 * and variance may each move by what an error of half a float ulp per value can do; and the
 * distribution function is compared at both ends of the interval each rounded value came from. The
 * checks of the seed and of every weight being written compare the initializer with itself and run in
 * float64.
 */
public interface InitializerContract {

  /** How many standard errors a sample mean or variance may lie from the documented one. */
  double STANDARD_ERRORS = 5;

  /** The level of the distribution-function check: the chance that a correct initializer fails it. */
  double ALPHA = 1e-3;

  /** The initializer under test, with the settings that {@link #weights} assumes. */
  Initializer initializer();

  /**
   * The documented distribution of each weight of a fanIn × fanOut block W(l), written by the test from
   * the documentation, not by calling the implementation.
   */
  WeightDistribution weights(int fanIn, int fanOut);

  /** The documented distribution of each bias b(l) of that layer; zero unless overridden. */
  default WeightDistribution biases(int fanIn, int fanOut) {
    return WeightDistribution.constant(0);
  }

  /** The generator a check draws from: the same algorithm for every plugin, seeded per check. */
  default RandomGenerator generator(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /** On a 400 × 300 block the sample has the documented mean, variance and support. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void aLargeBlockHasTheDocumentedMomentsAndSupport(Precision precision) {
    double[] w = precision.round(drawWeights(400, 300, 2024));
    SampleChecks.assertMoments(w, weights(400, 300), precision, "W of a 400×300 layer");
    SampleChecks.assertSupport(w, weights(400, 300), precision, "W of a 400×300 layer");
  }

  /** On a 400 × 300 block the empirical distribution function follows the documented one. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void aLargeBlockFollowsTheDocumentedDistributionFunction(Precision precision) {
    SampleChecks.assertDistribution(precision.round(drawWeights(400, 300, 77)), weights(400, 300), precision,
        "W of a 400×300 layer");
  }

  /**
   * The scale depends on fan-in = n(l−1) (rows of W) and fan-out = n(l) (columns) as documented: blocks
   * of 600 × 40 and 40 × 600 each have their own documented variance.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void theScaleFollowsTheDocumentedFanRule(Precision precision) {
    SampleChecks.assertMoments(precision.round(drawWeights(600, 40, 5)), weights(600, 40), precision,
        "W of a 600×40 layer");
    SampleChecks.assertMoments(precision.round(drawWeights(40, 600, 6)), weights(40, 600), precision,
        "W of a 40×600 layer");
  }

  /** Biases of a 300 × 400 layer follow {@link #biases}. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void biasesFollowTheirDocumentedDistribution(Precision precision) {
    double[] b = new double[400];
    Arrays.fill(b, Double.NaN);
    initializer().initBiases(b, 300, 400, generator(9));
    b = precision.round(b);
    SampleChecks.assertSupport(b, biases(300, 400), precision, "b of a 300×400 layer");
    SampleChecks.assertMoments(b, biases(300, 400), precision, "b of a 300×400 layer");
  }

  /**
   * The same seed gives the same bits, from this initializer and from a second one; so randomness comes
   * from the generator passed in, and nothing carries over from one call to the next. A block that is
   * drawn (not constant) differs under another seed.
   */
  @Test
  default void theSeedAloneDecidesTheValues() {
    Initializer first = initializer();
    double[] once = draw(first, 30, 20, 42);
    assertArrayEquals(once, draw(first, 30, 20, 42), "the same initializer, the same seed, called again");
    assertArrayEquals(once, draw(initializer(), 30, 20, 42), "a second initializer, the same seed");
    if (weights(30, 20).variance() > 0) {
      assertFalse(Arrays.equals(once, draw(first, 30, 20, 43)), "another seed gave the same weights");
    }
  }

  /** Every weight is written, even where the array held NaN before. */
  @Test
  default void everyWeightIsWritten() {
    double[] w = drawWeights(13, 7, 1);
    for (int k = 0; k < w.length; k++) {
      assertFalse(Double.isNaN(w[k]), "weight " + k + " of a 13×7 layer is NaN: not written (the array held NaN"
          + " before), or written as NaN");
    }
  }

  private double[] drawWeights(int fanIn, int fanOut, long seed) {
    return draw(initializer(), fanIn, fanOut, seed);
  }

  private double[] draw(Initializer init, int fanIn, int fanOut, long seed) {
    double[] w = new double[fanIn * fanOut];
    Arrays.fill(w, Double.NaN);
    init.initWeights(w, fanIn, fanOut, generator(seed));
    return w;
  }
}
