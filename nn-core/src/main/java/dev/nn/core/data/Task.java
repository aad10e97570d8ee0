package dev.nn.core.data;

/**
 * What a data source's targets are: the one task type, read from an experiment's {@code task:} and held
 * by every {@link Dataset}. A {@link Dataset} itself is only ever {@link #REGRESSION} or
 * {@link #CLASSIFICATION}: {@link #RECONSTRUCTION} says how a source is prepared (its inputs become its
 * targets), and what that yields is a regression on the inputs.
 */
public enum Task {
  /** Real-valued targets, one column per target variable. */
  REGRESSION("regression"),
  /** A class per row, out of a fixed list of class labels; stored one-hot (or as 0/1 for two classes). */
  CLASSIFICATION("classification"),
  /**
   * The inputs themselves (after standardisation, when asked): an autoencoder learns to reconstruct its
   * input, and the source's own target column or labels are not used.
   */
  RECONSTRUCTION("reconstruction");

  private final String label;

  Task(String label) {
    this.label = label;
  }

  /** "regression", "classification" or "reconstruction": how messages and experiment files name the task. */
  public String label() {
    return label;
  }
}
