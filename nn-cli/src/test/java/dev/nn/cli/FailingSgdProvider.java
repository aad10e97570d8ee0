package dev.nn.cli;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * A test plugin that fails on purpose: plain SGD that throws at update {@code fail-at-update}, or, when that
 * setting is 0, cannot even hold its state — it throws {@link OutOfMemoryError} when the trainer asks it for an
 * updater, as an optimizer whose state does not fit in memory would. Registered for the tests of this module.
 */
public final class FailingSgdProvider implements OptimizerProvider {
  /** The name experiments use. */
  static final String NAME = "failing-sgd";

  /** Set by a test to stand for a failure mended since (a disk freed, a plugin fixed): no update fails. */
  static volatile boolean mended;

  /** Creates the provider; ServiceLoader calls this. */
  public FailingSgdProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "SGD that fails on purpose at update fail-at-update, or when its state is made (0)";
  }

  @Override
  public Optimizer create(Settings settings) {
    int failAt = settings.integer("fail-at-update", 0, Range.atLeast(0));
    return size -> {
      if (failAt == 0) {
        throw new OutOfMemoryError("Java heap space");
      }
      return (params, grads, learningRate, t) -> {
        if (t == failAt && !mended) {
          throw new IllegalStateException(NAME + ": update " + t + " failed on purpose");
        }
        for (int i = 0; i < params.limit(); i++) {
          params.put(i, params.get(i) - learningRate * grads.get(i));
        }
      };
    };
  }
}
