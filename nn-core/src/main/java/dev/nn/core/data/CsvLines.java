package dev.nn.core.data;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a CSV file, each at most {@value #MAX_LINE} characters, so that a file without line ends
 * (a 100 MB header, or gigabytes of one line) is refused after reading that much rather than read into
 * memory. Line ends are LF, CRLF and a lone CR, as {@link java.io.BufferedReader#readLine()} has them.
 */
final class CsvLines {
  /** Characters per line at most, without the line end: 1 MiB. */
  static final int MAX_LINE = 1 << 20;

  private final Reader in;
  private final String file;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int len;
  private final StringBuilder line = new StringBuilder();
  /** The previous line ended with CR: an LF that follows belongs to it. */
  private boolean skipLf;
  private int number;

  /** Reads {@code in}, named {@code file} in messages. */
  CsvLines(Reader in, String file) {
    this.in = in;
    this.file = file;
  }

  /**
   * The next line without its line end, or {@code null} at the end of the file.
   *
   * @throws DataException for a line longer than {@value #MAX_LINE} characters
   */
  String next() throws IOException {
    line.setLength(0);
    boolean started = false;
    while (true) {
      if (pos == len) {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
          if (!started) {
            return null;
          }
          number++;
          return line.toString();
        }
        pos = 0;
        len = n;
      }
      if (skipLf) {
        skipLf = false;
        if (buffer[pos] == '\n') {
          pos++;
          continue;
        }
      }
      started = true;
      int start = pos;
      while (pos < len && buffer[pos] != '\n' && buffer[pos] != '\r') {
        pos++;
      }
      if (line.length() + (pos - start) > MAX_LINE) {
        throw new DataException(file + ":" + (number + 1) + ": line is longer than " + MAX_LINE
            + " characters; lines of a CSV file are limited to 1 MiB");
      }
      line.append(buffer, start, pos - start);
      if (pos < len) {
        skipLf = buffer[pos++] == '\r';
        number++;
        return line.toString();
      }
    }
  }

  /** The 1-based number of the line {@link #next()} returned last. */
  int number() {
    return number;
  }
}
