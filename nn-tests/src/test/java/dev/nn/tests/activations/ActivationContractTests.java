package dev.nn.tests.activations;

import static dev.nn.tck.Precision.FLOAT32;
import static dev.nn.tck.Precision.FLOAT64;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import dev.nn.tck.Precision;
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
    for (Precision p : Precision.values()) {
      assertDoesNotThrow(() -> c.bulkForwardEqualsScalarPhi(p));
      assertDoesNotThrow(() -> c.bulkBackwardEqualsDeltaTimesPhiPrime(p));
      assertDoesNotThrow(() -> c.phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ(p));
    }
    assertDoesNotThrow(c::kinksAreFiniteAndStrictlyIncreasing);
    ActivationContract relu = contractFor(new Relu(0));
    assertDoesNotThrow(relu::derivativeMatchesCentralDifferences);
    assertDoesNotThrow(relu::derivativeMatchesCentralDifferencesBesideEachKink);
  }

  /** A bulk forward that reuses a scratch array in a field gives two threads each other's values: caught. */
  @Test
  void failsAnActivationThatKeepsAScratchArrayInAField() {
    Activation racy = new Tanh() {
      private double[] scratch = new double[0];

      @Override
      public void forward(double[] z, double[] x, int count) {
        if (scratch.length < count) {
          scratch = new double[count];
        }
        for (int i = 0; i < count; i++) {
          scratch[i] = Math.tanh(z[i]);
          Thread.onSpinWait();
        }
        System.arraycopy(scratch, 0, x, 0, count);
      }
    };
    ActivationContract c = contractFor(racy);
    AssertionFailedError e = assertThrows(AssertionFailedError.class, c::oneInstanceCalledFromTwoThreadsAtOnceGivesTheSameBits);
    assertTrue(e.getMessage().contains("from two threads at once"), e.getMessage());
    assertDoesNotThrow(contractFor(new Tanh())::oneInstanceCalledFromTwoThreadsAtOnceGivesTheSameBits);
  }

  /**
   * φ(z) = z + sin²(αz)/α with α = 3: its exact φ′ = 1 + sin(2αz) differs from one central difference at z = 50
   * (h = 5·10⁻⁵) by 1.5·10⁻⁸, the difference's own truncation error h²·φ‴/6 (φ‴ up to 4α² = 36), far above a
   * rounding tolerance where φ′ is near 0. The check passes it, and still fails the same φ′ a hundred-thousandth off.
   */
  @Test
  void passesAStronglyCurvedActivationWhoseSingleDifferenceIsOffByItsTruncationError() {
    double alpha = 3;
    class Snake implements Activation {
      @Override
      public double phi(double z) {
        double s = Math.sin(alpha * z);
        return z + s * s / alpha;
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1 + Math.sin(2 * alpha * z);
      }
    }
    double z = 50;
    double h = 1e-6 * z;
    Snake snake = new Snake();
    double single = (snake.phi(z + h) - snake.phi(z - h)) / ((z + h) - (z - h));
    assertTrue(Math.abs(single - snake.phiPrime(z, snake.phi(z))) > 1e-8, "one difference is off by " + Math.abs(
        single - snake.phiPrime(z, snake.phi(z))));
    assertDoesNotThrow(contractFor(snake)::derivativeMatchesCentralDifferences);
    Activation off = new Snake() {
      @Override
      public double phiPrime(double z, double x) {
        return (1 + Math.sin(2 * alpha * z)) * (1 + 1e-5) + 1e-5;
      }
    };
    assertFails(off, "derivative check", contractFor(off)::derivativeMatchesCentralDifferences);
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
    assertFails(planted, "bulk forward check", () -> contractFor(planted).bulkForwardEqualsScalarPhi(FLOAT64));
  }

  @Test
  void failsABulkForwardThatIsOneFloatUlpOffInFloat32() {
    Activation planted = new Tanh() {
      @Override
      public void forward(double[] z, double[] x, int count) {
        for (int i = 0; i < count; i++) {
          x[i] = Math.nextUp((float) Math.tanh(z[i]));
        }
      }
    };
    assertFails(planted, "bulk forward check", () -> contractFor(planted).bulkForwardEqualsScalarPhi(FLOAT32));
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
    for (Precision p : Precision.values()) {
      assertFails(planted, "bulk forward check", () -> contractFor(planted).bulkForwardEqualsScalarPhi(p));
    }
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
    for (Precision p : Precision.values()) {
      assertFails(planted, "bulk backward check", () -> contractFor(planted).bulkBackwardEqualsDeltaTimesPhiPrime(p));
    }
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
    for (Precision p : Precision.values()) {
      assertFails(planted, "bulk backward check", () -> contractFor(planted).bulkBackwardEqualsDeltaTimesPhiPrime(p));
    }
  }

  @Test
  void failsNaNForHugeZAndInfinityForModerateZ() {
    Activation nan = new Tanh() {
      @Override
      public double phiPrime(double z, double x) {
        return Math.abs(z) > 1e300 ? Double.NaN : 1 - x * x;
      }
    };
    // z beyond 1e300 exists in float64 only
    assertFails(nan, "finiteness check",
        () -> contractFor(nan).phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ(FLOAT64));
    Activation overflow = new Tanh() {
      @Override
      public double phi(double z) {
        return Math.exp(2 * z);
      }
    };
    for (Precision p : Precision.values()) {
      assertFails(overflow, "finiteness check",
          () -> contractFor(overflow).phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ(p));
    }
  }

  @Test
  void failsInFloat32AnActivationThatOverflowsAFloatBelowEightyEight() {
    // e^(1.01·z): a finite double up to z = 702, so float64 passes it; above Float.MAX_VALUE from z = 87.8
    Activation steep = new Tanh() {
      @Override
      public double phi(double z) {
        return Math.exp(1.01 * z);
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1.01 * x;
      }
    };
    assertDoesNotThrow(() -> contractFor(steep).phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ(FLOAT64));
    assertFails(steep, "float32 finiteness check",
        () -> contractFor(steep).phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ(FLOAT32));
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
