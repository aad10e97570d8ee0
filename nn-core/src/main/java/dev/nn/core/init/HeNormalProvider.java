package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Settings;

/**
 * Provides {@code he-normal} (Kaiming normal): weights from N(0, σ²) with σ = √(2/fanIn),
 * fanIn = n(l−1) rows (PyTorch {@code nn.init.kaiming_normal_(mode='fan_in', nonlinearity='relu')});
 * biases 0. No settings.
 */
public final class HeNormalProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public HeNormalProvider() {}

  @Override
  public String name() {
    return "he-normal";
  }

  @Override
  public String summary() {
    return "w ~ N(0, σ²), σ = √(2/fanIn), b = 0";
  }

  @Override
  public Initializer create(Settings settings) {
    return new ScaledNormal(name(), FanRule.HE, 1);
  }
}
