package dev.nn.core.init;

import dev.nn.api.Initializer;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code uniform}: weights from U(low, high) (PyTorch {@code nn.init.uniform_}), biases 0.
 *
 * <p>Settings: {@code low}, default 0, and {@code high}, default 1, finite numbers with low &lt; high.
 * The defaults are PyTorch's {@code a=0, b=1}: unit scale, all positive, which suits few networks,
 * so experiments usually set both (e.g. {@code {low: -0.05, high: 0.05}}).
 */
public final class UniformProvider implements InitializerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public UniformProvider() {}

  @Override
  public String name() {
    return "uniform";
  }

  @Override
  public String summary() {
    return "w ~ U(low, high), b = 0";
  }

  @Override
  public String settingsHelp() {
    return "low: number, default 0; high: number > low, default 1";
  }

  @Override
  public Initializer create(Settings settings) {
    double low = settings.number("low", 0, Range.any());
    double high = settings.number("high", 1, Range.any());
    if (!(high > low)) {
      throw new ConfigException(
          ConfigProblem.of(
              ProblemId.INVALID_SETTING,
              "high",
              "setting \"high\" of " + settings.plugin() + " must be > low (" + low + "), found " + high,
              "> " + low));
    }
    return new Uniform(low, high);
  }
}
