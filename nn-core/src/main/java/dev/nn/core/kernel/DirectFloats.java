package dev.nn.core.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Floats in an aligned off-heap buffer that OpenBLAS reads in place: the BLAS kernels' float32 storage. */
final class DirectFloats extends Matrix {
  /** Values converted per bulk copy outside the kernels' jobs: 16 KB. */
  private static final int CHUNK = 4096;
  final FloatBuffer buffer;
  private float[] chunk;

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
    float[] floats = chunk();
    for (int done = 0; done < count; done += floats.length) {
      int n = Math.min(floats.length, count - done);
      get(from + done, dst, dstOffset + done, n, floats);
    }
  }

  /**
   * A small array of this matrix's own for converting in bulk (a loop the JIT vectorises, then one copy)
   * outside the kernels' parallel jobs, which bring scratch of their own: a matrix is otherwise used by one
   * thread at a time. Allocated on first use.
   */
  private float[] chunk() {
    if (chunk == null) {
      chunk = new float[Math.max(1, Math.min(length(), CHUNK))];
    }
    return chunk;
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
    float[] floats = chunk();
    for (int done = 0; done < count; done += floats.length) {
      int n = Math.min(floats.length, count - done);
      store(to + done, src, srcOffset + done, n, floats);
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
