package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The hinge loss L_n = Σ_k max(0, 1 − y_k·x_k) for targets ±1, with seed 0 at the kink y·x = 1.
 * PyTorch has no module for it; J equals {@code torch.clamp(1 - y * x, min=0).sum() / B}, and K
 * times Keras's {@code Hinge} on ±1 targets.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with {@code loss: hinge}.
 * It reads no settings.
 */
public final class HingeProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HingeProvider() {}

  @Override
  public String name() {
    return "hinge";
  }

  @Override
  public String summary() {
    return "L = Σ_k max(0, 1 − y_k·x_k); seed ∂L/∂x = −y where 1 − y·x > 0, else 0; targets ±1";
  }

  @Override
  public Loss create(Settings settings) {
    return new Hinge();
  }
}
