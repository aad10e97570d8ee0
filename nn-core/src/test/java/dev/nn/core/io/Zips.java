package dev.nn.core.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reading and tampering with ZIP archives in tests, independently of the code under test. */
final class Zips {
  private Zips() {}

  /** Every entry's content as UTF-8 text, in archive order. */
  static Map<String, String> entries(byte[] zip) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    contents(zip).forEach((name, data) -> out.put(name, new String(data, StandardCharsets.UTF_8)));
    return out;
  }

  private static Map<String, byte[]> contents(byte[] zip) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  /**
   * Rewrites {@code file} with entry {@code name} set to {@code text} (added last when absent) and fresh
   * CRCs, so that only the checksums can object; SHA256SUMS is left as it was.
   */
  static void rewrite(Path file, String name, String text) throws Exception {
    Map<String, byte[]> entries = contents(Files.readAllBytes(file));
    byte[] sums = entries.remove("SHA256SUMS");
    entries.put(name, text.getBytes(StandardCharsets.UTF_8));
    entries.put("SHA256SUMS", sums);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    Files.write(file, bytes.toByteArray());
  }

  /** Where the central directory starts, from the end record (the last 22 bytes). */
  static int centralDirectoryOffset(byte[] zip) {
    return ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 22 + 16);
  }
}
