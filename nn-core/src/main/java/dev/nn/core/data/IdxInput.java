package dev.nn.core.data;

import dev.nn.core.io.SystemReason;
import dev.nn.core.io.InputFiles;
import dev.nn.core.io.StrictGzipInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * One IDX file opened for reading, gzipped or raw, that counts the bytes it has delivered so that running
 * out of data can be reported with its offset. Offsets count decompressed bytes.
 *
 * <p>Only a regular file is opened (a named pipe would block, a device never end). A file is accepted only
 * when {@link #finish()} finds it exactly as long as its header declares: a gzip file's checksums are checked
 * at its end, and bytes after the declared data mean the file is not what its header says. gzip data are
 * never decompressed further than the header's size and one buffer, so a small file that inflates to
 * gigabytes costs no more than a valid one.
 */
final class IdxInput implements AutoCloseable {
  private final Path path;
  private final String file;
  private final InputStream in;
  private final boolean gzip;
  private long offset;
  private long expected;
  private boolean headerOnly = true;
  private String layout;

  private IdxInput(Path path, InputStream in, boolean gzip, long expected, String layout) {
    this.path = path;
    this.file = path.toString();
    this.in = in;
    this.gzip = gzip;
    this.expected = expected;
    this.layout = layout;
  }

  /**
   * Opens {@code path}; gzip is recognised by its magic bytes 1f 8b, anything else is read as raw IDX.
   *
   * @param headerBytes the size of the header, the least a valid file can hold
   */
  static IdxInput open(Path path, int headerBytes) {
    String file = path.toString();
    InputFiles.requireRegularFile(path, "an IDX file",
        (f, problem, cause) -> new DataException(file + ": " + problem, cause));
    InputStream raw = null;
    try {
      raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzip ? new BufferedInputStream(new StrictGzipInputStream(raw), 1 << 16) : raw;
      return new IdxInput(path, in, gzip, headerBytes, "the IDX header");
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found", e);
    } catch (AccessDeniedException e) {
      throw new DataException(file + ": permission denied", e);
    } catch (IOException e) {
      // the gzip header is read with the data, so its problems are reported as theirs
      closeQuietly(raw);
      throw new DataException(file + ": cannot read: " + SystemReason.message(e), e);
    }
  }

  private static void closeQuietly(InputStream s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // the original failure is what gets reported
      }
    }
  }

  String file() {
    return file;
  }

  /**
   * From now on, truncation messages say the file should hold {@code bytes} bytes, laid out as described; a file
   * too short to hold them is reported truncated at once, before anything is allocated for what its header
   * declares (a damaged header of a few bytes may declare gigabytes).
   */
  void expect(long bytes, String description) {
    this.expected = bytes;
    this.layout = description;
    this.headerOnly = false;
    if (!Files.isRegularFile(path)) {
      return; // a pipe has no size; what it holds is checked as it is read
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + SystemReason.message(e), e);
    }
    if (!gzip && size < bytes) {
      throw truncated(size, null);
    }
    if (gzip && size * MAX_DEFLATE_RATIO < bytes) {
      throw new DataException(file + ": truncated: " + size + " bytes of gzip data decompress to at most "
          + size * MAX_DEFLATE_RATIO + " bytes, and the header declares " + bytes + " (" + layout + ")");
    }
  }

  /** Deflate's largest ratio of decompressed to compressed bytes (RFC 1951: 258-byte matches in 2 bits), rounded up. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  /** A big-endian 32-bit integer. */
  int readInt() {
    byte[] b = new byte[4];
    readFully(b, 0, 4);
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  /**
   * Reads exactly {@code len} bytes.
   *
   * @param b destination. Modified.
   */
  void readFully(byte[] b, int off, int len) {
    int done = 0;
    try {
      while (done < len) {
        int r = in.read(b, off + done, len - done);
        if (r < 0) {
          throw truncated(offset + done, null);
        }
        done += r;
      }
    } catch (EOFException e) {
      throw truncated(offset + done, e);
    } catch (ZipException e) {
      throw new DataException(file + ": corrupt gzip data near byte " + (offset + done) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + SystemReason.message(e), e);
    }
    offset += len;
  }

  /**
   * Reads the rest of the declared data without keeping it, and checks that the file ends there: for gzip,
   * that the data end with a valid trailer (CRC-32 and size) and nothing after it. Called once the header's
   * {@link #expect expected length} is known and what is needed has been read.
   */
  void finish() {
    if (!gzip) {
      finishRaw();
      return;
    }
    byte[] skipped = new byte[1 << 16];
    while (offset < expected) {
      readFully(skipped, 0, (int) Math.min(skipped.length, expected - offset));
    }
    try {
      if (in.read() >= 0) {
        throw new DataException(file + ": more data follow the " + expected + " bytes (after decompression) that the"
            + " header declares (" + layout + ")");
      }
    } catch (EOFException e) {
      throw new DataException(file + ": truncated: " + e.getMessage(), e);
    } catch (ZipException e) {
      throw new DataException(file + ": corrupt gzip data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + SystemReason.message(e), e);
    }
  }

  /** A raw file is checked by its size, so that bytes after the last sample read need not be read. */
  private void finishRaw() {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + SystemReason.message(e), e);
    }
    if (size < expected) {
      throw truncated(size, null);
    }
    if (size > expected) {
      throw new DataException(file + ": " + (size - expected) + " bytes follow the " + expected
          + " bytes that the header declares (" + layout + "); the file is longer than an IDX file of that size");
    }
  }

  /** The offset of the next byte, counted from the start of the (decompressed) IDX data. */
  long offset() {
    return offset;
  }

  private DataException truncated(long at, Throwable cause) {
    String msg = file + ": truncated: data ends at byte " + at + (gzip ? " (after decompression)" : "")
        + ", expected " + (headerOnly ? "at least " : "") + expected + " bytes (" + layout + ")";
    return cause == null ? new DataException(msg) : new DataException(msg, cause);
  }

  @Override
  public void close() {
    closeQuietly(in);
  }
}
