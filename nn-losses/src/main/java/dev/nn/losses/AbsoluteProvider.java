package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * The absolute error L_n = Σ_k |y_k − x_k|, with seed sign(x − y) and sign(0) = 0 at the kink, as
 * PyTorch. Relative to PyTorch: J = {@code L1Loss(reduction='sum')} / B, i.e. K times {@code
 * L1Loss()} for K outputs.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: absolute}. It reads no settings.
 */
public final class AbsoluteProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public AbsoluteProvider() {}

  @Override
  public String name() {
    return "absolute";
  }

  @Override
  public String summary() {
    return "L = Σ_k |y_k − x_k|; seed ∂L/∂x = sign(x − y), 0 at x = y; real targets";
  }

  @Override
  public Loss create(Settings settings) {
    return new Absolute();
  }
}
