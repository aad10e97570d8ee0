package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code normal}: weights from N(mean, std²) (PyTorch {@code nn.init.normal_}), biases 0.
 *
 * <p>Settings: {@code mean}, any finite number, default 0; {@code std}, &gt; 0, default 1 (PyTorch's
 * defaults: unit scale, so experiments usually set a small {@code std} such as 0.01).
 */
public final class NormalProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public NormalProvider() {}

  @Override
  public String name() {
    return "normal";
  }

  @Override
  public String summary() {
    return "w ~ N(mean, std²), b = 0";
  }

  @Override
  public String settingsHelp() {
    return "mean: number, default 0; std: number > 0, default 1";
  }

  @Override
  public Initializer create(Settings settings) {
    double mean = settings.number("mean", 0, Range.any());
    double std = settings.number("std", 1, Range.positive());
    return new Normal(mean, std);
  }
}
