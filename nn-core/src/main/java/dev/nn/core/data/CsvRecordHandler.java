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
   * One record: its fields, the 1-based line it starts on, whether its last field was in quotes, and which fields
   * were ({@code null} when none was).
   */
  record Record(String[] fields, long line, boolean lastQuoted, boolean[] quoted) {
    /** Whether field {@code i} was written in quotes. */
    boolean isQuoted(int i) {
      return quoted != null && quoted[i];
    }
  }

  private String[] fields = new String[32];
  private boolean[] quoted = new boolean[32];
  private boolean anyQuoted;
  private boolean lastQuoted;

  @Override
  protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
    if (index == fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
      this.quoted = Arrays.copyOf(this.quoted, fields.length);
    }
    fields[index] = new String(buffer, offset, length);
    this.quoted[index] = quoted;
    anyQuoted |= quoted;
    lastQuoted = quoted;
  }

  @Override
  protected RecordWrapper<Record> buildRecord() {
    int n = getFieldCount();
    boolean[] which = anyQuoted ? Arrays.copyOf(quoted, n) : null;
    anyQuoted = false;
    return wrapRecord(new Record(Arrays.copyOf(fields, n), getStartingLineNumber(), lastQuoted, which));
  }
}
