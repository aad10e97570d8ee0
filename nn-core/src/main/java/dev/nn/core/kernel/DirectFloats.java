package dev.nn.core.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Floats in an aligned off-heap buffer that OpenBLAS reads in place: the BLAS kernels' float32 storage. */
final class DirectFloats extends Matrix {
  final FloatBuffer buffer;

  DirectFloats(int length) {
    super(length);
    buffer = Direct.bytes(length, Float.BYTES).asFloatBuffer().slice(0, length);
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public double get(int i) {
    return buffer.get(i);
  }

  @Override
  public void get(int from, double[] dst, int dstOffset, int count) {
    for (int i = 0; i < count; i++) {
      dst[dstOffset + i] = buffer.get(from + i);
    }
  }

  @Override
  void get(int from, double[] dst, int dstOffset, int count, float[] floats) {
    buffer.get(from, floats, 0, count);
    for (int i = 0; i < count; i++) {
      dst[dstOffset + i] = floats[i];
    }
  }

  @Override
  void store(int to, double[] src, int srcOffset, int count, float[] floats) {
    for (int i = 0; i < count; i++) {
      floats[i] = (float) src[srcOffset + i];
    }
    buffer.put(to, floats, 0, count);
  }

  @Override
  void store(int i, double v) {
    buffer.put(i, (float) v);
  }

  @Override
  void store(int to, double[] src, int srcOffset, int count) {
    for (int i = 0; i < count; i++) {
      buffer.put(to + i, (float) src[srcOffset + i]);
    }
  }

  @Override
  void store(int to, float[] src, int srcOffset, int count) {
    buffer.put(to, src, srcOffset, count);
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
