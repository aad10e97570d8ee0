package dev.nn.core.config;

import java.util.Objects;

/**
 * The {@code optimizer} section: the plugin with its own settings, and the core's learning rate and
 * schedule, which the optimizer receives as η(t) at every update.
 *
 * @param optimizer the optimizer plugin; its settings exclude {@code name}, {@code learning-rate} and
 *     {@code schedule}
 * @param learningRate η, {@code > 0}: the rate at t = 0, which the schedule scales
 * @param schedule how η changes with t
 */
public record OptimizerSpec(PluginRef optimizer, double learningRate, ScheduleSpec schedule) {

  /** Checks for {@code null}. */
  public OptimizerSpec {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
  }
}
