package dev.nn.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 the way nn writes it everywhere: 64 lowercase hex digits. Archives, provenance and tests compare
 * these strings with one another, so the digest and its spelling live in one place.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest, for content that is hashed while it streams. */
  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The hex of a finished digest. */
  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of {@code data}. */
  public static String of(byte[] data) {
    MessageDigest md = digest();
    md.update(data);
    return hex(md);
  }

  /**
   * The SHA-256 of numbers, each as its 8 bytes of IEEE 754 (little-endian), in the order {@code values} gives
   * them: {@code values.applyAsDouble(i)} for i = 0 … count − 1.
   */
  public static String ofNumbers(long count, java.util.function.LongToDoubleFunction values) {
    MessageDigest md = digest();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 * 1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < count; i++) {
      if (!buffer.hasRemaining()) {
        md.update(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      buffer.putDouble(values.applyAsDouble(i));
    }
    md.update(buffer.array(), 0, buffer.position());
    return hex(md);
  }

  /**
   * The SHA-256 of a file, read in pieces.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static String of(Path file) {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + SystemReason.describe(e), e);
    }
    return hex(md);
  }
}
