package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Settings;

/**
 * Provides {@code sgd}: w ← w − η·g (see {@link Sgd}).
 *
 * <p>Settings: none. The learning rate and its schedule are read by the core, not here.
 */
public final class SgdProvider implements OptimizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public SgdProvider() {}

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public String summary() {
    return "w ← w − η·g (the lecture's SGD step)";
  }

  @Override
  public Optimizer create(Settings settings) {
    return new Sgd();
  }
}
