package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code nesterov}: b ← μ·b + g, w ← w − η·(g + μ·b) (see {@link Momentum}).
 *
 * <p>Settings (defaults as in PyTorch):
 *
 * <ul>
 *   <li>{@code momentum}: number in [0, 1), default 0.9
 * </ul>
 *
 * <p>The learning rate and its schedule are read by the core, not here.
 */
public final class NesterovProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public NesterovProvider() {}

  @Override
  public String name() {
    return "nesterov";
  }

  @Override
  public String summary() {
    return "b ← μ·b + g; w ← w − η·(g + μ·b) (PyTorch SGD with nesterov=True)";
  }

  @Override
  public String settingsHelp() {
    return "momentum: number in [0, 1), default 0.9";
  }

  @Override
  public Optimizer create(Settings settings) {
    return new Momentum(settings.number("momentum", 0.9, Range.closedOpen(0, 1)), true);
  }
}
