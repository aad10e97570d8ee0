package dev.nn.core.optim;

import dev.nn.api.Optimizer;

/**
 * Recognises the core's own {@code sgd}, whose every step is exactly the lecture's w ← w − η·g with no state,
 * so that the trainer may fuse that step into the backward pass (see {@code dev.nn.core.network.SgdStep}).
 *
 * <p>Why by class: the fused step is a speed choice of the core, not a promise the public
 * {@link Optimizer} SPI asks plugins to make. A third-party optimizer, even one with the same rule, takes
 * the general path — backward, L2, then its updater — which gives the same result up to rounding.
 */
public final class PlainSgd {
  private PlainSgd() {}

  /** Whether {@code optimizer} is the built-in {@code sgd}. */
  public static boolean is(Optimizer optimizer) {
    return optimizer != null && optimizer.getClass() == Sgd.class;
  }
}
