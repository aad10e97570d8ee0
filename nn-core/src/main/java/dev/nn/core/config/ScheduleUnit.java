package dev.nn.core.config;

/**
 * What the t of a learning-rate schedule η(t) counts. The only such type: the reader produces it and
 * the schedules count with it. {@link #UPDATES} is the default when an experiment writes no
 * {@code unit}, as docs/optimizers.md says.
 */
public enum ScheduleUnit implements YamlName {
  /** Optimizer updates, one per mini-batch. */
  UPDATES("updates"),
  /** Completed epochs. */
  EPOCHS("epochs");

  private final String yamlName;

  ScheduleUnit(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
