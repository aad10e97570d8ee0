package dev.nn.tests.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract itself, on planted mistakes: each is told as the mistake it is, not as an exception's name. */
class OptimizerContractTests {

  private static OptimizerContract contract(Optimizer optimizer) {
    return new OptimizerContract() {
      @Override
      public Optimizer optimizer() {
        return optimizer;
      }

      @Override
      public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
        throw new UnsupportedOperationException("not used here");
      }
    };
  }

  /** Plain SGD whose step is scaled by what {@code wobble} says for each call. */
  private static OptimizerContract sgd(java.util.function.LongToDoubleFunction wobble) {
    AtomicLong calls = new AtomicLong();
    Optimizer optimizer = size -> (params, grads, rate, t) -> {
      double scale = wobble.applyAsDouble(calls.incrementAndGet());
      for (int i = 0; i < size; i++) {
        params.put(i, params.get(i) - rate * scale * grads.get(i));
      }
    };
    return contract(optimizer);
  }

  @Test
  void anOptimizerWhoseStepsDependOnACounterSharedBetweenUpdatersIsNotDeterministic() {
    OptimizerContract wobbly = sgd(call -> call % 7 == 0 ? 1 + 1e-12 : 1);
    AssertionFailedError e = assertThrows(AssertionFailedError.class, wobbly::theSameStepsGiveTheSameBitsEveryTime);
    assertTrue(e.getMessage().contains("the updater is not deterministic"), e.getMessage());
    assertDoesNotThrow(sgd(call -> 1)::theSameStepsGiveTheSameBitsEveryTime);
  }

  /** SGD with relative get() and put(), which read past a block that does not start at the buffer's position 0. */
  @Test
  void relativeIndexingIsToldAsSuch() {
    Optimizer relative = size -> (params, grads, rate, t) -> {
      DoubleBuffer p = params.duplicate();
      DoubleBuffer g = grads.duplicate();
      for (int i = 0; i < size; i++) {
        double w = p.get();
        p.position(p.position() - 1);
        p.put(w - rate * g.get());
      }
    };
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        contract(relative)::usesAbsoluteIndexingAndLeavesPositionAndLimitAlone);
    assertTrue(e.getMessage().startsWith("the step went past a buffer's limit (BufferUnderflowException): relative"
        + " get() and put() move the position"), e.getMessage());
  }

  /** SGD that clears the gradients after using them. */
  @Test
  void writingTheGradientsIsToldAsSuch() {
    Optimizer clearing = size -> (params, grads, rate, t) -> {
      for (int i = 0; i < size; i++) {
        params.put(i, params.get(i) - rate * grads.get(i));
        grads.put(i, 0);
      }
    };
    AssertionFailedError e = assertThrows(AssertionFailedError.class, contract(clearing)::neverWritesTheGradients);
    assertTrue(e.getMessage().startsWith("the step wrote the gradients, which it is handed read-only"),
        e.getMessage());
  }

  /**
   * A correct rule whose test groups its product otherwise, η·(s·g) against the optimizer's (η·s)·g, where a
   * parameter's first step cancels it to 0 (w[3] = 1 − 0.1·(10/1.2)·1.2): the two differ by 2⁻⁵², which a tolerance
   * relative to the result (0) refused; the kit takes it, and still refuses s off by one part in 10⁹.
   */
  @Test
  void aParameterThatCancelsToNearZeroIsAllowedTheRoundingOfWhatItsStepSubtracted() {
    double scale = 10 / 1.2;
    java.util.function.DoubleFunction<OptimizerContract> scaledSgd = s -> new OptimizerContract() {
      @Override
      public Optimizer optimizer() {
        return size -> (params, grads, rate, t) -> {
          for (int i = 0; i < size; i++) {
            params.put(i, params.get(i) - rate * s * grads.get(i));
          }
        };
      }

      @Override
      public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
        double[] w = w0.clone();
        for (int t = 0; t < grads.length; t++) {
          for (int i = 0; i < w.length; i++) {
            w[i] -= rates[t] * (scale * grads[t][i]);
          }
        }
        return w;
      }
    };
    assertDoesNotThrow(() -> scaledSgd.apply(scale).firstThreeStepsMatchThePublishedRule(dev.nn.tck.Precision.FLOAT64));
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> scaledSgd.apply(scale * (1 + 1e-9)).firstThreeStepsMatchThePublishedRule(dev.nn.tck.Precision.FLOAT64));
    assertTrue(e.getMessage().startsWith("after step 1 in float64, w[0] = "), e.getMessage());
  }

  /** A momentum-free rule scaled by a step count the updater keeps itself: exportState leaves the count out. */
  @Test
  void aStepCountOfItsOwnIsHintedAtWhenAnImportedRunParts() {
    Optimizer counting = size -> new Optimizer.Updater() {
      private long steps;

      @Override
      public void step(DoubleBuffer params, DoubleBuffer grads, double rate, long t) {
        steps++;
        for (int i = 0; i < size; i++) {
          params.put(i, params.get(i) - rate / Math.sqrt(steps) * grads.get(i));
        }
      }
    };
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        contract(counting)::exportedStateContinuesARunBitForBit);
    assertTrue(e.getMessage().contains("a step count of its own instead of the t each step is given"),
        e.getMessage());
  }
}
