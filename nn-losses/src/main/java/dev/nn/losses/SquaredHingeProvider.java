package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The squared hinge loss L_n = Σ_k max(0, 1 − y_k·x_k)² for targets ±1. PyTorch has no module for
 * it; J equals {@code torch.clamp(1 - y * x, min=0).pow(2).sum() / B}, and K times Keras's {@code
 * SquaredHinge} on ±1 targets.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: squared-hinge}. It reads no settings.
 */
public final class SquaredHingeProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SquaredHingeProvider() {}

  @Override
  public String name() {
    return "squared-hinge";
  }

  @Override
  public String summary() {
    return "L = Σ_k max(0, 1 − y_k·x_k)²; seed ∂L/∂x = −2y·max(0, 1 − y·x); targets ±1";
  }

  @Override
  public Loss create(Settings settings) {
    return new SquaredHinge();
  }
}
