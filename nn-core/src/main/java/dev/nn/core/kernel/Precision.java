package dev.nn.core.kernel;

import java.util.Locale;

/**
 * How a run stores and multiplies its numbers: parameters, activations, deltas and data batches. Plugins
 * (activations, losses, optimizers) always see {@code double}s; in {@link #FLOAT32} the kernels convert at
 * that boundary.
 */
public enum Precision {
  /** IEEE 754 double precision: 8 bytes a value, about 16 significant digits. The default. */
  FLOAT64(Double.BYTES),
  /** IEEE 754 single precision: 4 bytes a value, about 7 significant digits; half the memory traffic. */
  FLOAT32(Float.BYTES);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per value. */
  public int bytes() {
    return bytes;
  }

  /** The name in experiment files and model files: {@code float64} or {@code float32}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The precision called {@code name} ({@code float64} or {@code float32}, any case). */
  public static Precision named(String name) {
    for (Precision p : values()) {
      if (p.yamlName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("precision must be float64 or float32, found '" + name + "'");
  }
}
