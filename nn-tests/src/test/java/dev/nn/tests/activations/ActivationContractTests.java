package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract itself: it passes a correct activation and fails each kind of planted mistake. */
class ActivationContractTests {

  /** tanh with a bulk forward and backward of its own; correct unless a subclass plants a mistake. */
  private static class Tanh implements Activation {
    @Override
    public double phi(double z) {
      return Math.tanh(z);
    }

    @Override
    public double phiPrime(double z, double x) {
      return 1 - x * x;
    }

    @Override
    public String toString() {
      return "planted tanh";
    }
  }

  /** relu whose declared kink is at 0, with φ′ switching where {@code step} says. */
  private static class Relu implements Activation {
    private final double step;

    Relu(double step) {
      this.step = step;
    }

    @Override
    public double phi(double z) {
      return Math.max(0, z);
    }

    @Override
    public double phiPrime(double z, double x) {
      return z > step ? 1 : 0;
    }

    @Override
    public double[] kinks() {
      return new double[] {0};
    }
  }

  private static ActivationContract contractFor(Activation activation) {
    return () -> activation;
  }

  private static void assertFails(Activation planted, String check, Runnable run) {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, run::run, check + " passed " + planted);
    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "the failure says what was wrong");
  }

  @Test
  void passesACorrectActivationOnEveryCheck() {
    ActivationContract c = contractFor(new Tanh());
    assertDoesNotThrow(c::derivativeMatchesCentralDifferences);
    assertDoesNotThrow(c::derivativeMatchesCentralDifferencesBesideEachKink);
    assertDoesNotThrow(c::bulkForwardEqualsScalarPhi);
    assertDoesNotThrow(c::bulkBackwardEqualsDeltaTimesPhiPrime);
    assertDoesNotThrow(c::phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ);
    assertDoesNotThrow(c::kinksAreFiniteAndStrictlyIncreasing);
    ActivationContract relu = contractFor(new Relu(0));
    assertDoesNotThrow(relu::derivativeMatchesCentralDifferences);
    assertDoesNotThrow(relu::derivativeMatchesCentralDifferencesBesideEachKink);
  }

  @Test
  void failsADerivativeOffByOneTenThousandth() {
    Activation planted = new Tanh() {
      @Override
      public double phiPrime(double z, double x) {
        return 1 - x * x + 1e-4;
      }
    };
    assertFails(planted, "derivative check", contractFor(planted)::derivativeMatchesCentralDifferences);
  }

  @Test
  void failsADerivativeThatIsWrongOnlyForLargeNegativeZ() {
    Activation planted = new Tanh() {
      @Override
      public double phi(double z) {
        return z < -40 ? 0.5 * z : Math.tanh(z);
      }
    };
    assertFails(planted, "derivative check", contractFor(planted)::derivativeMatchesCentralDifferences);
  }

  @Test
  void failsADerivativeThatSwitchesBesideTheDeclaredKink() {
    Activation planted = new Relu(1e-4);
    assertFails(planted, "beside-kink check", contractFor(planted)::derivativeMatchesCentralDifferencesBesideEachKink);
  }

  @Test
  void failsABulkForwardThatIsOneUlpOff() {
    Activation planted = new Tanh() {
      @Override
      public void forward(double[] z, double[] x, int count) {
        for (int i = 0; i < count; i++) {
          x[i] = Math.nextUp(Math.tanh(z[i]));
        }
      }
    };
    assertFails(planted, "bulk forward check", contractFor(planted)::bulkForwardEqualsScalarPhi);
  }

  @Test
  void failsABulkForwardThatWritesPastCount() {
    Activation planted = new Tanh() {
      @Override
      public void forward(double[] z, double[] x, int count) {
        for (int i = 0; i < z.length; i++) {
          x[i] = Math.tanh(z[i]);
        }
      }
    };
    assertFails(planted, "bulk forward check", contractFor(planted)::bulkForwardEqualsScalarPhi);
  }

  @Test
  void failsABulkBackwardThatOverwritesDeltaInsteadOfMultiplying() {
    Activation planted = new Tanh() {
      @Override
      public void backward(double[] z, double[] x, double[] delta, int count) {
        for (int i = 0; i < count; i++) {
          delta[i] = 1 - x[i] * x[i];
        }
      }
    };
    assertFails(planted, "bulk backward check", contractFor(planted)::bulkBackwardEqualsDeltaTimesPhiPrime);
  }

  @Test
  void failsABulkBackwardThatModifiesX() {
    Activation planted = new Tanh() {
      @Override
      public void backward(double[] z, double[] x, double[] delta, int count) {
        for (int i = 0; i < count; i++) {
          delta[i] *= 1 - x[i] * x[i];
          x[i] = 0;
        }
      }
    };
    assertFails(planted, "bulk backward check", contractFor(planted)::bulkBackwardEqualsDeltaTimesPhiPrime);
  }

  @Test
  void failsNaNForHugeZAndInfinityForModerateZ() {
    Activation nan = new Tanh() {
      @Override
      public double phiPrime(double z, double x) {
        return Math.abs(z) > 1e300 ? Double.NaN : 1 - x * x;
      }
    };
    assertFails(nan, "finiteness check", contractFor(nan)::phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ);
    Activation overflow = new Tanh() {
      @Override
      public double phi(double z) {
        return Math.exp(2 * z);
      }
    };
    assertFails(overflow, "finiteness check", contractFor(overflow)::phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ);
  }

  @Test
  void failsKinksThatAreNullUnsortedOrNotFinite() {
    for (double[] kinks : new double[][] {null, {1, 0}, {0, 0}, {Double.NaN}, {Double.POSITIVE_INFINITY}}) {
      Activation planted = new Tanh() {
        @Override
        public double[] kinks() {
          return kinks;
        }
      };
      assertFails(planted, "kinks check", contractFor(planted)::kinksAreFiniteAndStrictlyIncreasing);
    }
  }
}
