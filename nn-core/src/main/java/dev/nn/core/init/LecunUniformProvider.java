package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Settings;

/**
 * Provides {@code lecun-uniform}: weights from U(−a, a) with a = √(3/fanIn), fanIn = n(l−1) rows
 * (PyTorch {@code nn.init.kaiming_uniform_(mode='fan_in', nonlinearity='linear')}); biases 0. No
 * settings.
 */
public final class LecunUniformProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public LecunUniformProvider() {}

  @Override
  public String name() {
    return "lecun-uniform";
  }

  @Override
  public String summary() {
    return "w ~ U(−a, a), a = √(3/fanIn), b = 0";
  }

  @Override
  public Initializer create(Settings settings) {
    return new ScaledUniform(name(), FanRule.LECUN, 1);
  }
}
