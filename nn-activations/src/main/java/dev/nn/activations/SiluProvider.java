package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code silu}: φ(z) = z·σ(z), PyTorch's SiLU. It reads no settings. */
public final class SiluProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SiluProvider() {}

  @Override
  public String name() {
    return "silu";
  }

  @Override
  public String summary() {
    return "z * sigmoid(z) = z / (1 + exp(-z))";
  }

  @Override
  public Activation create(Settings settings) {
    return new Silu();
  }
}
