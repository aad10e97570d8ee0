package dev.nn.core.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Off-heap memory for the BLAS kernels: zeroed, in native byte order, its first value aligned to 64 bytes. */
final class Direct {
  private static final int ALIGNMENT = 64;

  private Direct() {}

  /**
   * Room for {@code length} values of {@code valueBytes} bytes each, aligned to a cache line (and an
   * AVX-512 register).
   */
  static ByteBuffer bytes(int length, int valueBytes) {
    long max = (Integer.MAX_VALUE - 2L * ALIGNMENT) / valueBytes;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("an off-heap buffer holds 0 to " + max + " values, asked for " + length);
    }
    // alignedSlice drops up to 63 bytes at each end, so allocate one line more than the rounded-up size
    int lines = (length * valueBytes + ALIGNMENT - 1) / ALIGNMENT;
    return ByteBuffer.allocateDirect((lines + 1) * ALIGNMENT).alignedSlice(ALIGNMENT).order(ByteOrder.nativeOrder());
  }
}
