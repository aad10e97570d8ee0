package dev.nn.tests.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.tck.OptimizerContract;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract itself, on planted mistakes: an optimizer that is not deterministic is told so by name. */
class OptimizerContractTests {

  /** Plain SGD whose step is scaled by what {@code wobble} says for each call. */
  private static OptimizerContract sgd(java.util.function.LongToDoubleFunction wobble) {
    AtomicLong calls = new AtomicLong();
    Optimizer optimizer = size -> (params, grads, rate, t) -> {
      double scale = wobble.applyAsDouble(calls.incrementAndGet());
      for (int i = 0; i < size; i++) {
        params.put(i, params.get(i) - rate * scale * grads.get(i));
      }
    };
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

  @Test
  void anOptimizerWhoseStepsDependOnACounterSharedBetweenUpdatersIsNotDeterministic() {
    OptimizerContract wobbly = sgd(call -> call % 7 == 0 ? 1 + 1e-12 : 1);
    AssertionFailedError e = assertThrows(AssertionFailedError.class, wobbly::theSameStepsGiveTheSameBitsEveryTime);
    assertTrue(e.getMessage().contains("the updater is not deterministic"), e.getMessage());
    assertDoesNotThrow(sgd(call -> 1)::theSameStepsGiveTheSameBitsEveryTime);
  }
}
