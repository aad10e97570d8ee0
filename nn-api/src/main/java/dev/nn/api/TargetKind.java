package dev.nn.api;

/** The targets y a {@link Loss} accepts. */
public enum TargetKind {
  /** Any finite real numbers (regression). */
  REAL("any real number"),
  /** One row per sample with a single 1 and 0 elsewhere (a class index, one-hot encoded). */
  ONE_HOT("one-hot rows (a single 1, 0 elsewhere)"),
  /** Each entry 0 or 1. */
  BINARY("0 or 1"),
  /** Each entry −1 or +1. */
  SIGNED("-1 or +1");

  private final String description;

  TargetKind(String description) {
    this.description = description;
  }

  /** What the targets must look like, for error messages: "0 or 1". */
  public String description() {
    return description;
  }

  /**
   * Returns {@code null} if row {@code row} of {@code y} is a valid target of this kind, otherwise a
   * message naming the first offending value.
   *
   * @param y targets, rows × cols. Not modified.
   */
  public String check(double[] y, int row, int cols) {
    int base = row * cols;
    int ones = 0;
    for (int k = 0; k < cols; k++) {
      double v = y[base + k];
      switch (this) {
        case REAL:
          if (!Double.isFinite(v)) {
            return "found " + v + ", expected " + description;
          }
          break;
        case ONE_HOT:
          if (v == 1.0) {
            ones++;
          } else if (v != 0.0) {
            return "found " + v + ", expected " + description;
          }
          break;
        case BINARY:
          if (v != 0.0 && v != 1.0) {
            return "found " + v + ", expected " + description;
          }
          break;
        case SIGNED:
          if (v != -1.0 && v != 1.0) {
            return "found " + v + ", expected " + description;
          }
          break;
        default:
          throw new AssertionError(this);
      }
    }
    if (this == ONE_HOT && ones != 1) {
      return "found " + ones + " entries equal to 1, expected " + description;
    }
    return null;
  }
}
