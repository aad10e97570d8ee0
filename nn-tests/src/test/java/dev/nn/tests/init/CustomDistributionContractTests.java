package dev.nn.tests.init;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.api.Initializer;
import dev.nn.tck.InitializerContract;
import dev.nn.tck.Precision;
import dev.nn.tck.WeightDistribution;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An initializer whose distribution is none of the kit's three factories is checked by the kit all the same,
 * through a {@link WeightDistribution} its author writes: here a Laplace draw, w ~ Laplace(0, b) with
 * b = 1/√fanIn, drawn by inverting its distribution function. The kit also catches a scale taken from the wrong fan.
 */
class CustomDistributionContractTests {

  /** Laplace(0, b): mean 0, variance 2b², fourth central moment 24b⁴, unbounded. */
  record Laplace(double scale) implements WeightDistribution {
    @Override
    public double mean() {
      return 0;
    }

    @Override
    public double variance() {
      return 2 * scale * scale;
    }

    @Override
    public double fourthCentralMoment() {
      return 24 * Math.pow(scale, 4);
    }

    @Override
    public double low() {
      return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double high() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public double cdf(double x) {
      return x < 0 ? 0.5 * Math.exp(x / scale) : 1 - 0.5 * Math.exp(-x / scale);
    }
  }

  /** Draws Laplace(0, 1/√fan) by inverting the distribution function of a uniform draw in (−½, ½). */
  static Initializer laplace(boolean fanOut) {
    return new Initializer() {
      @Override
      public void initWeights(double[] weights, int fanIn, int fanOut2, RandomGenerator random) {
        double b = 1 / Math.sqrt(fanOut ? fanOut2 : fanIn);
        for (int k = 0; k < weights.length; k++) {
          double u = random.nextDouble() - 0.5;
          weights[k] = -b * Math.signum(u) * Math.log1p(-2 * Math.abs(u));
        }
      }
    };
  }

  @Nested
  class LaplaceByFanIn implements InitializerContract {
    @Override
    public Initializer initializer() {
      return laplace(false);
    }

    @Override
    public WeightDistribution weights(int fanIn, int fanOut) {
      return new Laplace(1 / Math.sqrt(fanIn));
    }
  }

  /** The same draw documented with the other fan: the fan rule's check fails it. */
  @Test
  void aScaleFromTheWrongFanIsCaught() {
    InitializerContract wrong = new InitializerContract() {
      @Override
      public Initializer initializer() {
        return laplace(true);
      }

      @Override
      public WeightDistribution weights(int fanIn, int fanOut) {
        return new Laplace(1 / Math.sqrt(fanIn));
      }
    };
    assertThrows(AssertionError.class, () -> wrong.theScaleFollowsTheDocumentedFanRule(Precision.FLOAT64));
  }
}
