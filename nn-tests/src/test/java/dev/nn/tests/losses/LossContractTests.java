package dev.nn.tests.losses;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.losses.HingeProvider;
import dev.nn.losses.SoftmaxCrossEntropyProvider;
import dev.nn.losses.SquaredProvider;
import dev.nn.tck.LossContract;
import dev.nn.tck.Precision;
import org.junit.jupiter.api.Test;

/** The contract fails for losses that break it: planted mistakes must not get through. */
class LossContractTests {

  private static final Loss SQUARED = BuiltInLossContract.create(new SquaredProvider());
  private static final Loss SOFTMAX_CROSS_ENTROPY = BuiltInLossContract.create(new SoftmaxCrossEntropyProvider());

  /** A loss that forwards to another and lets a test change one thing. */
  private static class Forwarding implements Loss {
    private final Loss inner;

    Forwarding(Loss inner) {
      this.inner = inner;
    }

    @Override
    public Seeding seeding() {
      return inner.seeding();
    }

    @Override
    public TargetKind targets() {
      return inner.targets();
    }

    @Override
    public double value(double[] z, double[] x, double[] y, int rows, int cols) {
      return inner.value(z, x, y, rows, cols);
    }

    @Override
    public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
      return inner.seed(z, x, y, delta, rows, cols);
    }

    @Override
    public void link(double[] z, double[] x, double[] out, int rows, int cols) {
      inner.link(z, x, out, rows, cols);
    }

