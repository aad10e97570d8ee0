package dev.nn.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where a byte stream first stops being UTF-8, for a message that points at it: the byte, its offset and its line.
 * UTF-8 as Java's strict decoder reads it: no overlong forms, no surrogates, nothing above U+10FFFF.
 *
 * @param offset the 0-based offset of the first byte of the malformed sequence
 * @param line the 1-based line it is on (lines end in a line feed)
 * @param value the byte at {@code offset}, 0..255
 */
public record Utf8Position(long offset, long line, int value) {

  /** "byte 0xE9 at offset 57": what the message names. */
  public String describe() {
    return String.format("byte 0x%02X at offset %d", value, offset);
  }

  /**
   * The first malformed sequence of {@code in}, read to its end at most; {@code null} when it is all UTF-8 (a
   * sequence cut short by the end of the stream is malformed: {@code value} is then its first byte).
   *
   * @throws IOException as reading throws it
   */
  public static Utf8Position firstMalformed(InputStream in) throws IOException {
    InputStream bytes = new BufferedInputStream(in, 1 << 16);
    long offset = 0;
    long line = 1;
    int b;
    while ((b = bytes.read()) >= 0) {
      int lead = b;
      long at = offset;
      offset++;
      if (lead < 0x80) {
        if (lead == '\n') {
          line++;
        }
        continue;
      }
      int more;
      int min = 0x80;
      int max = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        more = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        more = 2;
        min = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
        max = lead == 0xED ? 0x9F : 0xBF; // no surrogates
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        more = 3;
        min = lead == 0xF0 ? 0x90 : 0x80;
        max = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
      } else {
        return new Utf8Position(at, line, lead);
      }
      for (int i = 0; i < more; i++) {
        int c = bytes.read();
        boolean ok = i == 0 ? c >= min && c <= max : c >= 0x80 && c <= 0xBF;
        if (!ok) {
          return new Utf8Position(at, line, lead);
        }
        offset++;
      }
    }
    return null;
  }
}
