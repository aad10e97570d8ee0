package dev.nn.core.kernel;

import java.nio.DoubleBuffer;

/** Doubles in an aligned off-heap buffer that OpenBLAS reads in place: the BLAS kernels' float64 storage. */
final class DirectDoubles extends Matrix {
  final DoubleBuffer buffer;

  DirectDoubles(int length) {
    super(length);
    buffer = Direct.bytes(length, Double.BYTES).asDoubleBuffer().slice(0, length);
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  public double get(int i) {
    return buffer.get(i);
  }

  @Override
  public void get(int from, double[] dst, int dstOffset, int count) {
    buffer.get(from, dst, dstOffset, count);
  }

  @Override
  void store(int i, double v) {
    buffer.put(i, v);
  }

  @Override
  void store(int to, double[] src, int srcOffset, int count) {
    buffer.put(to, src, srcOffset, count);
  }

  @Override
  void store(int to, float[] src, int srcOffset, int count) {
    for (int i = 0; i < count; i++) {
      buffer.put(to + i, src[srcOffset + i]);
    }
  }

  @Override
  public DoubleBuffer doubles(int offset, int count) {
    return buffer.slice(offset, count);
  }
}
