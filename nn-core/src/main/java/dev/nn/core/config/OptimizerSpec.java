package dev.nn.core.config;

import java.util.Objects;

/**
 * The {@code optimizer} section: the plugin with its own settings, and the core's learning rate and
 * schedule, which the optimizer receives as η(t) at every update.
 *
 * @param optimizer the optimizer plugin; its settings exclude {@code name}, {@code learning-rate},
 *     {@code schedule}, {@code clip-norm} and {@code warmup}
 * @param learningRate η, {@code > 0}: the rate at t = 0, which the schedule scales
 * @param schedule how η changes with t
 * @param clipNorm the largest Euclidean norm of the loss's gradient an update uses, {@code > 0}; 0 clips nothing
 * @param warmup the updates over which η climbs linearly to the schedule's rate, {@code >= 1}; 0 for none
 */
public record OptimizerSpec(PluginRef optimizer, double learningRate, ScheduleSpec schedule, double clipNorm,
    long warmup) {

  /** Checks for {@code null}. */
  public OptimizerSpec {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clip-norm must be a finite number > 0, or 0 for none, found " + clipNorm);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be at least 1 update, or 0 for none, found " + warmup);
    }
  }
}
