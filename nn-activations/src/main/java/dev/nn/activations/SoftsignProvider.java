package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code softsign}: φ(z) = z/(1 + |z|), φ′ = 1/(1 + |z|)². It reads no settings. */
public final class SoftsignProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SoftsignProvider() {}

  @Override
  public String name() {
    return "softsign";
  }

  @Override
  public String summary() {
    return "z / (1 + |z|)";
  }

  @Override
  public Activation create(Settings settings) {
    return new Softsign();
  }
}
