package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code relu}: φ(z) = max(0, z), with φ′(0) = 0 as in PyTorch. It reads no settings. */
public final class ReluProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public ReluProvider() {}

  @Override
  public String name() {
    return "relu";
  }

  @Override
  public String summary() {
    return "max(0, z); derivative 0 at z = 0";
  }

  @Override
  public Activation create(Settings settings) {
    return new Relu();
  }
}
