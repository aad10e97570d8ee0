package dev.nn.core.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.util.Arrays;

/**
 * Collects FastCSV's fields straight into an array of strings with the record's first line, and whether its
 * last field was quoted: the little a {@link CsvRecords} needs, without the library's list views and copies.
 */
final class CsvRecordHandler extends AbstractBaseCsvCallbackHandler<CsvRecordHandler.Record> {
  /** One record: its fields, the 1-based line it starts on, and whether its last field was in quotes. */
  record Record(String[] fields, long line, boolean lastQuoted) {
  }

  private String[] fields = new String[32];
  private boolean lastQuoted;

  @Override
  protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
    if (index == fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
    }
    fields[index] = new String(buffer, offset, length);
    lastQuoted = quoted;
  }

  @Override
  protected RecordWrapper<Record> buildRecord() {
    int n = getFieldCount();
    return wrapRecord(new Record(Arrays.copyOf(fields, n), getStartingLineNumber(), lastQuoted));
  }
}
