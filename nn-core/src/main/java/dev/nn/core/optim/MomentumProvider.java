package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code momentum}: b ← μ·b + g, w ← w − η·b (see {@link Momentum}).
 *
 * <p>Settings (defaults as in PyTorch):
 *
 * <ul>
 *   <li>{@code momentum}: number in [0, 1), default 0.9
 * </ul>
 *
 * <p>The learning rate and its schedule are read by the core, not here.
 */
public final class MomentumProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public MomentumProvider() {}

  @Override
  public String name() {
    return "momentum";
  }

  @Override
  public String summary() {
    return "b ← μ·b + g; w ← w − η·b (PyTorch SGD with momentum)";
  }

  @Override
  public String settingsHelp() {
    return "momentum: number in [0, 1), default 0.9";
  }

  @Override
  public Optimizer create(Settings settings) {
    return new Momentum(settings.number("momentum", 0.9, Range.closedOpen(0, 1)), false);
  }
}
