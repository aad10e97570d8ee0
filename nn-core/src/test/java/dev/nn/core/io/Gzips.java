package dev.nn.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writing gzip files, valid and damaged, in tests, with the JDK's writer rather than the code under test. */
public final class Gzips {
  private Gzips() {}

  /** {@code data} as one gzip member. */
  public static byte[] gzip(byte[] data) throws IOException {
    return gzip(data, Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * {@code data} as one gzip member with deflate level {@code level}; level 0 stores the data as they are,
   * so that a changed byte of the file is a changed byte of the data, which still decompresses.
   */
  public static byte[] gzip(byte[] data, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out) {
      {
        def.setLevel(level);
      }
    }) {
      z.write(data);
    }
    return out.toByteArray();
  }

  /** {@code parts} one after the other. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A copy of {@code gz} with byte {@code index} (negative: from the end) XORed with {@code mask}. */
  public static byte[] flip(byte[] gz, int index, int mask) {
    byte[] copy = gz.clone();
    int i = index < 0 ? copy.length + index : index;
    copy[i] ^= (byte) mask;
    return copy;
  }

  /** {@code gz} without its last {@code n} bytes. */
  public static byte[] cut(byte[] gz, int n) {
    return Arrays.copyOf(gz, gz.length - n);
  }

  /**
   * A gzip member that decompresses to {@code mebibytes} MiB of zero bytes, with a correct trailer, made
   * without compressing them: the deflate blocks of one MiB of zeros, flushed to a byte boundary, are valid
   * again after themselves, since they only refer back to zeros. 2048 MiB take about 2 MB.
   */
  public static byte[] zeroBomb(int mebibytes) throws IOException {
    byte[] mib = new byte[1 << 20];
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(mib);
    byte[] chunk = drain(deflater, Deflater.SYNC_FLUSH);
    deflater.finish();
    byte[] end = drain(deflater, Deflater.NO_FLUSH);
    deflater.end();
    CRC32 crc = new CRC32();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    for (int i = 0; i < mebibytes; i++) {
      out.writeBytes(chunk);
      crc.update(mib);
    }
    out.writeBytes(end);
    writeLe32(out, crc.getValue());
    writeLe32(out, ((long) mebibytes << 20) & 0xffffffffL);
    return out.toByteArray();
  }

  private static byte[] drain(Deflater deflater, int flush) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (true) {
      int n = deflater.deflate(buf, 0, buf.length, flush);
      out.write(buf, 0, n);
      if (n < buf.length && (flush != Deflater.NO_FLUSH || deflater.finished())) {
        return out.toByteArray();
      }
    }
  }

  private static void writeLe32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
