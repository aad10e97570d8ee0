package dev.nn.tests.init;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.api.Initializer;
import dev.nn.tck.InitializerContract;
import dev.nn.tck.Precision;
import dev.nn.tck.WeightDistribution;
import java.util.Arrays;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract itself: it passes a correct initializer and fails each kind of planted mistake. */
class InitializerContractTests {

  /** He normal, σ = √(2/fanIn), as documented; {@code scale} and {@code fan} let a subclass plant a mistake. */
  private static class PlantedHeNormal implements Initializer {
    @Override
    public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
      double std = scale() * Math.sqrt(2.0 / fan(fanIn, fanOut));
      for (int k = 0; k < weights.length; k++) {
        weights[k] = std * random(random).nextGaussian();
      }
    }

    double scale() {
      return 1;
    }

    int fan(int fanIn, int fanOut) {
      return fanIn;
    }

    RandomGenerator random(RandomGenerator given) {
      return given;
    }
  }

  /** The contract for {@code init}, documented as He normal. */
  private static InitializerContract heNormal(Initializer init) {
    return new InitializerContract() {
      @Override
      public Initializer initializer() {
        return init;
      }

      @Override
      public WeightDistribution weights(int fanIn, int fanOut) {
        return WeightDistribution.normal(0, Math.sqrt(2.0 / fanIn));
      }
    };
  }

  /** The contract for {@code init}, documented as U(−1, 1). */
  private static InitializerContract symmetricUniform(Initializer init) {
    return new InitializerContract() {
      @Override
      public Initializer initializer() {
        return init;
      }

      @Override
      public WeightDistribution weights(int fanIn, int fanOut) {
        return WeightDistribution.uniform(-1, 1);
      }
    };
  }

  @Test
  void aCorrectInitializerPassesEveryCheck() {
    InitializerContract c = heNormal(new PlantedHeNormal());
    for (Precision p : Precision.values()) {
      assertDoesNotThrow(() -> c.aLargeBlockHasTheDocumentedMomentsAndSupport(p));
      assertDoesNotThrow(() -> c.aLargeBlockFollowsTheDocumentedDistributionFunction(p));
      assertDoesNotThrow(() -> c.theScaleFollowsTheDocumentedFanRule(p));
      assertDoesNotThrow(() -> c.biasesFollowTheirDocumentedDistribution(p));
    }
    assertDoesNotThrow(c::theSeedAloneDecidesTheValues);
    assertDoesNotThrow(c::everyWeightIsWritten);
  }

  /**
   * One weight written as NaN fails every check of the sample with a message that says so, within a time limit: the
   * distribution check spun for ever (its distribution function's series never ends on NaN), and the moments' said
   * only JUnit's "positive delta expected but was: &lt;NaN&gt;".
   */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aWeightWrittenAsNaNFailsWithAMessageAndDoesNotHang() {
    InitializerContract c = heNormal(new PlantedHeNormal() {
      @Override
      public void initWeights(double[] weights, int fanIn, int fanOut, RandomGenerator random) {
        super.initWeights(weights, fanIn, fanOut, random);
        weights[0] = Double.NaN;
      }
    });
    for (Precision p : Precision.values()) {
      for (org.junit.jupiter.api.function.Executable check : new org.junit.jupiter.api.function.Executable[] {
          () -> c.aLargeBlockHasTheDocumentedMomentsAndSupport(p),
          () -> c.aLargeBlockFollowsTheDocumentedDistributionFunction(p)}) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, check);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(": value 0 is NaN in " + p
            + "; an initializer writes finite weights"), e.getMessage());
      }
    }
    AssertionFailedError unwritten = assertThrows(AssertionFailedError.class, c::everyWeightIsWritten);
    org.junit.jupiter.api.Assertions.assertTrue(unwritten.getMessage().startsWith("weight 0 of a 13×7 layer is NaN: not"
        + " written (the array held NaN before), or written as NaN"), unwritten.getMessage());
  }

  @Test
  void aScaleTwoPercentTooLargeFailsTheMoments() {
    InitializerContract c = heNormal(new PlantedHeNormal() {
      @Override
      double scale() {
        return 1.02;
      }
    });
    for (Precision p : Precision.values()) {
      assertThrows(AssertionFailedError.class, () -> c.aLargeBlockHasTheDocumentedMomentsAndSupport(p));
    }
  }

  @Test
  void fanOutTakenForFanInFailsTheFanRule() {
    InitializerContract c = heNormal(new PlantedHeNormal() {
      @Override
      int fan(int fanIn, int fanOut) {
        return fanOut;
      }
    });
    for (Precision p : Precision.values()) {
      assertThrows(AssertionFailedError.class, () -> c.theScaleFollowsTheDocumentedFanRule(p));
    }
  }

  @Test
  void aGeneratorOfItsOwnFailsDeterminism() {
    InitializerContract c = heNormal(new PlantedHeNormal() {
      private final Random own = new Random();

      @Override
      RandomGenerator random(RandomGenerator given) {
        return own;
      }
    });
    assertThrows(AssertionFailedError.class, c::theSeedAloneDecidesTheValues);
  }

  @Test
  void valuesOutsideTheSupportFail() {
    InitializerContract c = symmetricUniform((w, fanIn, fanOut, random) -> {
      for (int k = 0; k < w.length; k++) {
        w[k] = -1.001 + 2.002 * random.nextDouble();
      }
    });
    for (Precision p : Precision.values()) {
      assertThrows(AssertionFailedError.class, () -> c.aLargeBlockHasTheDocumentedMomentsAndSupport(p));
    }
  }

  @Test
  void aDistributionWithTheRightMomentsButTheWrongShapeFailsTheDistributionFunction() {
    // a normal with the variance 1/3 of U(−1, 1): the same mean and variance, another distribution
    double std = Math.sqrt(1.0 / 3);
    InitializerContract c = symmetricUniform((w, fanIn, fanOut, random) -> {
      for (int k = 0; k < w.length; k++) {
        w[k] = Math.max(-1, Math.min(1, std * random.nextGaussian()));
      }
    });
    for (Precision p : Precision.values()) {
      assertThrows(AssertionFailedError.class, () -> c.aLargeBlockFollowsTheDocumentedDistributionFunction(p));
    }
  }

  @Test
  void biasesThatAreNotZeroFail() {
    InitializerContract c = heNormal(new PlantedHeNormal() {
      @Override
      public void initBiases(double[] biases, int fanIn, int fanOut, RandomGenerator random) {
        Arrays.fill(biases, 0.01);
      }
    });
    for (Precision p : Precision.values()) {
      assertThrows(AssertionFailedError.class, () -> c.biasesFollowTheirDocumentedDistribution(p));
    }
  }

  @Test
  void aConstantAndBoundsThatAreNoFloatsPassInFloat32AsTheCoreRoundsThem() {
    // 0.1 is no float: (float) 0.1 is 0.100000001…, so in float32 the drawn ends ±0.1 are stored just outside
    // [−0.1, 0.1], inside that interval rounded, and the constant 0.1 is stored as 0.1f
    double a = 0.1;
    InitializerContract c = new InitializerContract() {
      @Override
      public Initializer initializer() {
        return new Initializer() {
          @Override
          public void initWeights(double[] w, int fanIn, int fanOut, RandomGenerator random) {
            for (int k = 0; k < w.length; k++) {
              w[k] = k % 997 == 0 ? (k % 2 == 0 ? a : -a) : -a + 2 * a * random.nextDouble();
            }
          }

          @Override
          public void initBiases(double[] b, int fanIn, int fanOut, RandomGenerator random) {
            Arrays.fill(b, 0.1);
          }
        };
      }

      @Override
      public WeightDistribution weights(int fanIn, int fanOut) {
        return WeightDistribution.uniform(-a, a);
      }

      @Override
      public WeightDistribution biases(int fanIn, int fanOut) {
        return WeightDistribution.constant(0.1);
      }
    };
    for (Precision p : Precision.values()) {
      assertDoesNotThrow(() -> c.aLargeBlockHasTheDocumentedMomentsAndSupport(p));
      assertDoesNotThrow(() -> c.aLargeBlockFollowsTheDocumentedDistributionFunction(p));
      assertDoesNotThrow(() -> c.biasesFollowTheirDocumentedDistribution(p));
    }
  }

  @Test
  void aWeightLeftUnwrittenFails() {
    InitializerContract c = symmetricUniform((w, fanIn, fanOut, random) -> {
      for (int k = 1; k < w.length; k++) {
        w[k] = -1 + 2 * random.nextDouble();
      }
    });
    assertThrows(AssertionFailedError.class, c::everyWeightIsWritten);
  }
}
