package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/**
 * The built-in activation {@code gelu}: PyTorch's GELU. By default the exact form z·Φ(z) =
 * z(1 + erf(z/√2))/2; with {@code approximate: tanh}, PyTorch's tanh approximation
 * z(1 + tanh(√(2/π)(z + 0.044715z³)))/2.
 */
public final class GeluProvider implements ActivationProvider {
  private static final String APPROXIMATE = "approximate";
  private static final String NONE = "none";
  private static final String TANH = "tanh";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public GeluProvider() {}

  @Override
  public String name() {
    return "gelu";
  }

  @Override
  public String summary() {
    return "z * (1 + erf(z / sqrt(2))) / 2; approximate: tanh uses z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))) / 2";
  }

  @Override
  public String settingsHelp() {
    return APPROXIMATE + ": " + NONE + " or " + TANH + ", default " + NONE;
  }

  @Override
  public Activation create(Settings settings) {
    String approximate = settings.choice(APPROXIMATE, NONE, NONE, TANH);
    return TANH.equals(approximate) ? new GeluTanh() : new Gelu();
  }
}
