package dev.nn.core.export;

import dev.nn.core.kernel.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element type of exported tensors: a model keeps the precision it was trained and predicts in, so a
 * float32 model's weights are exported as the float32 values it computes with, not widened.
 */
enum ElementType {
  /** IEEE 754 single precision. */
  FLOAT(1, "<f4", "float32"),
  /** IEEE 754 double precision. */
  DOUBLE(11, "<f8", "float64"),
  /** Signed 64-bit integers: an ONNX graph's indexes, such as a Slice's bounds. */
  INT64(7, "<i8", "int64");

  private final int onnxCode;
  private final String npyDescr;
  private final String label;

  ElementType(int onnxCode, String npyDescr, String label) {
    this.onnxCode = onnxCode;
    this.npyDescr = npyDescr;
    this.label = label;
  }

  /** The element type of a model that computes in {@code precision}. */
  static ElementType of(Precision precision) {
    return precision == Precision.FLOAT32 ? FLOAT : DOUBLE;
  }

  /** TensorProto.DataType's number for this type. */
  int onnxCode() {
    return onnxCode;
  }

  /** The type as a .npy header writes it: little-endian, 4 or 8 bytes. */
  String npyDescr() {
    return npyDescr;
  }

  /** {@code float32} or {@code float64}, as experiments and NumPy call it. */
  String label() {
    return label;
  }

  /**
   * The values little-endian, as ONNX's raw_data and .npy's data both store them. A float32 model's values
   * are floats widened to double, so narrowing them back is exact.
   */
  byte[] encode(double[] values) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(values.length * size());
    try {
      write(values, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bytes of one value. */
  int size() {
    return this == FLOAT ? Float.BYTES : Double.BYTES;
  }

  /**
   * {@link #encode}'s bytes written to {@code out} a block at a time: a model of many parameters is exported
   * without a second copy of it in memory.
   */
  void write(double[] values, java.io.OutputStream out) throws java.io.IOException {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (b.remaining() < Double.BYTES) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
      if (this == FLOAT) {
        b.putFloat((float) v);
      } else if (this == INT64) {
        b.putLong((long) v);
      } else {
        b.putDouble(v);
      }
    }
    out.write(b.array(), 0, b.position());
  }
}
