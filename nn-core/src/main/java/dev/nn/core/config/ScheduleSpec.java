package dev.nn.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A learning-rate schedule η(t) as written in {@code optimizer.schedule}, checked by the experiment
 * reader: its keys, ranges and defaults are checked there, once, with the line of the file, and the
 * schedule factory ({@code dev.nn.core.schedule.LearningRateSchedules}) takes this record as it is. The
 * ranges below are that check's promise, not re-checked by the constructors. The formulas live with the
 * schedules themselves and are documented in {@code docs/optimizers.md}.
 */
public sealed interface ScheduleSpec {

  /** The schedule names an experiment may write, in the order listings show them. */
  static List<String> names() {
    return List.of("constant", "step", "exponential", "inverse-time", "cosine", "plateau");
  }

  /** The word written after {@code name:}, e.g. {@code inverse-time}. */
  String name();

  /** The schedule as the mapping an experiment writes: {@code name} and every setting, defaults filled in. */
  default java.util.Map<String, Object> asMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("name", name());
    if (this instanceof Step) {
      Step x = (Step) this;
      m.put("step-size", x.stepSize());
      m.put("gamma", x.gamma());
      m.put("unit", x.unit().yamlName());
    } else if (this instanceof Exponential) {
      Exponential x = (Exponential) this;
      m.put("gamma", x.gamma());
      m.put("unit", x.unit().yamlName());
    } else if (this instanceof InverseTime) {
      InverseTime x = (InverseTime) this;
      m.put("decay", x.decay());
      m.put("unit", x.unit().yamlName());
    } else if (this instanceof Cosine) {
      Cosine x = (Cosine) this;
      m.put("period", x.period());
      m.put("min-rate", x.minRate());
      m.put("unit", x.unit().yamlName());
    } else if (this instanceof Plateau x) {
      m.put("monitor", x.monitor().yamlName());
      m.put("factor", x.factor());
      m.put("patience", x.patience());
      m.put("min-delta", x.minDelta());
      m.put("cooldown", x.cooldown());
      m.put("min-rate", x.minRate());
    }
    return m;
  }

  /** η(t) = η. */
  record Constant() implements ScheduleSpec {
    @Override
    public String name() {
      return "constant";
    }
  }

  /**
   * η multiplied by {@code gamma} every {@code stepSize} units of t.
   *
   * @param stepSize {@code >= 1}
   * @param gamma in (0, 1]
   * @param unit what t counts
   */
  record Step(int stepSize, double gamma, ScheduleUnit unit) implements ScheduleSpec {

    /** Checks for {@code null}. */
    public Step {
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String name() {
      return "step";
    }
  }

  /**
   * η multiplied by {@code gamma} every unit of t.
   *
   * @param gamma in (0, 1]
   * @param unit what t counts
   */
  record Exponential(double gamma, ScheduleUnit unit) implements ScheduleSpec {

    /** Checks for {@code null}. */
    public Exponential {
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String name() {
      return "exponential";
    }
  }

  /**
   * η divided by (1 + decay·t).
   *
   * @param decay {@code > 0}
   * @param unit what t counts
   */
  record InverseTime(double decay, ScheduleUnit unit) implements ScheduleSpec {

    /** Checks for {@code null}. */
    public InverseTime {
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String name() {
      return "inverse-time";
    }
  }

  /**
   * Cosine annealing from η down to {@code minRate} over {@code period} units of t.
   *
   * @param period {@code >= 1}
   * @param minRate {@code >= 0} and at most the learning rate
   * @param unit what t counts
   */
  record Cosine(int period, double minRate, ScheduleUnit unit) implements ScheduleSpec {

    /** Checks for {@code null}. */
    public Cosine {
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String name() {
      return "cosine";
    }
  }

  /**
   * η multiplied by {@code factor} whenever the monitored validation figure has not improved for more than
   * {@code patience} epochs, PyTorch's {@code ReduceLROnPlateau} with an absolute threshold: after each epoch,
   * a figure better than the best so far by more than {@code minDelta} resets the count of bad epochs, any other
   * adds one; in the {@code cooldown} epochs after a reduction the count is held at 0; a count above
   * {@code patience} multiplies η by {@code factor}, never below {@code minRate}.
   *
   * @param monitor the validation figure watched: the loss (lower is better) or the accuracy (higher is better)
   * @param factor in (0, 1)
   * @param patience {@code >= 0}
   * @param minDelta {@code >= 0}
   * @param cooldown {@code >= 0}
   * @param minRate {@code >= 0} and at most the learning rate
   */
  record Plateau(Monitor monitor, double factor, int patience, double minDelta, int cooldown, double minRate)
      implements ScheduleSpec {

    /** Checks for {@code null}. */
    public Plateau {
      Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public String name() {
      return "plateau";
    }
  }
}
