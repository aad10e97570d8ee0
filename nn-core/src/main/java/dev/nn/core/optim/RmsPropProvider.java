package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code rmsprop}: v ← α·v + (1 − α)·g², w ← w − η·g/(√v + ε) (see {@link RmsProp}).
 *
 * <p>Settings (defaults as in PyTorch):
 *
 * <ul>
 *   <li>{@code alpha}: number in [0, 1), default 0.99
 *   <li>{@code eps}: number > 0, default 1e-8
 * </ul>
 *
 * <p>The learning rate and its schedule are read by the core, not here.
 */
public final class RmsPropProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public RmsPropProvider() {}

  @Override
  public String name() {
    return "rmsprop";
  }

  @Override
  public String summary() {
    return "v ← α·v + (1 − α)·g²; w ← w − η·g/(√v + ε) (Tieleman and Hinton 2012)";
  }

  @Override
  public String settingsHelp() {
    return "alpha: number in [0, 1), default 0.99; eps: number > 0, default 1e-8";
  }

  @Override
  public Optimizer create(Settings settings) {
    double alpha = settings.number("alpha", 0.99, Range.closedOpen(0, 1));
    double eps = settings.number("eps", 1e-8, Range.positive());
    return new RmsProp(alpha, eps);
  }
}
