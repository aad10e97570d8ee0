package dev.nn.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Arrays in NumPy's .npy format, version 1.0: the magic string {@code \x93NUMPY}, the version bytes 1 and 0,
 * a little-endian 16-bit header length, and an ASCII header, a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}, padded with spaces and ended by a newline so that the data starts
 * at a multiple of 64 bytes; then the values, C order. {@code numpy.load} reads these without
 * {@code allow_pickle}: none holds Python objects.
 */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private Npy() {}

  /** A numeric array of {@code shape}, its values row-major, written to {@code out}. */
  static void writeArray(OutputStream out, ElementType type, int[] shape, double[] values) throws IOException {
    out.write(header(type.npyDescr(), shape));
    type.write(values, out);
  }

  /**
   * A 0-d Unicode string array ({@code <U}n, n code points, each UTF-32 little-endian): NumPy gives it back
   * as an array whose {@code str()} or {@code item()} is the text.
   */
  static void writeText(OutputStream out, String text) throws IOException {
    int[] codePoints = text.codePoints().toArray();
    // an empty text still has one (NUL) character: NumPy has no zero-width string type
    ByteBuffer data = ByteBuffer.allocate(4 * Math.max(1, codePoints.length)).order(ByteOrder.LITTLE_ENDIAN);
    for (int c : codePoints) {
      data.putInt(c);
    }
    out.write(header("<U" + Math.max(1, codePoints.length), new int[0]));
    out.write(data.array());
  }

  /** The bytes before an array's data: the magic string, the version, the header's length and the header. */
  private static byte[] header(String descr, int[] shape) {
    StringBuilder dict = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
    for (int d : shape) {
      dict.append(d).append(shape.length == 1 ? "," : ", ");
    }
    if (shape.length > 1) {
      dict.setLength(dict.length() - 2);
    }
    dict.append("), }");
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String header = dict + " ".repeat(padding) + "\n";
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + h.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).putShort((short) h.length).put(h);
    return out.array();
  }
}
