package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which character separates a CSV file's fields: a comma, a semicolon (as spreadsheets write in locales whose
 * decimal mark is a comma), a tab ({@code .tsv} files) or a vertical bar. Unless the source names one
 * ({@link CsvOptions#separator()}), it is sniffed from the header and the first data records, before parsing, so
 * that every command reads a file alike:
 *
 * <ol>
 *   <li>a candidate is consistent when it splits the header into 2 or more fields (counting only separators outside
 *       quotes) and every one of the first {@value #RECORDS} data records into as many;
 *   <li>of the consistent candidates, the one that gives the most fields wins, a tie going to the earlier of
 *       comma, semicolon, tab, bar;
 *   <li>when none is consistent (a file of one column, or a ragged one whose error the parser then reports), the
 *       header alone decides: a comma if it has one outside quotes, else the most frequent of the others.
 * </ol>
 */
final class CsvSeparator {
  /** Characters read ahead at a time while looking for the first records. */
  private static final int CHUNK = 8192;
  /** Characters read ahead at most: a line is at most {@link LineCappedReader#MAX_LINE}. */
  private static final int LIMIT = 2 * LineCappedReader.MAX_LINE;
  /** Data records after the header that the sniffing compares. */
  static final int RECORDS = 5;
  /** The candidates, in order of preference on a tie. */
  private static final char[] CANDIDATES = {',', ';', '\t', '|'};

  private CsvSeparator() {}

  /**
   * A file's text read ahead over its header and first data records (or to its end), and the separator they
   * show; {@link #rest} gives the whole text again, without reading it twice.
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
   * Reads {@code in} ahead over its header and {@value #RECORDS} data records (lines which
   * {@link LineCappedReader} bounds) and tells their separator, or keeps {@code given} when it is not
   * {@link CsvOptions#AUTO_SEPARATOR}.
   */
  static Peeked peek(Reader in, char given) throws IOException {
    if (given != CsvOptions.AUTO_SEPARATOR) {
      return new Peeked(new char[0], 0, in, given);
    }
    char[] head = new char[CHUNK];
    int length = 0;
    while (true) {
      if (length == head.length) {
        head = Arrays.copyOf(head, head.length * 2);
      }
      int n = in.read(head, length, head.length - length);
      if (n < 0) {
        return new Peeked(head, length, in, of(records(head, length, true)));
      }
      length += n;
      List<String> records = records(head, length, false);
      if (records.size() > RECORDS || length > LIMIT) {
        return new Peeked(head, length, in, of(records));
      }
    }
  }

  /**
   * The non-blank records that {@code text} completes (with {@code atEnd}, its last one too), split at line ends
   * outside quotes, at most {@value #RECORDS} + 1.
   */
  private static List<String> records(char[] text, int length, boolean atEnd) {
    List<String> records = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < length && records.size() <= RECORDS; i++) {
      char c = text[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        String record = new String(text, start, i - start);
        if (!record.isBlank()) {
          records.add(record);
        }
        start = i + 1;
      }
    }
    if (atEnd && start < length && records.size() <= RECORDS) {
      String record = new String(text, start, length - start);
      if (!record.isBlank()) {
        records.add(record);
      }
    }
    return records;
  }

  /** The separator of a file whose first records are {@code records}, the header first (see the class comment). */
  static char of(List<String> records) {
    if (records.isEmpty()) {
      return ',';
    }
    char best = 0;
    int bestFields = 1;
    for (char c : CANDIDATES) {
      int fields = fields(records.get(0), c);
      boolean consistent = fields >= 2;
      for (int r = 1; consistent && r < records.size(); r++) {
        consistent = fields(records.get(r), c) == fields;
      }
      if (consistent && fields > bestFields) {
        best = c;
        bestFields = fields;
      }
    }
    return best != 0 ? best : of(records.get(0));
  }

  /**
   * The separator a header line shows on its own: a comma if it has one outside quotes; else the most frequent
   * there of semicolon, tab and bar (a name may hold another), in that order on a tie; a comma when it has none.
   */
  static char of(String header) {
    int[] counts = counts(header);
    if (counts[0] > 0) {
      return ',';
    }
    int best = 0;
    for (int k = 1; k < CANDIDATES.length; k++) {
      if (counts[k] > (best == 0 ? 0 : counts[best])) {
        best = k;
      }
    }
    return CANDIDATES[best];
  }

  /** The fields {@code record} splits into at {@code separator} outside quotes. */
  private static int fields(String record, char separator) {
    return counts(record)[indexOf(separator)] + 1;
  }

  private static int indexOf(char separator) {
    for (int k = 0; k < CANDIDATES.length; k++) {
      if (CANDIDATES[k] == separator) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a separator: " + (int) separator);
  }

  /**
   * How many of each candidate {@code line} holds outside quotes. A tab next to another candidate, with only blanks
   * between, is taken as the blank around a value ({@code 5.1,<tab>"3.5"}) and not counted: such files are separated
   * by the other.
   */
  private static int[] counts(String line) {
    int[] counts = new int[CANDIDATES.length];
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted; // a doubled quote inside quotes toggles twice
      } else if (!quoted && !(c == '\t' && besideAnotherCandidate(line, i))) {
        for (int k = 0; k < CANDIDATES.length; k++) {
          counts[k] += c == CANDIDATES[k] ? 1 : 0;
        }
      }
    }
    return counts;
  }

  /** Whether the nearest character before or after {@code at} that is not a space or a tab is a comma, semicolon or bar. */
  private static boolean besideAnotherCandidate(String line, int at) {
    return isOtherCandidate(nearest(line, at, -1)) || isOtherCandidate(nearest(line, at, 1));
  }

  private static char nearest(String line, int at, int step) {
    for (int i = at + step; i >= 0 && i < line.length(); i += step) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t') {
        return c;
      }
    }
    return 0;
  }

  /** Whether {@code c} is a candidate separator other than the tab. */
  private static boolean isOtherCandidate(char c) {
    return c != '\t' && String.valueOf(CANDIDATES).indexOf(c) >= 0;
  }

  /** How a separator is named in messages. */
  static String name(char separator) {
    return switch (separator) {
      case ',' -> "commas";
      case ';' -> "semicolons";
      case '\t' -> "tabs";
      case '|' -> "vertical bars";
      default -> "\"" + separator + "\"";
    };
  }

  /** Whether the header, joined again by {@code used} and split by {@code other}, has a column named {@code wanted}. */
  private static boolean splitsInto(String[] header, char used, char other, String wanted) {
    String line = String.join(String.valueOf(used), header);
    for (String name : line.split(java.util.regex.Pattern.quote(String.valueOf(other)), -1)) {
      if (name.strip().equals(wanted.strip())) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a column that was not found: when a name of {@code header} holds another separator, a sentence saying the
   * file may be separated by it and naming the key that says so; else empty.
   */
  static String hint(String[] header, char used) {
    return hint(header, used, null);
  }

  /**
   * {@link #hint(String[], char)} for the column {@code wanted}: another separator is suggested only when splitting
   * the header by it gives that column (a tab-separated file whose names hold commas is read right, and the column is
   * simply not there); {@code null} suggests one whenever a name holds it.
   */
  static String hint(String[] header, char used, String wanted) {
    if (header.length > 0 && header[0].strip().startsWith("#")) {
      // a comment or an exporter's preamble above the header, which nn reads as the header itself
      return " The header line, \"" + Excerpt.of(String.join(String.valueOf(used), header)) + "\", begins with #:"
          + " if it is a comment, remove it and any other line above the header: nn reads the first line that is"
          + " not blank as the header.";
    }
    for (char c : CANDIDATES) {
      if (c == used || wanted != null && !splitsInto(header, used, c, wanted)) {
        continue;
      }
      for (String name : header) {
        if (name.indexOf(c) >= 0) {
          return " The header was read as separated by " + name(used) + ", and its names hold " + name(c)
              + "; if " + name(c) + " separate the fields, set separator: " + (c == '\t' ? "tab" : "\"" + c + "\"")
              + " on the csv source.";
        }
      }
    }
    if (header.length == 1 && header[0].strip().matches("[A-Za-z_][\\w.-]*:( .*)?")) {
      // an experiment (or another YAML file) named as the data: its first line is a key and its value
      return " The header was read as one name, \"" + Excerpt.of(header[0]) + "\", which reads as YAML (a key and"
          + " its value), not as CSV: is an experiment file named as the data? The data is a CSV file of a header"
          + " line of column names and a line per row.";
    }
    if (header.length == 1 && header[0].strip().split("[ ]+").length > 1) {
      // a file separated by spaces (or in fixed-width columns), which nn does not read
      return " The header was read as one name, \"" + Excerpt.of(header[0]) + "\"; if spaces separate the fields,"
          + " save the file with commas, semicolons, tabs or vertical bars, which are the separators nn reads.";
    }
    return "";
  }

  /** {@code name} with tabs shown as {@code \t}, for messages. */
  static String shown(String name) {
    return name.replace("\t", "\\t");
  }
}
