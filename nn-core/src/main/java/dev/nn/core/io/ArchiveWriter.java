package dev.nn.core.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes nn's archive format, the one container of model files and checkpoints: a plain ZIP archive whose
 * last entry, {@value #CHECKSUMS}, lists the SHA-256 of every other entry in the layout of
 * {@code sha256sum}, so that {@code unzip} and {@code sha256sum -c} check a file without nn. The ZIP CRCs
 * catch accidents; the digests catch an entry that was replaced along with its CRC. Every entry is dated 0
 * so that the same content always writes the same bytes. {@link ArchiveReader} reads it back.
 *
 * <p>Each entry is hashed while it streams into the archive, so writing needs no second copy of a large
 * block of parameters. Closing the writer adds {@value #CHECKSUMS} and finishes the archive.
 */
public final class ArchiveWriter implements Closeable {
  /** The name of the entry that holds the other entries' SHA-256. */
  static final String CHECKSUMS = "SHA256SUMS";

  private final ZipOutputStream zip;
  private final Map<String, String> sums = new LinkedHashMap<>();

  /** A compressed archive written to {@code out}, which {@link #close()} closes. */
  public ArchiveWriter(OutputStream out) {
    this(out, true);
  }

  /**
   * An archive written to {@code out}, which {@link #close()} closes; {@code compress} false stores the entries
   * as they are (still as deflate's stored blocks, so any reader reads them). Parameters in binary compress by a
   * few percent at most, and deflating them is most of the cost of writing a file written every epoch.
   */
  public ArchiveWriter(OutputStream out, boolean compress) {
    // deflate hands on its output in blocks of 512 bytes: buffered, they reach the file in larger writes
    this.zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
    if (!compress) {
      zip.setLevel(Deflater.NO_COMPRESSION);
    }
  }

  /** Adds an entry whose content {@code content} writes. */
  public void put(String name, AtomicFiles.Content content) throws IOException {
    if (name.equals(CHECKSUMS) || sums.containsKey(name) || name.contains("\n")) {
      throw new IllegalArgumentException("cannot add an entry named \"" + name + "\" to this archive");
    }
    MessageDigest md = Sha256.digest();
    zip.putNextEntry(entry(name));
    content.writeTo(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        zip.write(b);
        md.update((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        zip.write(b, off, len);
        md.update(b, off, len);
      }
    });
    zip.closeEntry();
    sums.put(name, Sha256.hex(md));
  }

  /** Adds an entry holding {@code data}. */
  public void put(String name, byte[] data) throws IOException {
    put(name, out -> out.write(data));
  }

  /** Adds an entry holding {@code text} in UTF-8. */
  public void put(String name, String text) throws IOException {
    put(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds {@value #CHECKSUMS} and finishes the archive. */
  @Override
  public void close() throws IOException {
    try (zip) {
      StringBuilder text = new StringBuilder();
      sums.forEach((name, sha) -> text.append(sha).append("  ").append(name).append('\n'));
      zip.putNextEntry(entry(CHECKSUMS));
      zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0L); // reproducible bytes: the same content always writes the same file
    return e;
  }
}
