package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code xavier-normal} (Glorot normal): weights from N(0, σ²) with
 * σ = gain·√(2/(fanIn + fanOut)), fanIn = n(l−1) rows, fanOut = n(l) columns (PyTorch
 * {@code nn.init.xavier_normal_}); biases 0.
 *
 * <p>Settings: {@code gain}, &gt; 0, default 1.
 */
public final class XavierNormalProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public XavierNormalProvider() {}

  @Override
  public String name() {
    return "xavier-normal";
  }

  @Override
  public String summary() {
    return "w ~ N(0, σ²), σ = gain·√(2/(fanIn + fanOut)), b = 0";
  }

  @Override
  public String settingsHelp() {
    return "gain: number > 0, default 1";
  }

  @Override
  public Initializer create(Settings settings) {
    return new ScaledNormal(name(), FanRule.XAVIER, settings.number("gain", 1, Range.positive()));
  }
}
