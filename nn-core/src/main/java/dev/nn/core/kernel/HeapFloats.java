package dev.nn.core.kernel;

import java.nio.DoubleBuffer;

/** Floats in a heap array: the Java kernels' float32 storage. Plugins see a double mirror. */
final class HeapFloats extends Matrix {
  final float[] array;

  HeapFloats(int length) {
    super(length);
    array = new float[length];
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public double get(int i) {
    return array[i];
  }

  @Override
  public void get(int from, double[] dst, int dstOffset, int count) {
    for (int i = 0; i < count; i++) {
      dst[dstOffset + i] = array[from + i];
    }
  }

  @Override
  void store(int i, double v) {
    array[i] = (float) v;
  }

  @Override
  void store(int to, double[] src, int srcOffset, int count) {
    for (int i = 0; i < count; i++) {
      array[to + i] = (float) src[srcOffset + i];
    }
  }

  @Override
  void store(int to, float[] src, int srcOffset, int count) {
    System.arraycopy(src, srcOffset, array, to, count);
  }

  @Override
  boolean usesMirrorForDoubles() {
    return true;
  }

  @Override
  public DoubleBuffer doubles(int offset, int count) {
    return mirrorDoubles(offset, count);
  }
}
