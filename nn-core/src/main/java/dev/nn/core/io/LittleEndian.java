package dev.nn.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary encoding of nn's files: IEEE-754 float64 and int32, little-endian, one value after another.
 * Little-endian because NumPy ({@code np.fromfile(f, "<f8")}) and most hardware read it directly, so a
 * model's weights are usable without nn; raw bits because every double, NaN payloads included, must read
 * back exactly.
 */
public final class LittleEndian {
  private static final int BUFFER = 1 << 13;

  private LittleEndian() {}

  /** {@code values} as float64-le. */
  public static byte[] encode(double[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(values);
    return b.array();
  }

  /** {@code values} as int32-le. */
  public static byte[] encode(int[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return b.array();
  }

  /** Reads float64-le; a trailing partial value is ignored, so callers check the length first. */
  public static double[] doubles(byte[] bytes) {
    return blocks(bytes, new int[] {bytes.length / 8})[0];
  }

  /** Reads int32-le; a trailing partial value is ignored, so callers check the length first. */
  public static int[] ints(byte[] bytes) {
    int[] out = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  /**
   * Splits float64-le into consecutive blocks of the given lengths.
   *
   * @throws IllegalArgumentException when {@code bytes} does not hold exactly that many values
   */
  public static double[][] blocks(byte[] bytes, int[] lengths) {
    long total = 0;
    for (int n : lengths) {
      total += n;
    }
    if (bytes.length / 8 < total) {
      throw new IllegalArgumentException(bytes.length + " bytes cannot hold " + total + " float64 values");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double[][] out = new double[lengths.length][];
    for (int b = 0; b < lengths.length; b++) {
      out[b] = new double[lengths[b]];
      in.asDoubleBuffer().get(out[b]);
      in.position(in.position() + 8 * lengths[b]);
    }
    return out;
  }

  /**
   * Writes the blocks one after another as float64-le through a small buffer, so a checkpoint of a large
   * network needs no second copy of its parameters.
   */
  public static void write(OutputStream out, double[]... blocks) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] block : blocks) {
      for (double v : block) {
        if (!buf.hasRemaining()) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putDouble(v);
      }
    }
    out.write(buf.array(), 0, buf.position());
  }
}
