package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code sigmoid}: φ(z) = 1/(1 + e^(−z)), φ′ = φ(1 − φ). It reads no settings. */
public final class SigmoidProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SigmoidProvider() {}

  @Override
  public String name() {
    return "sigmoid";
  }

  @Override
  public String summary() {
    return "1 / (1 + exp(-z))";
  }

  @Override
  public Activation create(Settings settings) {
    return new Sigmoid();
  }
}
