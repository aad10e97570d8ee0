package dev.nn.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data (RFC 1952) and accepts only what gzip wrote: every member's header, deflate data
 * and trailer, the trailer's CRC-32 and size checked against the data, and nothing but further members
 * after a member.
 *
 * <p>{@link java.util.zip.GZIPInputStream} is not enough for input that must be trusted: it silently ignores
 * bytes after a member that do not start a new one, and, like any gzip reader, it can check a member's
 * CRC-32 only when it is read to its end, which a reader that stops after the bytes it needs never does.
 * This stream checks the trailer as soon as a member's data end, so a caller that reads until {@code -1}
 * has had every byte checked. It never decompresses more than is asked of it, so a caller bounds the
 * inflated size by how much it reads.
 *
 * <p>Problems are thrown as {@link EOFException} (the data end early; the message says where) and
 * {@link ZipException} (the data are not valid gzip); offsets in messages count bytes of the compressed
 * file.
 */
public final class StrictGzipInputStream extends InputStream {
  private static final int ID1 = 0x1f;
  private static final int ID2 = 0x8b;
  private static final int DEFLATE = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED_FLAGS = 0xe0;
  /** MTIME (4 bytes), XFL and OS: header bytes nn does not use. */
  private static final int FIXED_HEADER_REST = 6;

  private enum State { FIRST_HEADER, NEXT_HEADER, DATA, END }

  private final InputStream raw;
  private final byte[] buffer = new byte[1 << 16];
  /** {@code buffer[pos, len)} holds compressed bytes read but not yet used (nor given to the inflater). */
  private int pos;
  private int len;
  /** Compressed bytes read from {@code raw} so far. */
  private long fetched;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final CRC32 headerCrc = new CRC32();
  private long memberSize;
  private State state = State.FIRST_HEADER;

  /** Reads gzip data from {@code raw}, which this stream closes. */
  public StrictGzipInputStream(InputStream raw) {
    this.raw = Objects.requireNonNull(raw, "raw");
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    Objects.checkFromIndexSize(off, n, b.length);
    if (n == 0) {
      return 0;
    }
    while (true) {
      switch (state) {
        case END:
          return -1;
        case FIRST_HEADER:
        case NEXT_HEADER:
          if (!header(state == State.FIRST_HEADER)) {
            state = State.END;
            return -1;
          }
          state = State.DATA;
          break;
        default:
          int got = inflate(b, off, n);
          if (got > 0) {
            return got;
          }
          trailer();
          state = State.NEXT_HEADER;
      }
    }
  }

  /** The offset in the compressed file of the next byte not yet used. */
  private long offset() {
    return fetched - (len - pos);
  }

  /** Makes sure unused compressed bytes are buffered; false at the end of the file. */
  private boolean fill() throws IOException {
    if (pos < len) {
      return true;
    }
    int n = raw.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    len = n;
    fetched += n;
    return true;
  }

  /** The next compressed byte, or -1 at the end of the file. */
  private int next() throws IOException {
    return fill() ? buffer[pos++] & 0xff : -1;
  }

  /**
   * Reads a member's header; false when the file ends where a further member could start.
   *
   * @param first whether this is the file's first member, which must be there
   */
  private boolean header(boolean first) throws IOException {
    long start = offset();
    int id1 = next();
    if (id1 < 0) {
      if (first) {
        throw new EOFException("the file is empty");
      }
      return false;
    }
    int id2 = next();
    if (id1 != ID1 || id2 != ID2) {
      throw new ZipException(first
          ? "not gzip data (no gzip magic bytes 1f 8b at the start)"
          : "data that are not gzip follow the end of the gzip data at byte " + start
              + "; nothing may follow a gzip file's last member");
    }
    headerCrc.reset();
    headerCrc.update(id1);
    headerCrc.update(id2);
    int method = headerByte();
    if (method != DEFLATE) {
      throw new ZipException("unsupported compression method " + method + " in the gzip header at byte " + start
          + "; gzip uses 8 (deflate)");
    }
    int flags = headerByte();
    if ((flags & RESERVED_FLAGS) != 0) {
      throw new ZipException("reserved flag bits set in the gzip header at byte " + start);
    }
    for (int i = 0; i < FIXED_HEADER_REST; i++) {
      headerByte();
    }
    if ((flags & FEXTRA) != 0) {
      int extra = headerByte() | headerByte() << 8;
      for (int i = 0; i < extra; i++) {
        headerByte();
      }
    }
    if ((flags & FNAME) != 0) {
      while (headerByte() != 0) {
        // the original file name, not used
      }
    }
    if ((flags & FCOMMENT) != 0) {
      while (headerByte() != 0) {
        // a comment, not used
      }
    }
    if ((flags & FHCRC) != 0) {
      long expected = headerCrc.getValue() & 0xffff;
      long stored = rawHeaderByte() | rawHeaderByte() << 8;
      if (stored != expected) {
        throw new ZipException("the gzip header's checksum does not match the header at byte " + start);
      }
    }
    inflater.reset();
    crc.reset();
    memberSize = 0;
    return true;
  }

  /** A header byte, counted into the header's checksum. */
  private int headerByte() throws IOException {
    int b = rawHeaderByte();
    headerCrc.update(b);
    return b;
  }

  private int rawHeaderByte() throws IOException {
    int b = next();
    if (b < 0) {
      throw new EOFException("the gzip data end at byte " + offset() + ", inside a gzip header");
    }
    return b;
  }

  /** Decompresses into {@code b}; 0 once the member's deflate data have ended. */
  private int inflate(byte[] b, int off, int n) throws IOException {
    while (true) {
      int got;
      try {
        got = inflater.inflate(b, off, n);
      } catch (DataFormatException e) {
        throw new ZipException("invalid deflate data" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
      }
      if (got > 0) {
        crc.update(b, off, got);
        memberSize += got;
        return got;
      }
      if (inflater.finished()) {
        pos = len - inflater.getRemaining(); // the bytes after the deflate data are the trailer's
        return 0;
      }
      if (inflater.needsDictionary()) {
        throw new ZipException("invalid deflate data (a preset dictionary, which gzip does not allow)");
      }
      if (inflater.needsInput()) {
        if (!fill()) {
          throw new EOFException("the gzip data end at byte " + offset() + ", inside compressed data");
        }
        inflater.setInput(buffer, pos, len - pos);
        pos = len;
      }
    }
  }

  /** Reads and checks a member's trailer: the CRC-32 and the size (mod 2³²) of its data. */
  private void trailer() throws IOException {
    long at = offset();
    long storedCrc = trailerInt(at);
    long storedSize = trailerInt(at);
    if (storedCrc != crc.getValue()) {
      throw new ZipException(String.format(
          "CRC-32 mismatch: the gzip trailer at byte %d says %08x, the decompressed data give %08x; the data are "
              + "corrupt", at, storedCrc, crc.getValue()));
    }
    long size = memberSize & 0xffffffffL;
    if (storedSize != size) {
      throw new ZipException("size mismatch: the gzip trailer at byte " + at + " says " + storedSize
          + " bytes (mod 2^32), the decompressed data are " + size);
    }
  }

  /** A little-endian 32-bit unsigned integer of the trailer that starts at {@code at}. */
  private long trailerInt(long at) throws IOException {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int b = next();
      if (b < 0) {
        throw new EOFException("the gzip data end at byte " + offset() + ", inside the 8-byte trailer (CRC-32 and "
            + "size) that starts at byte " + at);
      }
      v |= (long) b << (8 * i);
    }
    return v;
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    raw.close();
  }
}
