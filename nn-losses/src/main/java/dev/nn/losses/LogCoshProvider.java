package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The log-cosh loss L_n = Σ_k log(cosh(x_k − y_k)), seeded with tanh(x − y) and computed without
 * overflow for any residual. PyTorch has no module for it; J equals {@code torch.log(torch.cosh(x
 * - y)).sum() / B} where that does not overflow, and K times Keras's {@code LogCosh}.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: log-cosh}. It reads no settings.
 */
public final class LogCoshProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public LogCoshProvider() {}

  @Override
  public String name() {
    return "log-cosh";
  }

  @Override
  public String summary() {
    return "L = Σ_k log(cosh(x_k − y_k)); seed ∂L/∂x = tanh(x − y); real targets";
  }

  @Override
  public Loss create(Settings settings) {
    return new LogCosh();
  }
}