    @Override
    public String toString() {
      return "planted " + inner;
    }
  }

  @Test
  void passesTheCorrectSquaredLossThatThePlantedOnesAreBuiltFrom() {
    LossContract contract = () -> SQUARED;
    assertDoesNotThrow(contract::seedMatchesCentralFiniteDifferencesOfValue);
    for (Precision p : Precision.values()) {
      assertDoesNotThrow(() -> contract.seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(p));
      assertDoesNotThrow(() -> contract.valueIsTheSumOfFiniteNonNegativeRowLosses(p));
      assertDoesNotThrow(() -> contract.drawnTargetsPassTheTargetCheck(p));
    }
  }

  @Test
  void passesTheCorrectSoftmaxCrossEntropyInBothPrecisions() {
    LossContract contract = () -> SOFTMAX_CROSS_ENTROPY;
    for (Precision p : Precision.values()) {
      assertDoesNotThrow(() -> contract.linkOfAFusedLossGivesProbabilities(p));
      assertDoesNotThrow(() -> contract.fusedLossStaysFiniteForLargeLogits(p));
    }
  }

  /**
   * A seed that writes past rows × cols, and a value that is NaN, each fail with a message naming what: the first
   * passed every check (an activation's writes past count were caught, a loss's not), the second said only JUnit's
   * "positive delta expected but was: &lt;NaN&gt;".
   */
  @Test
  void failsASeedWritingPastItsBatchAndANaNValueWithWhatTheyDid() {
    Loss past = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        delta[rows * cols] = 777;
        return sum;
      }
    };
    Loss nan = new Forwarding(SQUARED) {
      @Override
      public double value(double[] z, double[] x, double[] y, int rows, int cols) {
        return Double.NaN;
      }
    };
    for (Precision p : Precision.values()) {
      AssertionError wrote = assertThrows(AssertionError.class,
          () -> ((LossContract) () -> past).seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(p));
      assertTrue(wrote.getMessage().contains(": seed() wrote delta["), wrote.getMessage());
      assertTrue(wrote.getMessage().contains("; a loss writes only the first rows × cols entries"), wrote.getMessage());
      AssertionError notFinite = assertThrows(AssertionError.class,
          () -> ((LossContract) () -> nan).seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(p));
      assertTrue(notFinite.getMessage().contains(": value() returned NaN for finite outputs and targets"),
          notFinite.getMessage());
    }
  }

  /**
   * A seed wrong only for the eleventh column of a row (a loss indexing a fixed width) or only for residuals
   * beyond 8 passed every check, whose batches had at most 4 columns and z of spread 1.5.
   */
  @Test
  void failsASeedWrongOnlyForWideBatchesOrLargeResiduals() {
    Loss wide = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          if (i % cols >= 4) {
            delta[i] *= 1.5;
          }
        }
        return sum;
      }
    };
    Loss far = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          if (Math.abs(x[i] - y[i]) > 8) {
            delta[i] *= 1.5;
          }
        }
        return sum;
      }
    };
    for (Loss wrong : new Loss[] {wide, far}) {
      LossContract contract = () -> wrong;
      AssertionError error = assertThrows(AssertionError.class, contract::seedMatchesCentralFiniteDifferencesOfValue);
      assertTrue(error.getMessage().contains("central finite difference"), error.getMessage());
      // a loss's own toString names it
      assertTrue(error.getMessage().startsWith("planted squared with output"), error.getMessage());
    }
  }

  /**
   * A loss without a toString of its own, made as an anonymous class in a provider (as plugin authors write them), is
   * named by the class that made it: the kit printed it as Object.toString has it, "…Provider$1@b3ca52e".
   */
  @Test
  void aLossWithoutANameOfItsOwnIsNamedByTheClassThatMadeIt() {
    Loss anonymous = new Loss() {
      @Override
      public Seeding seeding() {
        return SQUARED.seeding();
      }

      @Override
      public TargetKind targets() {
        return SQUARED.targets();
      }

      @Override
      public double value(double[] z, double[] x, double[] y, int rows, int cols) {
        return SQUARED.value(z, x, y, rows, cols);
      }

      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = SQUARED.seed(z, x, y, delta, rows, cols);
        delta[0] *= 2;
        return sum;
      }
    };
    LossContract contract = () -> anonymous;
    AssertionError error = assertThrows(AssertionError.class, contract::seedMatchesCentralFiniteDifferencesOfValue);
    assertTrue(error.getMessage().startsWith("a loss made in " + LossContractTests.class.getName() + " with output"),
        error.getMessage());
  }

  /** A loss that reuses a scratch array in a field gives two threads each other's values: caught. */
  @Test
  void failsALossThatKeepsAScratchArrayInAField() {
    Loss racy = new Forwarding(SQUARED) {
      private double[] scratch = new double[0];

      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        if (scratch.length < rows * cols) {
          scratch = new double[rows * cols];
        }
        double sum = 0;
        for (int i = 0; i < rows * cols; i++) {
          scratch[i] = x[i] - y[i];
          Thread.onSpinWait();
        }
        for (int i = 0; i < rows * cols; i++) {
          delta[i] = 2 * scratch[i];
          sum += scratch[i] * scratch[i];
        }
        return sum;
      }
    };
    LossContract contract = () -> racy;
    AssertionError error = assertThrows(AssertionError.class, contract::oneInstanceCalledFromTwoThreadsAtOnceGivesTheSameBits);
    assertTrue(error.getMessage().contains("from two threads at once"), error.getMessage());
  }

  @Test
  void failsASeedOffByOneTenThousandth() {
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          delta[i] += 1e-4;
        }
        return sum;
      }
    };
    LossContract contract = () -> wrong;
    AssertionError error = assertThrows(AssertionError.class, contract::seedMatchesCentralFiniteDifferencesOfValue);
    assertTrue(error.getMessage().contains("central finite difference"), error.getMessage());
  }

  @Test
  void failsASeedOffByOneTenThousandthRelative() {
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          delta[i] *= 1 + 1e-4;
        }
        return sum;
      }
    };
    LossContract contract = () -> wrong;
    assertThrows(AssertionError.class, contract::seedMatchesCentralFiniteDifferencesOfValue);
  }

  @Test
  void failsASeedDividedByTheBatchSize() {
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          delta[i] /= rows;
        }
        return sum;
      }
    };
    LossContract contract = () -> wrong;
    assertThrows(AssertionError.class, contract::seedMatchesCentralFiniteDifferencesOfValue);
  }

  @Test
  void failsASeedThatSwitchesBranchJustBesideTheKink() {
    Loss hinge = BuiltInLossContract.create(new HingeProvider());
    // pushes −y while the margin is slightly negative, where the loss is already flat
    Loss wrong = new Forwarding(hinge) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          double margin = 1 - y[i] * x[i];
          if (margin <= 0 && margin > -1e-4) {
            delta[i] = -y[i];
          }
        }
        return sum;
      }

      @Override
      public double[] kinks(double y) {
        return hinge.kinks(y);
      }
    };
    LossContract contract = () -> wrong;
    assertDoesNotThrow(((LossContract) () -> hinge)::seedMatchesCentralFiniteDifferencesBesideItsKinks);
    assertThrows(AssertionError.class, contract::seedMatchesCentralFiniteDifferencesBesideItsKinks);
  }

  @Test
  void failsASeedThatAccumulatesIntoDeltaInsteadOfOverwritingIt() {
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double[] fresh = new double[rows * cols];
        double sum = super.seed(z, x, y, fresh, rows, cols);
        for (int i = 0; i < fresh.length; i++) {
          delta[i] += fresh[i];
        }
        return sum;
      }
    };
    LossContract contract = () -> wrong;
    for (Precision p : Precision.values()) {
      assertThrows(AssertionError.class, () -> contract.seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(p));
    }
  }

  @Test
  void failsASeedThatReturnsTheMeanInsteadOfTheSum() {
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        return super.seed(z, x, y, delta, rows, cols) / rows;
      }
    };
    LossContract contract = () -> wrong;
    for (Precision p : Precision.values()) {
      assertThrows(AssertionError.class, () -> contract.seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(p));
    }
  }

  @Test
  void failsAFusedLossWhoseLinkReturnsLogits() {
    Loss wrong = new Forwarding(SOFTMAX_CROSS_ENTROPY) {
      @Override
      public void link(double[] z, double[] x, double[] out, int rows, int cols) {
        System.arraycopy(z, 0, out, 0, rows * cols);
      }
    };
    LossContract contract = () -> wrong;
    for (Precision p : Precision.values()) {
      assertThrows(AssertionError.class, () -> contract.linkOfAFusedLossGivesProbabilities(p));
    }
  }

  @Test
  void failsAFusedLossThatAcceptsANonIdentityOutputLayer() {
    Loss wrong = new Forwarding(SOFTMAX_CROSS_ENTROPY) {
      @Override
      public boolean acceptsOutputActivation(String activationName) {
        return true;
      }
    };
    LossContract contract = () -> wrong;
    assertThrows(AssertionError.class, contract::fusedLossAcceptsIdentityOutputOnly);
  }

  @Test
  void failsAFusedLossComputedNaivelyThatOverflowsAtLargeLogits() {
    Loss naive = new Forwarding(SOFTMAX_CROSS_ENTROPY) {
      @Override
      public double value(double[] z, double[] x, double[] y, int rows, int cols) {
        double sum = 0;
        for (int row = 0; row < rows; row++) {
          double exps = 0;
          double target = 0;
          for (int k = 0; k < cols; k++) {
            exps += Math.exp(z[row * cols + k]);
            target += y[row * cols + k] * z[row * cols + k];
          }
          sum += Math.log(exps) - target;
        }
        return sum;
      }
    };
    LossContract contract = () -> naive;
    // e^z in double overflows beyond 709.78: the float64 run's logits reach ±1000, the float32 run's ±80 only
    assertThrows(AssertionError.class, () -> contract.fusedLossStaysFiniteForLargeLogits(Precision.FLOAT64));
  }

  @Test
  void failsInFloat32ASeedBeyondTheFloatRange() {
    // finite as a double, so float64 passes it; the core would store +-Infinity in float32
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        double sum = super.seed(z, x, y, delta, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
          delta[i] *= 1e39;
        }
        return sum;
      }
    };
    LossContract contract = () -> wrong;
    assertDoesNotThrow(() -> contract.seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(Precision.FLOAT64));
    assertThrows(AssertionError.class,
        () -> contract.seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(Precision.FLOAT32));
  }

  @Test
  void failsALossWithANegativeRowLoss() {
    Loss wrong = new Forwarding(SQUARED) {
      @Override
      public double value(double[] z, double[] x, double[] y, int rows, int cols) {
        return super.value(z, x, y, rows, cols) - rows;
      }
    };
    LossContract contract = () -> wrong;
    for (Precision p : Precision.values()) {
      assertThrows(AssertionError.class, () -> contract.valueIsTheSumOfFiniteNonNegativeRowLosses(p));
    }
  }
}
