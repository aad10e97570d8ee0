package dev.nn.core.schedule;

import dev.nn.core.config.ScheduleSpec;
import java.util.Objects;

/**
 * Builds a {@link LearningRateSchedule} from the optimizer's {@code learning-rate} (η₀) and the
 * {@link ScheduleSpec} the experiment reader made of its {@code schedule}.
 *
 * <pre>{@code
 * optimizer: {name: sgd, learning-rate: 0.1, schedule: {name: step, step-size: 10, gamma: 0.5}}
 * }</pre>
 *
 * <p>The reader is the one place that checks a schedule's keys, ranges and defaults and reports them at
 * their line in the file; this factory trusts the record it is given and only picks the formula. T below
 * is the number of units elapsed before an update: update − 1 with {@code unit: updates} (the default),
 * epoch − 1 with {@code unit: epochs}, so every schedule starts at η₀.
 *
 * <table>
 *   <caption>Schedules</caption>
 *   <tr><th>name</th><th>η</th><th>settings</th></tr>
 *   <tr><td>constant</td><td>η₀</td><td>none</td></tr>
 *   <tr><td>step</td><td>η₀·γ^⌊T/s⌋</td><td>step-size s, gamma γ, unit</td></tr>
 *   <tr><td>exponential</td><td>η₀·γ^T</td><td>gamma γ, unit</td></tr>
 *   <tr><td>inverse-time</td><td>η₀/(1 + d·T)</td><td>decay d, unit</td></tr>
 *   <tr><td>cosine</td><td>η_min + ½(η₀ − η_min)(1 + cos(π·min(T, P)/P))</td><td>period P, min-rate
 *       η_min, unit</td></tr>
 *   <tr><td>plateau</td><td>η₀, then reduced by the trainer as the validation figures stall</td><td>monitor,
 *       factor, patience, min-delta, cooldown, min-rate</td></tr>
 * </table>
 */
public final class LearningRateSchedules {

  private LearningRateSchedules() {}

  /**
   * The schedule a record describes.
   *
   * @param baseRate η₀, the optimizer's {@code learning-rate}, {@code > 0} as the reader checked
   * @param spec the schedule, with the ranges its record documents, as the reader checked
   */
  public static LearningRateSchedule create(double baseRate, ScheduleSpec spec) {
    return create(baseRate, spec, 0);
  }

  /**
   * The schedule a record describes, after a linear warm-up of {@code warmup} updates ({@link WarmupSchedule});
   * 0: none.
   */
  public static LearningRateSchedule create(double baseRate, ScheduleSpec spec, long warmup) {
    LearningRateSchedule schedule = of(baseRate, spec);
    return warmup > 0 ? new WarmupSchedule(schedule, warmup) : schedule;
  }

  private static LearningRateSchedule of(double baseRate, ScheduleSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec instanceof ScheduleSpec.Constant) {
      return new ConstantSchedule(baseRate);
    }
    if (spec instanceof ScheduleSpec.Step s) {
      return new StepSchedule(baseRate, s.stepSize(), s.gamma(), s.unit());
    }
    if (spec instanceof ScheduleSpec.Exponential s) {
      return new ExponentialSchedule(baseRate, s.gamma(), s.unit());
    }
    if (spec instanceof ScheduleSpec.InverseTime s) {
      return new InverseTimeSchedule(baseRate, s.decay(), s.unit());
    }
    if (spec instanceof ScheduleSpec.Cosine s) {
      return new CosineSchedule(baseRate, s.period(), s.minRate(), s.unit());
    }
    if (spec instanceof ScheduleSpec.Plateau) {
      // η₀ until the validation figures say otherwise: the trainer applies the reductions
      // (dev.nn.core.train.ReduceOnPlateau), which depend on the run's history rather than on t
      return new ConstantSchedule(baseRate);
    }
    throw new IllegalArgumentException("no learning-rate schedule for " + spec);
  }
}
