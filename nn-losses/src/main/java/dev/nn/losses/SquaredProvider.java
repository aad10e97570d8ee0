package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The lecture's squared loss L_n = Σ_k (y_k − x_k)², seeding δ(L+1) = −2(y − x) ⊙ φ′(z). Relative
 * to PyTorch: J = {@code MSELoss(reduction='sum')} / B, i.e. K times {@code MSELoss()} for K
 * outputs.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: squared}. It reads no settings.
 */
public final class SquaredProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SquaredProvider() {}

  @Override
  public String name() {
    return "squared";
  }

  @Override
  public String summary() {
    return "L = Σ_k (y_k − x_k)², the lecture's loss; seed ∂L/∂x = −2(y − x); real targets";
  }

  @Override
  public Loss create(Settings settings) {
    return new Squared();
  }
}
