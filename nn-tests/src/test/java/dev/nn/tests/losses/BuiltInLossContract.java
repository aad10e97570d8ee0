package dev.nn.tests.losses;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.LossContract;
import java.util.Map;

/** The loss contract for a built-in, with the lecture's sigmoid added to the output activations. */
interface BuiltInLossContract extends LossContract {

  @Override
  default Map<String, Activation> outputActivations() {
    return TestActivations.all();
  }

  /** The loss made by {@code provider} with no settings, as an experiment writing only its name gets. */
  static Loss create(LossProvider provider) {
    return provider.create(Settings.empty("loss \"" + provider.name() + "\""));
  }
}
