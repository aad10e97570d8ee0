package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Settings;

/**
 * Provides {@code zeros}: every weight and bias 0 (PyTorch {@code nn.init.zeros_}). No settings.
 */
public final class ZerosProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public ZerosProvider() {}

  @Override
  public String name() {
    return "zeros";
  }

  @Override
  public String summary() {
    return "W(l) = 0, b(l) = 0";
  }

  @Override
  public Initializer create(Settings settings) {
    return new Constant(0.0);
  }
}
