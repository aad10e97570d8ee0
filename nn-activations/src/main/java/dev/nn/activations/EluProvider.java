package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The built-in activation {@code elu} (Clevert et al., 2015): φ(z) = z for z &gt; 0, else α(e^z − 1),
 * PyTorch's ELU with {@code alpha} (default 1.0). φ′(0) = α, as in PyTorch.
 *
 * <p>alpha must be ≥ 0 (the paper asks α &gt; 0; 0 gives relu). A negative α would turn the negative
 * saturation upside down.
 */
public final class EluProvider implements ActivationProvider {
  private static final String ALPHA = "alpha";
  private static final double DEFAULT_ALPHA = 1.0;
  private static final Range ALPHA_RANGE = Range.atLeast(0);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public EluProvider() {}

  @Override
  public String name() {
    return "elu";
  }

  @Override
  public String summary() {
    return "z if z > 0, else alpha * (exp(z) - 1); derivative alpha at z = 0";
  }

  @Override
  public String settingsHelp() {
    return ALPHA + ": number " + ALPHA_RANGE.describe() + ", default " + DEFAULT_ALPHA;
  }

  @Override
  public Activation create(Settings settings) {
    return new Elu(settings.number(ALPHA, DEFAULT_ALPHA, ALPHA_RANGE));
  }
}
