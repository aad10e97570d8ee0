package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The half squared loss L_n = ½·Σ_k (y_k − x_k)², whose seed x − y has no factor 2. Relative to
 * PyTorch: J = {@code MSELoss(reduction='sum')} / (2B).
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: half-squared}. It reads no settings.
 */
public final class HalfSquaredProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HalfSquaredProvider() {}

  @Override
  public String name() {
    return "half-squared";
  }

  @Override
  public String summary() {
    return "L = ½·Σ_k (y_k − x_k)²; seed ∂L/∂x = x − y; real targets";
  }

  @Override
  public Loss create(Settings settings) {
    return new HalfSquared();
  }
}
