package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code identity}: φ(z) = z. It reads no settings. */
public final class IdentityProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public IdentityProvider() {}

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public String summary() {
    return "z";
  }

  @Override
  public Activation create(Settings settings) {
    return new Identity();
  }
}
