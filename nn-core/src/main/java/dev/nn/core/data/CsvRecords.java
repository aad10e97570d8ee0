package dev.nn.core.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The records of a CSV file as RFC 4180 has them (FastCSV parses): fields separated by commas (or the separator
 * {@link CsvSeparator} finds or the source names), a field in
 * double quotes may hold commas, line breaks and doubled quotes ({@code "say ""hi"""}). A character after a
 * closing quote is refused, and so is a quote left open at the end of the file. Blank lines are skipped. Lines
 * are capped by {@link LineCappedReader}; a record is also bounded by the parser's own limit on its size.
 */
final class CsvRecords {
  private final String file;
  private final Iterator<CsvRecordHandler.Record> records;
  private final LineCappedReader text;
  private final char separator;
  private int line;
  private CsvRecordHandler.Record current;

  /**
   * Parses {@code in}, named {@code file} in messages, with the field separator its header shows
   * ({@link CsvSeparator}).
   *
   * @throws IOException if the header cannot be read
   */
  CsvRecords(Reader in, String file) throws IOException {
    this(in, file, CsvOptions.AUTO_SEPARATOR);
  }

  /**
   * Parses {@code in} with the field separator {@code separator}, or with the one its first records show when it
   * is {@link CsvOptions#AUTO_SEPARATOR}.
   *
   * @throws IOException if the first records cannot be read
   */
  CsvRecords(Reader in, String file, char separator) throws IOException {
    this.file = file;
    this.text = new LineCappedReader(in, file);
    CsvSeparator.Peeked ahead = CsvSeparator.peek(text, separator);
    this.separator = ahead.separator();
    this.records = de.siegmar.fastcsv.reader.CsvReader.builder()
        .fieldSeparator(ahead.separator())
        .acceptCharsAfterQuotes(false)
        .skipEmptyLines(true)
        .build(new CsvRecordHandler(), new SpacesAroundQuotes(ahead.rest(), ahead.separator()))
        .iterator();
  }

  /**
   * The fields of the next non-blank record, or {@code null} at the end of the file.
   *
   * @throws DataException for a malformed record or a line over the cap
   * @throws IOException if the file cannot be read
   */
  String[] next() throws IOException {
    while (true) {
      CsvRecordHandler.Record r;
      try {
        if (!records.hasNext()) {
          return null;
        }
        r = records.next();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (CsvParseException e) {
        throw translated(e);
      }
      line = (int) Math.min(Integer.MAX_VALUE, r.line());
      current = r;
      String[] fields = r.fields();
      if (fields.length == 1 && fields[0].isBlank() && !r.lastQuoted()) {
        continue;
      }
      if (r.lastQuoted() && isLast() && !text.endsWithQuote()) {
        throw new DataException(file + ":" + line
            + ": a quoted field in the record that starts on this line is never closed; a field in quotes ends with a closing \"");
      }
      return fields;
    }
  }

  /** Whether field {@code i} of the record {@link #next()} returned last was written in quotes. */
  boolean quoted(int i) {
    return current != null && current.isQuoted(i);
  }

  /** The field separator the records are split at. */
  char separator() {
    return separator;
  }

  /** The 1-based line on which the record {@link #next()} returned last starts. */
  int line() {
    return line;
  }

  /** Whether no record follows: asked of a record whose last field is quoted, as an open quote runs to the end. */
  private boolean isLast() throws IOException {
    try {
      return !records.hasNext();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      throw translated(e);
    }
  }

  private DataException translated(CsvParseException e) throws IOException {
    // the parser wraps what the reader under it threw: the line cap's message, or a read error
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataException) {
        throw (DataException) t;
      }
      if (t instanceof UncheckedIOException) {
        throw ((UncheckedIOException) t).getCause();
      }
      if (t instanceof IOException) {
        throw (IOException) t;
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? "malformed CSV" : root.getMessage();
    if (why.startsWith("Unexpected character after closing quote")) {
      why = "a quoted field has text after its closing quote; write a quote inside quotes as \"\"";
    }
    return new DataException(file + ":" + (line + 1) + ": " + why, e);
  }
}
