package dev.nn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A reader of the .npy arrays in an .npz archive, independent of the code that writes them. */
final class NpyFiles {
  private static final Pattern DESCR = Pattern.compile("'descr': '([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

  private NpyFiles() {}

  /** One array: its type as NumPy writes it, its shape, and its values (numbers widened to double, or text). */
  record Array(String descr, int[] shape, double[] values, String text) {}

  /** Every entry of the archive, by name (with {@code .npy}), in the archive's order. */
  static Map<String, Array> read(Path npz) throws IOException {
    Map<String, Array> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(e)) {
          arrays.put(e.getName(), parse(in.readAllBytes()));
        }
      }
    }
    return arrays;
  }

  private static Array parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    b.get(magic);
    if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}) || b.get() != 1 || b.get() != 0) {
      throw new AssertionError("not a version 1.0 .npy file");
    }
    int headerLength = Short.toUnsignedInt(b.getShort());
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    if ((10 + headerLength) % 64 != 0 || !header.endsWith("\n") || !header.contains("'fortran_order': False")) {
      throw new AssertionError("a misaligned or unexpected header: " + header);
    }
    b.position(10 + headerLength);
    Matcher d = DESCR.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !s.find()) {
      throw new AssertionError("no descr or shape in " + header);
    }
    String descr = d.group(1);
    int[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
        .mapToInt(Integer::parseInt).toArray();
    int count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    if (descr.startsWith("<U")) {
      int chars = Integer.parseInt(descr.substring(2));
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < chars; i++) {
        text.appendCodePoint(b.getInt());
      }
      return new Array(descr, shape, null, text.toString());
    }
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = switch (descr) {
        case "<f8" -> b.getDouble();
        case "<f4" -> b.getFloat();
        default -> throw new AssertionError("unexpected type " + descr);
      };
    }
    if (b.hasRemaining()) {
      throw new AssertionError(b.remaining() + " bytes after the data");
    }
    return new Array(descr, shape, values, null);
  }
}
