package dev.nn.core.kernel;

import java.nio.DoubleBuffer;

/**
 * Numbers owned by a {@link Kernels} runtime: a run of {@link #length} values, stored where and in the
 * precision its kernels compute fastest (a heap or off-heap array of doubles or floats). The engine holds
 * handles and passes them to its kernels; it reads or writes single values only outside the hot loops
 * (parameters, checkpoints, tests).
 *
 * <p>Plugins see {@code double[]}. When the storage is not a heap {@code double[]}, the handle keeps a heap
 * mirror of {@code double}s for them, allocated on first use and reused, with a count of leading values
 * known to equal the storage — so the forward pass's copy serves the backward pass, and nothing is copied
 * twice.
 */
public abstract class Matrix {
  private final int length;
  private double[] mirror;
  /** Leading values of {@link #mirror} known to equal the storage. */
  private int current;

  Matrix(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("a matrix holds at least 0 values, asked for " + length);
    }
    this.length = length;
  }

  /** The number of values. */
  public final int length() {
    return length;
  }

  /** How the values are stored. */
  public abstract Precision precision();

  /** Value {@code i}. */
  public abstract double get(int i);

  /** Sets value {@code i} (rounded to the storage's precision). */
  public final void set(int i, double v) {
    current = 0;
    store(i, v);
  }

  /** Copies values {@code from … from+count−1} into {@code dst} at {@code dstOffset}. */
  public abstract void get(int from, double[] dst, int dstOffset, int count);

  /** Sets values {@code to … to+count−1} from {@code src} at {@code srcOffset}. */
  public final void set(int to, double[] src, int srcOffset, int count) {
    current = 0;
    store(to, src, srcOffset, count);
  }

  /** Sets values {@code to … to+count−1} from {@code src} at {@code srcOffset}. */
  public final void set(int to, float[] src, int srcOffset, int count) {
    current = 0;
    store(to, src, srcOffset, count);
  }

  /** Every value, as doubles. */
  public final double[] toArray() {
    double[] out = new double[length];
    get(0, out, 0, length);
    return out;
  }

  abstract void store(int i, double v);

  /**
   * {@link #get(int, double[], int, int)} through {@code floats}, at least {@code count} long, which float
   * storage may use to convert in bulk (a loop the JIT vectorises, then one copy) instead of value by value.
   */
  void get(int from, double[] dst, int dstOffset, int count, float[] floats) {
    get(from, dst, dstOffset, count);
  }

  /** {@link #store(int, double[], int, int)} through {@code floats}, as {@link #get(int, double[], int, int, float[])}. */
  void store(int to, double[] src, int srcOffset, int count, float[] floats) {
    store(to, src, srcOffset, count);
  }

  abstract void store(int to, double[] src, int srcOffset, int count);

  /**
   * Stores the first {@code count} values of {@code src} from value 0 on and sets each value of {@code src} to
   * what the storage now holds (for float storage, the value rounded to float).
   */
  final void storeRounding(double[] src, int count) {
    store(0, src, 0, count);
    if (precision() == Precision.FLOAT32) {
      for (int i = 0; i < count; i++) {
        src[i] = (float) src[i];
      }
    }
  }

  abstract void store(int to, float[] src, int srcOffset, int count);

  /** The heap {@code double[]} this matrix is stored in, or {@code null} when it is stored otherwise. */
  double[] heapDoubles() {
    return null;
  }

  /** Marks the mirror stale: the kernels changed the storage. */
  final void changed() {
    current = 0;
  }

  /** The mirror, allocated at full length on first use (never grown later: no allocation per batch). */
  private double[] mirror() {
    if (mirror == null) {
      mirror = new double[length];
    }
    return mirror;
  }

  /** The first {@code count} values as a {@code double[]} a plugin may read: the storage itself, or the mirror. */
  final double[] read(int count) {
    double[] own = heapDoubles();
    if (own != null) {
      return own;
    }
    double[] m = mirror();
    if (current < count) {
      get(0, m, 0, count);
      current = count;
    }
    return m;
  }

  /**
   * An array a plugin may overwrite with the first {@code count} values; {@link #written} stores them. Its
   * contents on return are unspecified.
   */
  final double[] blank(int count) {
    double[] own = heapDoubles();
    return own != null ? own : mirror();
  }

  /** Stores the first {@code count} values of an array from {@link #read} or {@link #blank}. */
  final void written(double[] view, int count) {
    if (view != heapDoubles()) {
      store(0, view, 0, count);
      // float storage rounded what the plugin wrote: the mirror no longer equals it
      current = precision() == Precision.FLOAT64 ? count : 0;
    }
  }

  /**
   * Records that the kernels wrote the first {@code count} values to both the storage and the mirror
   * (see {@link #mirrorFor}).
   */
  final void mirrored(int count) {
    current = count;
  }

  /** The mirror for kernels that fill it themselves, then call {@link #mirrored}; {@code null} for heap doubles. */
  final double[] mirrorFor() {
    return heapDoubles() != null ? null : mirror();
  }

  /**
   * A {@code DoubleBuffer} over values {@code offset … offset+count−1} for an optimizer: over the storage
   * itself when it holds doubles, else over the mirror, which {@link #beginUpdate} fills and
   * {@link #endUpdate} writes back. Made once per parameter block, so a step allocates nothing.
   */
  public abstract DoubleBuffer doubles(int offset, int count);

  /** Before optimizers read or change {@link #doubles} views: brings the mirror up to date, if one is used. */
  public final void beginUpdate() {
    if (usesMirrorForDoubles()) {
      read(length);
    }
  }

  /**
   * After optimizers changed {@link #doubles} views: writes the mirror back to the storage, if one is used,
   * and rounds the mirror as the storage rounded it, so that the next step starts from the parameters as they
   * are stored — the values a checkpoint saves and a resumed run starts from — not from the doubles before
   * rounding.
   */
  public final void endUpdate() {
    if (usesMirrorForDoubles()) {
      storeRounding(mirror(), length);
      current = length;
    } else {
      current = 0;
    }
  }

  boolean usesMirrorForDoubles() {
    return false;
  }

  final DoubleBuffer mirrorDoubles(int offset, int count) {
    return DoubleBuffer.wrap(mirror()).slice(offset, count);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + length + " " + precision().yamlName() + "]";
  }
}
