package dev.nn.core.data;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that refuses a physical line longer than {@value #MAX_LINE} characters, so that a file without
 * line ends (a 100 MB header, or gigabytes of one line) is refused after reading that much rather than
 * parsed into memory. Line ends are LF, CRLF and a lone CR; the count is of physical lines, so a quoted field
 * that spans lines is bounded line by line (and as a whole by the parser's own record limit).
 */
final class LineCappedReader extends Reader {
  /** Characters per line at most, without the line end: 1 MiB. */
  static final int MAX_LINE = 1 << 20;

  private final Reader in;
  private final String file;
  private int lineLength;
  /** 1-based number of the line being read. */
  private int line = 1;
  private boolean afterCr;
  /** The last character read that is not a line break, or 0 before any. */
  private char lastChar;

  /** Reads {@code in}, named {@code file} in messages. */
  LineCappedReader(Reader in, String file) {
    this.in = in;
    this.file = file;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    int end = offset + n;
    // where the current line started, relative to this chunk: negative when it started in an earlier one
    int lineStart = offset - lineLength;
    boolean cr = afterCr;
    for (int i = offset; i < end; i++) {
      char c = buffer[i];
      // digits, signs, commas and letters are all above '\r': one comparison for nearly every character
      if (c <= '\r' && (c == '\n' || c == '\r')) {
        requireShort(i - lineStart);
        if (c == '\r' || !cr) {
          line++;
        }
        cr = c == '\r';
        lineStart = i + 1;
      } else {
        cr = false;
      }
    }
    afterCr = cr;
    if (n > 0) {
      lineLength = end - lineStart;
      requireShort(lineLength);
      for (int i = end - 1; i >= offset; i--) {
        // spaces after a closing quote are left out of the field (SpacesAfterQuotes), as line breaks are here
        if (buffer[i] != '\n' && buffer[i] != '\r' && buffer[i] != ' ' && buffer[i] != '\t') {
          lastChar = buffer[i];
          break;
        }
      }
    }
    return n;
  }

  /**
   * Whether the text read so far ends, line breaks and spaces aside, with a double quote: a file whose last field is
   * quoted must, or its quote was never closed.
   */
  boolean endsWithQuote() {
    return lastChar == '"';
  }

  private void requireShort(int length) {
    if (length > MAX_LINE) {
      throw new DataException(file + ":" + line + ": line is longer than " + MAX_LINE
          + " characters; lines of a CSV file are limited to 1 MiB");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
