package dev.nn.core.data;

/** What the targets of a {@link Dataset} are. */
public enum Task {
  /** Real-valued targets, one column per target variable. */
  REGRESSION("regression"),
  /** A class per row, out of a fixed list of class labels; stored one-hot (or as 0/1 for two classes). */
  CLASSIFICATION("classification");

  private final String label;

  Task(String label) {
    this.label = label;
  }

  /** "regression" or "classification": how messages and configuration files name the task. */
  public String label() {
    return label;
  }
}
