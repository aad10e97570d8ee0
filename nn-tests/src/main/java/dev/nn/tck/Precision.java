package dev.nn.tck;

/**
 * The precision a contract's value checks run in, as an experiment's {@code compute: {precision: …}}
 * chooses it. A plugin sees {@code double}s in both: in {@link #FLOAT32} the core stores parameters,
 * pre-activations z, activations x, deltas and data as {@code float}s, hands a plugin doubles that
 * hold float values, and rounds what the plugin writes back to float ({@code (float) v}). A check run
 * in float32 does the same: its inputs are float-representable and it looks at the plugin's outputs
 * after {@link #round rounding} them.
 *
 * <p>The contracts run each value check once per constant, as a JUnit parameterized test; its name
 * ends in {@code float64} or {@code float32}. Checks against central differences always run in
 * float64, where the differences are accurate enough to test a derivative.
 */
public enum Precision {
  /** IEEE 754 double precision: values are stored as the plugin computes them. */
  FLOAT64 {
    @Override
    public double round(double v) {
      return v;
    }
  },
  /** IEEE 754 single precision: values are stored rounded to the nearest float. */
  FLOAT32 {
    @Override
    public double round(double v) {
      return (float) v;
    }
  };

  /** {@code v} as this precision stores it: unchanged in float64, {@code (double) (float) v} in float32. */
  public abstract double round(double v);

  /**
   * A copy of {@code values} with every entry {@link #round rounded}.
   *
   * @param values Not modified.
   */
  public double[] round(double[] values) {
    double[] rounded = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = round(values[i]);
    }
    return rounded;
  }

  /** {@code float64} or {@code float32}, as experiment files spell it (and test reports show it). */
  @Override
  public String toString() {
    return this == FLOAT64 ? "float64" : "float32";
  }
}
