package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code xavier-uniform} (Glorot uniform): weights from U(−a, a) with
 * a = gain·√(6/(fanIn + fanOut)), fanIn = n(l−1) rows, fanOut = n(l) columns (PyTorch
 * {@code nn.init.xavier_uniform_}); biases 0.
 *
 * <p>Settings: {@code gain}, &gt; 0, default 1.
 */
public final class XavierUniformProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public XavierUniformProvider() {}

  @Override
  public String name() {
    return "xavier-uniform";
  }

  @Override
  public String summary() {
    return "w ~ U(−a, a), a = gain·√(6/(fanIn + fanOut)), b = 0";
  }

  @Override
  public String settingsHelp() {
    return "gain: number > 0, default 1";
  }

  @Override
  public Initializer create(Settings settings) {
    return new ScaledUniform(name(), FanRule.XAVIER, settings.number("gain", 1, Range.positive()));
  }
}
