package dev.nn.core.data;

import dev.nn.core.kernel.Precision;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The input values of a data set, n × d row-major, held in the precision the run computes in: doubles, or floats
 * for a float32 run, whose kernels would round every value to a float anyway when they load a batch. Holding
 * them as floats from the reader on halves the memory the inputs take; training on inputs that are neither
 * standardised nor filled in computes exactly what it did on doubles.
 *
 * <p>Values are read and written as doubles; a float store rounds what it is given to the nearest float. The
 * arrays move between stores of the same precision only (a data set's rows are copied into a new data set of
 * the same precision).
 */
abstract sealed class InputValues permits InputValues.Doubles, InputValues.Floats {

  /** {@code length} zeros in {@code precision}. */
  static InputValues zeros(int length, Precision precision) {
    return precision == Precision.FLOAT32 ? new Floats(new float[length]) : new Doubles(new double[length]);
  }

  /** Takes {@code values} over: no copy. */
  static InputValues of(double[] values) {
    return new Doubles(values);
  }

  /** Takes {@code values} over: no copy. */
  static InputValues of(float[] values) {
    return new Floats(values);
  }

  /** The precision the values are held in. */
  abstract Precision precision();

  /** The number of values. */
  abstract int length();

  /** Value {@code i}. */
  abstract double get(int i);

  /** Sets value {@code i} to {@code v} (rounded to a float in a float store). */
  abstract void set(int i, double v);

  /** The first {@code length} values (padded with zeros when longer), in a new store of the same precision. */
  abstract InputValues copyOf(int length);

  /** {@code count} values from {@code from} on into {@code to} (of the same precision) from {@code at} on. */
  abstract void copy(int from, InputValues to, int at, int count);

  /** {@code count} values from {@code from} on into {@code out} from {@code at} on, as doubles. */
  abstract void copyTo(int from, double[] out, int at, int count);

  /** All values as a new double array. */
  final double[] toDoubles() {
    double[] out = new double[length()];
    copyTo(0, out, 0, out.length);
    return out;
  }

  /** These values in {@code precision}: this store if it holds them so already, else a rounded or widened copy. */
  final InputValues in(Precision precision) {
    if (precision == precision()) {
      return this;
    }
    InputValues converted = zeros(length(), precision);
    for (int i = 0; i < length(); i++) {
      converted.set(i, get(i));
    }
    return converted;
  }

  /** Hands the array itself, not a copy, to the function of its type. */
  abstract <T> T lend(Function<double[], T> doubles, Function<float[], T> floats);

  /** Values held as doubles. */
  static final class Doubles extends InputValues {
    private final double[] values;

    private Doubles(double[] values) {
      this.values = values;
    }

    @Override
    Precision precision() {
      return Precision.FLOAT64;
    }

    @Override
    int length() {
      return values.length;
    }

    @Override
    double get(int i) {
      return values[i];
    }

    @Override
    void set(int i, double v) {
      values[i] = v;
    }

    @Override
    InputValues copyOf(int length) {
      return new Doubles(Arrays.copyOf(values, length));
    }

    @Override
    void copy(int from, InputValues to, int at, int count) {
      System.arraycopy(values, from, ((Doubles) to).values, at, count);
    }

    @Override
    void copyTo(int from, double[] out, int at, int count) {
      System.arraycopy(values, from, out, at, count);
    }

    @Override
    <T> T lend(Function<double[], T> doubles, Function<float[], T> floats) {
      return doubles.apply(values);
    }
  }

  /** Values held as floats. */
  static final class Floats extends InputValues {
    private final float[] values;

    private Floats(float[] values) {
      this.values = values;
    }

    @Override
    Precision precision() {
      return Precision.FLOAT32;
    }

    @Override
    int length() {
      return values.length;
    }

    @Override
    double get(int i) {
      return values[i];
    }

    @Override
    void set(int i, double v) {
      values[i] = (float) v;
    }

    @Override
    InputValues copyOf(int length) {
      return new Floats(Arrays.copyOf(values, length));
    }

    @Override
    void copy(int from, InputValues to, int at, int count) {
      System.arraycopy(values, from, ((Floats) to).values, at, count);
    }

    @Override
    void copyTo(int from, double[] out, int at, int count) {
      for (int i = 0; i < count; i++) {
        out[at + i] = values[from + i];
      }
    }

    @Override
    <T> T lend(Function<double[], T> doubles, Function<float[], T> floats) {
      return floats.apply(values);
    }
  }
}
