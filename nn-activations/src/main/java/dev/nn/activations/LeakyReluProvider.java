package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The built-in activation {@code leaky-relu}: φ(z) = z for z &gt; 0, else slope·z, PyTorch's LeakyReLU
 * with {@code negative_slope} called {@code slope} (default 0.01). φ′(0) = slope, as in PyTorch.
 *
 * <p>Unlike PyTorch, slope must lie in [0, 1]: 0 gives relu and 1 the identity. A negative slope
 * would make φ non-monotonic and a slope above 1 would make the "leak" steeper than the line it leaks
 * from; both are far more likely to be typing mistakes than intent.
 */
public final class LeakyReluProvider implements ActivationProvider {
  private static final String SLOPE = "slope";
  private static final double DEFAULT_SLOPE = 0.01;
  private static final Range SLOPE_RANGE = Range.closed(0, 1);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public LeakyReluProvider() {}

  @Override
  public String name() {
    return "leaky-relu";
  }

  @Override
  public String summary() {
    return "z if z > 0, else slope * z; derivative slope at z = 0";
  }

  @Override
  public String settingsHelp() {
    return SLOPE + ": number " + SLOPE_RANGE.describe() + ", default " + DEFAULT_SLOPE;
  }

  @Override
  public Activation create(Settings settings) {
    return new LeakyRelu(settings.number(SLOPE, DEFAULT_SLOPE, SLOPE_RANGE));
  }
}
