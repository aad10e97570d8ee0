package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Provides {@code adagrad}: s ← s + g², w ← w − η·g/(√s + ε) (see {@link Adagrad}).
 *
 * <p>Settings (defaults as in PyTorch):
 *
 * <ul>
 *   <li>{@code eps}: number > 0, default 1e-10
 *   <li>{@code initial-accumulator}: number >= 0, default 0
 * </ul>
 *
 * <p>The learning rate and its schedule are read by the core, not here.
 */
public final class AdagradProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public AdagradProvider() {}

  @Override
  public String name() {
    return "adagrad";
  }

  @Override
  public String summary() {
    return "s ← s + g²; w ← w − η·g/(√s + ε) (Duchi et al. 2011)";
  }

  @Override
  public String settingsHelp() {
    return "eps: number > 0, default 1e-10; initial-accumulator: number >= 0, default 0";
  }

  @Override
  public Optimizer create(Settings settings) {
    double eps = settings.number("eps", 1e-10, Range.positive());
    double initial = settings.number("initial-accumulator", 0, Range.atLeast(0));
    return new Adagrad(eps, initial);
  }
}
