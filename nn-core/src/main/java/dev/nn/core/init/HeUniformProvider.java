package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Settings;

/**
 * Provides {@code he-uniform} (Kaiming uniform): weights from U(−a, a) with a = √(6/fanIn),
 * fanIn = n(l−1) rows (PyTorch {@code nn.init.kaiming_uniform_(mode='fan_in', nonlinearity='relu')});
 * biases 0. No settings.
 */
public final class HeUniformProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public HeUniformProvider() {}

  @Override
  public String name() {
    return "he-uniform";
  }

  @Override
  public String summary() {
    return "w ~ U(−a, a), a = √(6/fanIn), b = 0";
  }

  @Override
  public Initializer create(Settings settings) {
    return new ScaledUniform(name(), FanRule.HE, 1);
  }
}
