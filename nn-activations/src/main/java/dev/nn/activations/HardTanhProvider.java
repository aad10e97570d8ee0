package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The built-in activation {@code hard-tanh}: clip(z, min, max), PyTorch's Hardtanh with
 * {@code min_val}/{@code max_val} called {@code min} (default −1) and {@code max} (default 1), which
 * must satisfy min &lt; max. φ′ = 0 at both kinks, as in PyTorch.
 */
public final class HardTanhProvider implements ActivationProvider {
  private static final String MIN = "min";
  private static final String MAX = "max";
  private static final double DEFAULT_MIN = -1.0;
  private static final double DEFAULT_MAX = 1.0;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HardTanhProvider() {}

  @Override
  public String name() {
    return "hard-tanh";
  }

  @Override
  public String summary() {
    return "clip(z, min, max); derivative 0 at z = min and z = max";
  }

  @Override
  public String settingsHelp() {
    return MIN + ": number, default -1; " + MAX + ": number > min, default 1";
  }

  @Override
  public Activation create(Settings settings) {
    double min = settings.number(MIN, DEFAULT_MIN, Range.any());
    double max = settings.number(MAX, DEFAULT_MAX, Range.any());
    if (!(min < max)) {
      throw new ConfigException(orderProblem(settings, min, max));
    }
    return new HardTanh(min, max);
  }

  /** Blames whichever of the two the experiment wrote, max if it wrote both. */
  private static ConfigProblem orderProblem(Settings settings, double min, double max) {
    String plugin = settings.plugin();
    if (settings.has(MAX)) {
      return ConfigProblem.of(
          ProblemId.INVALID_SETTING,
          MAX,
          "setting \"" + MAX + "\" of " + plugin + " must be greater than min = " + fmt(min) + ", found " + fmt(max),
          "> " + fmt(min));
    }
    return ConfigProblem.of(
        ProblemId.INVALID_SETTING,
        MIN,
        "setting \"" + MIN + "\" of " + plugin + " must be less than max = " + fmt(max) + ", found " + fmt(min),
        "< " + fmt(max));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
