package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The mean squared error L_n = (1/K)·Σ_k (y_k − x_k)² over the K output nodes, so that J is the
 * mean over all B·K elements: exactly PyTorch's {@code MSELoss()} with its default mean reduction.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: mean-squared}. It reads no settings.
 */
public final class MeanSquaredProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public MeanSquaredProvider() {}

  @Override
  public String name() {
    return "mean-squared";
  }

  @Override
  public String summary() {
    return "L = (1/K)·Σ_k (y_k − x_k)² over K outputs; seed ∂L/∂x = (2/K)(x − y); real targets";
  }

  @Override
  public Loss create(Settings settings) {
    return new MeanSquared();
  }
}
