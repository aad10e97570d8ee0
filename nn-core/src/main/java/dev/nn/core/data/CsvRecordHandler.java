package dev.nn.core.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.util.Arrays;

/**
 * Collects FastCSV's fields straight into an array of strings with the record's first line, and whether its
 * last field was quoted: the little a {@link CsvRecords} needs, without the library's list views and copies.
 */
final class CsvRecordHandler extends AbstractBaseCsvCallbackHandler<CsvRecordHandler.Record> {
  /**
   * One record: its fields, the 1-based line it starts on, whether its last field was in quotes, which fields
   * were ({@code null} when none was), and the first field that opens a quote after spaces and is split at a
   * separator inside it, or −1.
   */
  record Record(String[] fields, long line, boolean lastQuoted, boolean[] quoted, int openedAfterSpaces) {
    /** Whether field {@code i} was written in quotes. */
    boolean isQuoted(int i) {
      return quoted != null && quoted[i];
    }
  }

  private String[] fields = new String[32];
  private boolean[] quoted = new boolean[32];
  private boolean anyQuoted;
  private boolean lastQuoted;
  private int openedAfterSpaces = -1;

  @Override
  protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
    if (index == fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
      this.quoted = Arrays.copyOf(this.quoted, fields.length);
    }
    String field = new String(buffer, offset, length);
    String unquoted = quoted ? null : quotedAfterSpaces(field);
    if (!quoted && unquoted == null && openedAfterSpaces < 0 && opensAQuote(field)) {
      openedAfterSpaces = index;
    }
    fields[index] = unquoted != null ? unquoted : field;
    this.quoted[index] = quoted || unquoted != null;
    anyQuoted |= this.quoted[index];
    // as the parser read it: a quote it saw opened and never closed runs to the end of the file
    lastQuoted = quoted;
  }

  /**
   * The text of a field written in quotes after spaces or tabs ({@code a, "b"}, as people and some programs write
   * CSV), or {@code null} for any other field. RFC 4180 has a quote only as a field's first character, so the parser
   * kept the quotes as characters: numbers were refused as {@code " "3.5""} and class labels trained with their
   * quotes. Spaces around a value are ignored elsewhere, so here too. (Such a field holding the separator is split
   * at it by the parser, and left as it is.)
   */
  static String quotedAfterSpaces(String field) {
    int start = 0;
    while (start < field.length() && (field.charAt(start) == ' ' || field.charAt(start) == '\t')) {
      start++;
    }
    int end = field.length();
    while (end > start && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
      end--;
    }
    if (start == 0 || end - start < 2 || field.charAt(start) != '"' || field.charAt(end - 1) != '"') {
      return null;
    }
    String inner = field.substring(start + 1, end - 1);
    // a quote inside is written doubled; a lone one means the quotes were not the field's
    if (inner.replace("\"\"", "").indexOf('"') >= 0) {
      return null;
    }
    return inner.replace("\"\"", "\"");
  }

  /**
   * Whether {@code field}, not read as quoted, opens a quote after spaces that it does not close: a quoted field
   * holding the separator, split at it because of the space before its quote.
   */
  private static boolean opensAQuote(String field) {
    String text = field.strip();
    return !text.isEmpty() && text.charAt(0) == '"' && (text.length() == 1 || text.charAt(text.length() - 1) != '"');
  }

  @Override
  protected RecordWrapper<Record> buildRecord() {
    int n = getFieldCount();
    boolean[] which = anyQuoted ? Arrays.copyOf(quoted, n) : null;
    anyQuoted = false;
    int opened = openedAfterSpaces;
    openedAfterSpaces = -1;
    return wrapRecord(new Record(Arrays.copyOf(fields, n), getStartingLineNumber(), lastQuoted, which, opened));
  }
}
