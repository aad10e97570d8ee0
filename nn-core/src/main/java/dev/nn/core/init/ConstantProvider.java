package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code constant}: every weight equal to {@code value} (PyTorch {@code nn.init.constant_}),
 * biases 0.
 *
 * <p>Settings: {@code value}, any finite number, default 0.
 */
public final class ConstantProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public ConstantProvider() {}

  @Override
  public String name() {
    return "constant";
  }

  @Override
  public String summary() {
    return "W(l) = value, b(l) = 0";
  }

  @Override
  public String settingsHelp() {
    return "value: number, default 0";
  }

  @Override
  public Initializer create(Settings settings) {
    return new Constant(settings.number("value", 0, Range.any()));
  }
}
