package dev.nn.tests.losses;

import dev.nn.api.Loss;
import dev.nn.losses.HuberProvider;
import dev.nn.spi.Settings;
import java.util.Map;

/**
 * The contract for huber with delta 0.3, so that tanh and sigmoid outputs reach both the quadratic
 * and the linear part and the kinks at y ± 0.3.
 */
class HuberWithSmallDeltaTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return new HuberProvider().create(Settings.of("loss \"huber\"", Map.of("delta", 0.3)));
  }
}
