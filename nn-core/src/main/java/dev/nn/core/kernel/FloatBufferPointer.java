package dev.nn.core.kernel;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * {@link BufferPointer} for floats: a reusable JavaCPP pointer aimed at a direct float buffer's memory plus an
 * element offset, so each native call reads the buffer in place without a new pointer object. One instance
 * per thread and argument position.
 */
final class FloatBufferPointer extends FloatPointer {

  /** Aims this pointer at element {@code offset} of the direct buffer {@code buffer}. */
  FloatPointer at(FloatBuffer buffer, int offset) {
    address = getDirectBufferAddress(buffer);
    capacity = buffer.capacity();
    limit = capacity;
    position = offset;
    return this;
  }

  /** Forgets the last buffer, so a finished call leaves no address behind. */
  void clear() {
    address = 0;
    capacity = 0;
    limit = 0;
    position = 0;
  }
}
