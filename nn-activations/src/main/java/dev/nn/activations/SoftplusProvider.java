package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The built-in activation {@code softplus}: φ(z) = log(1 + e^(βz))/β, and z where βz &gt; threshold,
 * PyTorch's Softplus with {@code beta} (default 1) and {@code threshold} (default 20).
 *
 * <p>Both settings must be &gt; 0: β ≤ 0 would not be a softened relu at all, and a threshold ≤ 0
 * would switch to the linear branch where φ still differs from z by at least log(2)/β.
 */
public final class SoftplusProvider implements ActivationProvider {
  private static final String BETA = "beta";
  private static final String THRESHOLD = "threshold";
  private static final double DEFAULT_BETA = 1.0;
  private static final double DEFAULT_THRESHOLD = 20.0;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SoftplusProvider() {}

  @Override
  public String name() {
    return "softplus";
  }

  @Override
  public String summary() {
    return "log(1 + exp(beta * z)) / beta, and z where beta * z > threshold";
  }

  @Override
  public String settingsHelp() {
    return BETA + ": number > 0, default 1; " + THRESHOLD + ": number > 0, default 20";
  }

  @Override
  public Activation create(Settings settings) {
    double beta = settings.number(BETA, DEFAULT_BETA, Range.positive());
    double threshold = settings.number(THRESHOLD, DEFAULT_THRESHOLD, Range.positive());
    return new Softplus(beta, threshold);
  }
}
