package dev.nn.core.train;

import dev.nn.core.network.GradientSink;
import dev.nn.core.network.SgdStep;

/**
 * Plain SGD with L2 applied inside the backward pass, layer by layer ({@link SgdStep}): nothing is left to do
 * after it. Chosen only for the built-in sgd on a dense network, which keeps no state.
 */
final class FusedSgdUpdate implements ParameterUpdate {
  private final SgdStep step;
  private final double l2;

  FusedSgdUpdate(SgdStep step, double l2) {
    this.step = step;
    this.l2 = l2;
  }

  @Override
  public GradientSink gradients(double rate) {
    return step.with(rate, l2);
  }

  @Override
  public void complete(double rate, long t) {
    // the backward pass has already stepped every parameter
  }
}
