package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Settings;

/**
 * Provides {@code lecun-normal}: weights from N(0, σ²) with σ = √(1/fanIn), fanIn = n(l−1) rows
 * (PyTorch {@code nn.init.kaiming_normal_(mode='fan_in', nonlinearity='linear')}); not truncated, unlike
 * Keras; biases 0. No settings.
 */
public final class LecunNormalProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public LecunNormalProvider() {}

  @Override
  public String name() {
    return "lecun-normal";
  }

  @Override
  public String summary() {
    return "w ~ N(0, σ²), σ = √(1/fanIn), b = 0";
  }

  @Override
  public Initializer create(Settings settings) {
    return new ScaledNormal(name(), FanRule.LECUN, 1);
  }
}
