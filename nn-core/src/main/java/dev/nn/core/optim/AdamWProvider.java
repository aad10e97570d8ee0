package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code adamw}: decoupled weight decay w ← w − η·λ·w before each Adam step (see {@link Adam}).
 *
 * <p>Settings (defaults as in PyTorch):
 *
 * <ul>
 *   <li>{@code beta1}: number in [0, 1), default 0.9
 *   <li>{@code beta2}: number in [0, 1), default 0.999
 *   <li>{@code eps}: number > 0, default 1e-8
 *   <li>{@code weight-decay}: number >= 0, default 0.01
 * </ul>
 *
 * <p>The learning rate and its schedule are read by the core, not here.
 */
public final class AdamWProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public AdamWProvider() {}

  @Override
  public String name() {
    return "adamw";
  }

  @Override
  public String summary() {
    return "w ← w − η·λ·w, then the Adam step (Loshchilov and Hutter 2019)";
  }

  @Override
  public String settingsHelp() {
    return "beta1: number in [0, 1), default 0.9; "
        + "beta2: number in [0, 1), default 0.999; "
        + "eps: number > 0, default 1e-8; "
        + "weight-decay: number >= 0, default 0.01";
  }

  @Override
  public Optimizer create(Settings settings) {
    double beta1 = settings.number("beta1", 0.9, Range.closedOpen(0, 1));
    double beta2 = settings.number("beta2", 0.999, Range.closedOpen(0, 1));
    double eps = settings.number("eps", 1e-8, Range.positive());
    double weightDecay = settings.number("weight-decay", 0.01, Range.atLeast(0));
    return new Adam(name(), beta1, beta2, eps, weightDecay);
  }
}
