package dev.nn.core.kernel;

import java.nio.DoubleBuffer;

/** Doubles in a heap array, which is its own plugin view: the Java kernels' float64 storage. */
final class HeapDoubles extends Matrix {
  final double[] array;

  HeapDoubles(int length) {
    this(new double[length]);
  }

  /** A matrix over {@code array} itself (tests and callers that own an array). */
  HeapDoubles(double[] array) {
    super(array.length);
    this.array = array;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  public double get(int i) {
    return array[i];
  }

  @Override
  public void get(int from, double[] dst, int dstOffset, int count) {
    System.arraycopy(array, from, dst, dstOffset, count);
  }

  @Override
  void store(int i, double v) {
    array[i] = v;
  }

  @Override
  void store(int to, double[] src, int srcOffset, int count) {
    System.arraycopy(src, srcOffset, array, to, count);
  }

  @Override
  void store(int to, float[] src, int srcOffset, int count) {
    for (int i = 0; i < count; i++) {
      array[to + i] = src[srcOffset + i];
    }
  }

  @Override
  double[] heapDoubles() {
    return array;
  }

  @Override
  public DoubleBuffer doubles(int offset, int count) {
    return DoubleBuffer.wrap(array).slice(offset, count);
  }
}
