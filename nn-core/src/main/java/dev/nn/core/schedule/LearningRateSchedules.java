package dev.nn.core.schedule;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;
import java.util.List;

/**
 * Builds a {@link LearningRateSchedule} from the optimizer's {@code learning-rate} (η₀) and its
 * {@code schedule} mapping.
 *
 * <pre>{@code
 * optimizer: {name: sgd, learning-rate: 0.1, schedule: {name: step, step-size: 10, gamma: 0.5}}
 * }</pre>
 *
 * <p>T below is the number of units elapsed before an update: update − 1 with {@code unit: updates} (the
 * default, as in an experiment file), epoch − 1 with {@code unit: epochs}, so every schedule starts at η₀.
 *
 * <table>
 *   <caption>Schedules</caption>
 *   <tr><th>name</th><th>η</th><th>settings</th></tr>
 *   <tr><td>constant</td><td>η₀</td><td>none</td></tr>
 *   <tr><td>step</td><td>η₀·γ^⌊T/s⌋</td><td>step-size s (integer &gt;= 1, required), gamma γ
 *       (in (0, 1], default 0.1), unit</td></tr>
 *   <tr><td>exponential</td><td>η₀·γ^T</td><td>gamma γ (in (0, 1], required), unit</td></tr>
 *   <tr><td>inverse-time</td><td>η₀/(1 + d·T)</td><td>decay d (&gt; 0, required), unit</td></tr>
 *   <tr><td>cosine</td><td>η_min + ½(η₀ − η_min)(1 + cos(π·min(T, P)/P))</td><td>period P (integer
 *       &gt;= 1, required), min-rate η_min (in [0, η₀], default 0), unit</td></tr>
 * </table>
 */
public final class LearningRateSchedules {

  private static final List<String> NAMES = List.of("constant", "step", "exponential", "inverse-time", "cosine");

  /** A decay factor γ: in (0, 1]; 1 keeps the rate constant. */
  private static final Range FACTOR = new Range(0, false, 1, true);

  private LearningRateSchedules() {}

  /** The schedule names, in the order listings show them. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Builds the schedule named by the {@code name} setting (default {@code constant}).
   *
   * @param baseRate η₀, the optimizer's {@code learning-rate}; finite and {@code > 0}
   * @param settings the {@code schedule} mapping, including its {@code name}
   * @throws ConfigException naming the setting, what was found and what is allowed, when the base rate
   *     or a setting is invalid or a required setting is missing
   */
  public static LearningRateSchedule create(double baseRate, Settings settings) {
    if (!Range.positive().contains(baseRate)) {
      throw new ConfigException(
          ConfigProblem.of(
              ProblemId.INVALID_SETTING,
              "learning-rate",
              "setting \"learning-rate\" must be > 0, found " + baseRate,
              Range.positive().describe()));
    }
    String name = settings.choice("name", "constant", NAMES.toArray(new String[0]));
    switch (name) {
      case "constant":
        return new ConstantSchedule(baseRate);
      case "step":
        return new StepSchedule(
            baseRate,
            requiredInteger(settings, "step-size", Range.atLeast(1)),
            settings.number("gamma", 0.1, FACTOR),
            ScheduleUnit.read(settings));
      case "exponential":
        return new ExponentialSchedule(
            baseRate, requiredNumber(settings, "gamma", FACTOR), ScheduleUnit.read(settings));
      case "inverse-time":
        return new InverseTimeSchedule(
            baseRate, requiredNumber(settings, "decay", Range.positive()), ScheduleUnit.read(settings));
      case "cosine":
        return new CosineSchedule(
            baseRate,
            requiredInteger(settings, "period", Range.atLeast(1)),
            settings.number("min-rate", 0, Range.closed(0, baseRate)),
            ScheduleUnit.read(settings));
      default:
        throw new AssertionError(name);
    }
  }

  private static double requiredNumber(Settings settings, String key, Range allowed) {
    double value = settings.number(key, Double.NaN, allowed);
    if (Double.isNaN(value)) {
      throw missing(settings, key, allowed.describe());
    }
    return value;
  }

  private static int requiredInteger(Settings settings, String key, Range allowed) {
    int value = settings.integer(key, Integer.MIN_VALUE, allowed);
    if (value == Integer.MIN_VALUE) {
      throw missing(settings, key, "an integer " + allowed.describe());
    }
    return value;
  }

  private static ConfigException missing(Settings settings, String key, String allowed) {
    return new ConfigException(
        ConfigProblem.of(
            ProblemId.MISSING_SETTING, key, "setting \"" + key + "\" of " + settings.plugin() + " is required", allowed));
  }
}
