package dev.nn.core.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Which character separates a CSV file's fields: a comma, or — when the header line has none outside quotes —
 * a semicolon or a tab, whichever it has more of, as spreadsheets write in locales whose decimal mark is a comma
 * and as {@code .tsv} files are. Read from the header alone, before parsing, so that every command reads a file
 * alike.
 */
final class CsvSeparator {
  /** Characters read ahead at a time while looking for the header line. */
  private static final int CHUNK = 8192;
  /** Characters read ahead at most: a header line is at most {@link LineCappedReader#MAX_LINE}, blank lines few. */
  private static final int LIMIT = 2 * LineCappedReader.MAX_LINE;

  private CsvSeparator() {}

  /**
   * A file's text read ahead up to the end of its first non-blank line (or of the file), and the separator that
   * line shows; {@link #rest} gives the whole text again, without reading it twice.
   */
  static final class Peeked {
    private final char[] head;
    private final int length;
    private final Reader tail;
    private final char separator;

    private Peeked(char[] head, int length, Reader tail, char separator) {
      this.head = head;
      this.length = length;
      this.tail = tail;
      this.separator = separator;
    }

    /** The separator. */
    char separator() {
      return separator;
    }

    /** The text from its start: what was read ahead, then the rest of {@code in}. */
    Reader rest() {
      return new Reader() {
        private int at;

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
          if (at < length) {
            int n = Math.min(count, length - at);
            System.arraycopy(head, at, buffer, offset, n);
            at += n;
            return n;
          }
          return tail.read(buffer, offset, count);
        }

        @Override
        public void close() throws IOException {
          tail.close();
        }
      };
    }
  }

  /**
   * Reads {@code in} ahead to the end of its first non-blank line (which {@link LineCappedReader} bounds) and
   * tells its separator; after {@value #LIMIT} characters of blank lines it stops looking.
   */
  static Peeked peek(Reader in) throws IOException {
    char[] head = new char[CHUNK];
    int length = 0;
    int lineStart = 0;
    while (true) {
      if (length == head.length) {
        head = java.util.Arrays.copyOf(head, head.length * 2);
      }
      int n = in.read(head, length, head.length - length);
      if (n < 0) {
        return new Peeked(head, length, in, of(new String(head, lineStart, length - lineStart)));
      }
      int end = length + n;
      for (int i = length; i < end; i++) {
        if (head[i] == '\n' || head[i] == '\r') {
          String line = new String(head, lineStart, i - lineStart);
          if (!line.isBlank()) {
            return new Peeked(head, end, in, of(line));
          }
          lineStart = i + 1;
        }
      }
      length = end;
      if (length > LIMIT) {
        // blank lines without end: the comma, and the parser takes the rest as it comes
        return new Peeked(head, length, in, ',');
      }
    }
  }

  /**
   * The separator a header line shows: a comma if it has one outside quotes; else the more frequent there of
   * semicolon and tab (a name may hold the other), a semicolon on a tie; a comma when it has neither.
   */
  static char of(String header) {
    boolean quoted = false;
    int semicolons = 0;
    int tabs = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted; // a doubled quote inside quotes toggles twice
      } else if (!quoted) {
        if (c == ',') {
          return ',';
        }
        semicolons += c == ';' ? 1 : 0;
        tabs += c == '\t' ? 1 : 0;
      }
    }
    return semicolons == 0 && tabs == 0 ? ',' : semicolons >= tabs ? ';' : '\t';
  }
}
