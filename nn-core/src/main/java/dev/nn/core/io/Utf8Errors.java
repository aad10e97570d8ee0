package dev.nn.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Where text stops being UTF-8: the first byte that does not begin or continue a UTF-8 character as the Unicode
 * standard defines it (no overlong forms, no surrogates, nothing above U+10FFFF — what Java's decoder refuses), with
 * its line, its column (in characters, counted from 1) and its offset in bytes; or a UTF-16 byte-order mark at the
 * start, the usual reason for such text. Used once a decoder has refused the text, to say where and why.
 */
public final class Utf8Errors {
  private Utf8Errors() {}

  /**
   * The first byte of a text that is not UTF-8.
   *
   * @param line the 1-based line it is on
   * @param column the 1-based character of that line it would be
   * @param offset its 0-based offset in bytes
   * @param value the byte, 0..255, or -1 when the text ends inside a character
   * @param utf16 whether the text starts with a UTF-16 byte-order mark (FE FF or FF FE)
   */
  public record Location(long line, long column, long offset, int value, boolean utf16) {
    /** What is wrong, without the file: "UTF-16 text ...", or "byte 0xE9 at line 3, column 5 ...". */
    public String problem() {
      if (utf16) {
        return "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8";
      }
      String where = "line " + line + ", column " + column + " (byte offset " + offset + ")";
      if (value < 0) {
        return "not UTF-8 text: it ends inside a character that starts at " + where + "; save the file as UTF-8";
      }
      return "not UTF-8 text: byte " + String.format(Locale.ROOT, "0x%02X", value) + " at " + where
          + " is not valid UTF-8; save the file as UTF-8"
          + (value >= 0x80 ? " (such bytes often come from Latin-1 or Windows-1252 text)" : "");
    }

    /** What a data file's message says after its name: {@code :3: not UTF-8 text: ...} or {@code : UTF-16 text ...}. */
    public String describe() {
      return (utf16 ? "" : ":" + line) + ": " + problem();
    }
  }

  /** The first bad byte of {@code bytes}, or empty when they are UTF-8 text. */
  public static Optional<Location> find(byte[] bytes) {
    try {
      return find(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new AssertionError(e); // a byte array never fails to read
    }
  }

  /** The first bad byte of what {@code in} reads (which this reads up to it, and does not close). */
  public static Optional<Location> find(InputStream in) throws IOException {
    byte[] mark = in.readNBytes(2);
    if (mark.length == 2 && ((mark[0] & 0xFF) == 0xFE && (mark[1] & 0xFF) == 0xFF
        || (mark[0] & 0xFF) == 0xFF && (mark[1] & 0xFF) == 0xFE)) {
      return Optional.of(new Location(1, 1, 0, mark[0] & 0xFF, true));
    }
    Scan scan = new Scan();
    for (byte b : mark) {
      if (!scan.next(b & 0xFF)) {
        return Optional.of(scan.bad(b & 0xFF));
      }
    }
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      for (int k = 0; k < n; k++) {
        if (!scan.next(buffer[k] & 0xFF)) {
          return Optional.of(scan.bad(buffer[k] & 0xFF));
        }
      }
    }
    return scan.need > 0 ? Optional.of(new Location(scan.line, scan.column, scan.start, -1, false)) : Optional.empty();
  }

  /** The UTF-8 state machine (Unicode's table 3-7 of well-formed byte sequences). */
  private static final class Scan {
    long offset;
    long line = 1;
    long column = 1;
    long start;
    int need;
    int lower = 0x80;
    int upper = 0xBF;
    int lead;

    /** Takes byte {@code b}; false when it cannot be there. */
    boolean next(int b) {
      if (need > 0) {
        if (b < lower || b > upper) {
          return false;
        }
        lower = 0x80;
        upper = 0xBF;
        if (--need == 0) {
          column++;
        }
        offset++;
        return true;
      }
      start = offset;
      lead = b;
      if (b < 0x80) {
        if (b == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      } else if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        lower = b == 0xE0 ? 0xA0 : 0x80;
        upper = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        lower = b == 0xF0 ? 0x90 : 0x80;
        upper = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return false;
      }
      offset++;
      return true;
    }

    /**
     * Where the refused byte {@code b} is: a byte that cannot start a character, or the start of the character it
     * cuts short (a Latin-1 "é", 0xE9, followed by ASCII is the byte 0xE9).
     */
    Location bad(int b) {
      return need > 0 ? new Location(line, column, start, lead, false) : new Location(line, column, offset, b, false);
    }
  }
}
