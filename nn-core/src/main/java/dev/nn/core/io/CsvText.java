package dev.nn.core.io;

import java.util.List;

/**
 * CSV as RFC 4180 writes it, for every CSV file nn writes (predictions, {@code sweep.csv}, the learning-rate test,
 * a stability study): fields separated by commas, records ended by a line feed, and a field that holds a comma, a
 * double quote, a carriage return or a line feed in double quotes, its quotes doubled ({@code "say ""hi"""}). A
 * field holding a semicolon or a tab is quoted too: RFC 4180 allows any field to be quoted, and nn's reader takes
 * a header line without a comma outside quotes to be separated by semicolons or tabs, so a one-column file whose
 * name holds one reads back as written.
 */
public final class CsvText {
  private CsvText() {}

  /** {@code value} as one CSV field: as it is, or quoted when it must be. */
  public static String field(String value) {
    if (!needsQuotes(value)) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** One record: the fields, each as {@link #field}, separated by commas and ended by a line feed. */
  public static String line(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      b.append(i == 0 ? "" : ",").append(field(fields.get(i)));
    }
    return b.append('\n').toString();
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';' || c == '\t') {
        return true;
      }
    }
    return false;
  }
}
