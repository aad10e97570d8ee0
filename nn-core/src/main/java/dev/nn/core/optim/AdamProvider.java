package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code adam} (see {@link Adam}).
 *
 * <p>Settings (defaults as in PyTorch):
 *
 * <ul>
 *   <li>{@code beta1}: number in [0, 1), default 0.9
 *   <li>{@code beta2}: number in [0, 1), default 0.999
 *   <li>{@code eps}: number > 0, default 1e-8
 * </ul>
 *
 * <p>The learning rate and its schedule are read by the core, not here.
 */
public final class AdamProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public AdamProvider() {}

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public String summary() {
    return "bias-corrected moments m̂, v̂; w ← w − η·m̂/(√v̂ + ε) (Kingma and Ba 2015)";
  }

  @Override
  public String settingsHelp() {
    return "beta1: number in [0, 1), default 0.9; "
        + "beta2: number in [0, 1), default 0.999; "
        + "eps: number > 0, default 1e-8";
  }

  @Override
  public Optimizer create(Settings settings) {
    double beta1 = settings.number("beta1", 0.9, Range.closedOpen(0, 1));
    double beta2 = settings.number("beta2", 0.999, Range.closedOpen(0, 1));
    double eps = settings.number("eps", 1e-8, Range.positive());
    return new Adam(name(), beta1, beta2, eps, 0);
  }
}
