package dev.nn.core.kernel;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A reusable JavaCPP pointer aimed at a direct buffer's memory plus an element offset, so each native
 * call reads the buffer in place without a new pointer object: the engine's buffers live for the whole
 * run, and an identity map from buffer to pointer would keep them alive after the network is gone.
 * One instance per thread and argument position.
 */
final class BufferPointer extends DoublePointer {

  /** Aims this pointer at element {@code offset} of the direct buffer {@code buffer}. */
  DoublePointer at(DoubleBuffer buffer, int offset) {
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
