package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code tanh}: φ(z) = tanh z, φ′ = 1 − φ². It reads no settings. */
public final class TanhProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public TanhProvider() {}

  @Override
  public String name() {
    return "tanh";
  }

  @Override
  public String summary() {
    return "tanh(z)";
  }

  @Override
  public Activation create(Settings settings) {
    return new Tanh();
  }
}
