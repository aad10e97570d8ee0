package dev.nn.core.data;

import dev.nn.core.io.InputFiles;
import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a comma-separated file into a {@link Dataset}, streaming it line by line.
 *
 * <p>Format: UTF-8 text, LF or CRLF line ends. Line 1 is a header of column names (required, non-empty,
 * unique). Every other line holds one number per column, a plain decimal number ({@code DecimalText}:
 * optional sign, digits, optional fraction and exponent; spaces and tabs around it are ignored); blank lines
 * are skipped; quoting is not supported. Every value must be finite. A line holds at most 1 MiB
 * (1,048,576 characters) and a field (a column name or a value) at most {@value #MAX_FIELD};
 * messages quote at most the start of a long value ({@link Excerpt}). One column is the target, chosen by
 * name, by 0-based index, or as {@value #LAST} or {@value #FIRST}; all others are features, in file order.
 *
 * <p>Classification: the target holds class indices, integers {@code 0 .. k−1} (written {@code 2} or
 * {@code 2.0}); they are one-hot encoded into k columns and the class labels are {@code "0" .. "k−1"}. By
 * default k is the largest index plus one, and every class must occur; {@link #withClasses(int)} fixes k
 * instead (e.g. for a test file that lacks a class), and then classes may be empty. Text labels are not
 * accepted: a dataset's meaning of each index is recorded by whoever wrote the file.
 *
 * <pre>{@code
 * Dataset iris = CsvReader.classification("last").read(Path.of("examples/data/iris.csv"));
 * }</pre>
 *
 * <p>Every problem is a {@link DataException} whose message starts with the file and, for a problem in a
 * row, its 1-based line number ({@code data.csv:7: ...}).
 */
public final class CsvReader {
  /** The target selector meaning "the last column". */
  public static final String LAST = "last";
  /** The target selector meaning "the first column". */
  static final String FIRST = "first";

  /** The largest number of classes; keeps a stray large label from allocating a huge one-hot matrix. */
  static final int MAX_CLASSES = 10_000;

  /** Characters per field, a column name or a value, at most: numbers need far fewer. */
  static final int MAX_FIELD = 1000;

  private static final int MAX_LISTED_COLUMNS = 12;
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final String target;
  private final Task task;
  private final int classes;

  private CsvReader(String target, Task task, int classes) {
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("the target column must be a name, a 0-based index or \"last\"");
    }
    this.target = target;
    this.task = task;
    this.classes = classes;
  }

  /** Reads a regression dataset whose target is the column {@code target} (a name, an index or "last"). */
  public static CsvReader regression(String target) {
    return new CsvReader(target, Task.REGRESSION, 0);
  }

  /** Reads a classification dataset whose class indices are the column {@code target}. */
  public static CsvReader classification(String target) {
    return new CsvReader(target, Task.CLASSIFICATION, 0);
  }

  /** This reader with the number of classes fixed to {@code k} (2 .. {@value #MAX_CLASSES}). */
  public CsvReader withClasses(int k) {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException("the number of classes applies to classification only");
    }
    if (k < 2 || k > MAX_CLASSES) {
      throw new IllegalArgumentException("classes must be in 2.." + MAX_CLASSES + ", found " + k);
    }
    return new CsvReader(target, task, k);
  }

  /**
   * Reads {@code file}.
   *
   * @throws DataException if the file is missing, unreadable or malformed; the message says where and why
   */
  public Dataset read(Path file) {
    return open(file, this::read);
  }

  /**
   * A CSV file's numbers under their column names, with no column singled out as the target: the input of a
   * model's predictions.
   *
   * @param source the file, for messages
   * @param columns the header's names, in file order
   * @param values rows × columns, row-major; the caller owns the array
   * @param rows the number of data rows
   */
  public record Table(String source, List<String> columns, double[] values, int rows) {
    /** Copies the names and checks the shape. */
    public Table {
      columns = List.copyOf(columns);
      if ((long) rows * columns.size() != values.length) {
        throw new IllegalArgumentException(rows + " rows of " + columns.size() + " columns need "
            + (long) rows * columns.size() + " values, found " + values.length);
      }
    }
  }

  /**
   * Reads {@code file} as a table of numbers: the format of {@link #read}, with every column read as a
   * finite number and none of them a target.
   *
   * @throws DataException if the file is missing, unreadable or malformed; the message says where and why
   */
  public static Table readTable(Path file) {
    return open(file, CsvReader::table);
  }

  /**
   * The column names of {@code file}'s header, checked as {@link #read} checks them, without reading further.
   *
   * @throws DataException if the file is missing, unreadable or its header is malformed
   */
  public static List<String> columnNames(Path file) {
    return open(file, (in, name) -> Arrays.asList(header(in, name)));
  }

  /** What reads an open file, named {@code file} in messages. */
  private interface Body<T> {
    T read(CsvLines in, String file) throws IOException;
  }

  private static <T> T open(Path file, Body<T> body) {
    String name = file.toString();
    InputFiles.requireRegularFile(file, "a CSV file",
        (f, problem, cause) -> new DataException(name + ": " + problem, cause));
    // a decoder of its own reports malformed input, where the reader's default would replace it
    try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
      return body.read(new CsvLines(in, name), name);
    } catch (NoSuchFileException e) {
      throw new DataException(name + ": file not found", e);
    } catch (AccessDeniedException e) {
      throw new DataException(name + ": permission denied", e);
    } catch (CharacterCodingException e) {
      throw new DataException(name + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new DataException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String[] header(CsvLines in, String file) throws IOException {
    String headerLine = in.next();
    if (headerLine == null || headerLine.isBlank()) {
      throw new DataException(file + ": file is empty; expected a header row of column names on line 1");
    }
    if (headerLine.charAt(0) == '\uFEFF') {
      headerLine = headerLine.substring(1);
    }
    return parseHeader(headerLine, file);
  }

  private static Table table(CsvLines in, String file) throws IOException {
    String[] header = header(in, file);
    int cols = header.length;
    double[][] values = {new double[64 * cols]};
    int rows = eachRow(in, file, header, (row, lineNo, fields) -> {
      values[0] = room(values[0], row, cols, file, lineNo, cols + " columns");
      for (int c = 0; c < cols; c++) {
        values[0][row * cols + c] = number(fields[c], file, lineNo, header[c]);
      }
    });
    return new Table(file, Arrays.asList(header), Arrays.copyOf(values[0], rows * cols), rows);
  }

  private Dataset read(CsvLines in, String file) throws IOException {
    String[] header = header(in, file);
    int cols = header.length;
    int t = targetColumn(header, file);
    if (cols < 2) {
      throw new DataException(
          file + ": the header has only the target column \"" + Excerpt.of(header[t]) + "\"; at least one feature column is needed");
    }
    List<String> features = new ArrayList<>(cols - 1);
    for (int c = 0; c < cols; c++) {
      if (c != t) {
        features.add(header[c]);
      }
    }
    int d = cols - 1;
    double[][] xy = {new double[64 * d], new double[64]};
    int[] maxLabel = {-1};
    int rows = eachRow(in, file, header, (row, lineNo, fields) -> {
      xy[0] = room(xy[0], row, d, file, lineNo, d + " features");
      xy[1] = room(xy[1], row, 1, file, lineNo, d + " features");
      int out = row * d;
      for (int c = 0; c < cols; c++) {
        if (c != t) {
          xy[0][out++] = number(fields[c], file, lineNo, header[c]);
        } else if (task == Task.REGRESSION) {
          xy[1][row] = number(fields[c], file, lineNo, header[c]);
        } else {
          int label = classIndex(fields[c], file, lineNo, header[c]);
          xy[1][row] = label;
          maxLabel[0] = Math.max(maxLabel[0], label);
        }
      }
    });
    double[] x = Arrays.copyOf(xy[0], rows * d);
    double[] y = Arrays.copyOf(xy[1], rows);
    if (task == Task.REGRESSION) {
      return Dataset.wrapRegression(file, x, y, features, List.of(header[t]));
    }
    return classificationOf(file, x, y, rows, maxLabel[0], features, header[t]);
  }

  /** Receives one data row: its index from 0, its line number in the file, and its fields. */
  private interface Row {
    void accept(int row, int lineNo, String[] fields);
  }

  /**
   * Reads the data rows after the header: blank lines are skipped (but counted), every other line must have
   * a field for each column of {@code header}, of at most {@value #MAX_FIELD} characters. Returns the number of
   * rows.
   */
  private static int eachRow(CsvLines in, String file, String[] header, Row row) throws IOException {
    int cols = header.length;
    int rows = 0;
    String line;
    while ((line = in.next()) != null) {
      int lineNo = in.number();
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != cols) {
        throw new DataException(
            file + ":" + lineNo + ": expected " + cols + " fields as in the header, found " + fields.length);
      }
      for (int c = 0; c < cols; c++) {
        if (fields[c].length() > MAX_FIELD) {
          throw new DataException(file + ":" + lineNo + ": column \"" + Excerpt.of(header[c]) + "\": the value is "
              + fields[c].length() + " characters long (\"" + Excerpt.of(fields[c]) + "\"); a value has at most "
              + MAX_FIELD + " characters");
        }
      }
      row.accept(rows++, lineNo, fields);
    }
    if (rows == 0) {
      throw new DataException(file + ": no data rows after the header");
    }
    return rows;
  }

  /** {@code a}, or a copy twice as long when row {@code row} of {@code width} values does not fit. */
  private static double[] room(double[] a, int row, int width, String file, int lineNo, String what) {
    if ((long) (row + 1) * width <= a.length) {
      return a;
    }
    long capacity = Math.min(2L * a.length / width, MAX_ARRAY / width);
    if (capacity <= row) {
      throw new DataException(
          file + ":" + lineNo + ": too many rows; " + what + " fit at most " + row + " rows in memory");
    }
    return Arrays.copyOf(a, (int) (capacity * width));
  }

  private Dataset classificationOf(
      String file, double[] x, double[] y, int rows, int maxLabel, List<String> features, String column) {
    int k = classes > 0 ? classes : maxLabel + 1;
    int[] labels = new int[rows];
    int[] counts = new int[k];
    for (int i = 0; i < rows; i++) {
      labels[i] = (int) y[i];
      counts[labels[i]]++;
    }
    if (classes == 0) {
      if (k < 2) {
        throw new DataException(
            file + ": column \"" + Excerpt.of(column) + "\" holds only class 0; classification needs at least 2 classes");
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          throw new DataException(
              file + ": column \"" + Excerpt.of(column) + "\" has class labels up to " + maxLabel + " but no row of class " + c
                  + "; classes must be numbered 0.." + maxLabel + " without gaps (or the number of classes given)");
        }
      }
    }
    List<String> classLabels = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      classLabels.add(Integer.toString(c));
    }
    return Dataset.wrapClassification(file, x, labels, features, column, classLabels);
  }

  private static String[] parseHeader(String line, String file) {
    String[] names = line.split(",", -1);
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < names.length; c++) {
      names[c] = names[c].trim();
      if (names[c].length() > MAX_FIELD) {
        throw new DataException(file + ":1: the name of column " + c + " is " + names[c].length() + " characters long (\""
            + Excerpt.of(names[c]) + "\"); a column name has at most " + MAX_FIELD + " characters");
      }
      if (names[c].isEmpty()) {
        throw new DataException(file + ":1: column " + c + " of the header has no name; every column needs one");
      }
      Integer before = seen.put(names[c], c);
      if (before != null) {
        throw new DataException(
            file + ":1: column name \"" + Excerpt.of(names[c]) + "\" appears twice (columns " + before + " and " + c + ")");
      }
    }
    return names;
  }

  private int targetColumn(String[] header, String file) {
    for (int c = 0; c < header.length; c++) {
      if (header[c].equals(target)) {
        return c;
      }
    }
    if (LAST.equals(target)) {
      return header.length - 1;
    }
    if (FIRST.equals(target)) {
      return 0;
    }
    if (target.chars().allMatch(Character::isDigit)) {
      int index = target.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(target);
      if (index >= header.length) {
        throw new DataException(
            file + ": target column index " + Excerpt.of(target) + " is out of range; the header has " + header.length
                + " columns, indexes 0.." + (header.length - 1));
      }
      return index;
    }
    List<String> near = Suggestions.closest(target, Arrays.asList(header));
    StringBuilder s = new StringBuilder(file).append(": target column \"").append(Excerpt.of(target))
        .append("\" not found");
    if (near.isEmpty()) {
      s.append('.');
    } else {
      s.append("; did you mean ").append(quoted(near, near.size())).append('?');
    }
    s.append(" Columns: ").append(columnList(header));
    throw new DataException(s.toString());
  }

  private static String columnList(String[] header) {
    if (header.length <= MAX_LISTED_COLUMNS) {
      return String.join(", ", Arrays.stream(header).map(Excerpt::of).toList());
    }
    List<String> shown = new ArrayList<>();
    for (int c = 0; c < MAX_LISTED_COLUMNS - 2; c++) {
      shown.add(Excerpt.of(header[c]));
    }
    shown.add("... (" + (header.length - MAX_LISTED_COLUMNS + 1) + " more)");
    shown.add(Excerpt.of(header[header.length - 1]));
    return String.join(", ", shown);
  }

  private static String quoted(List<String> names, int n) {
    List<String> q = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      q.add("\"" + Excerpt.of(names.get(i)) + "\"");
    }
    return String.join(" or ", q);
  }

  /**
   * A value as a finite double: a plain decimal number ({@link DecimalText}), with the spaces and tabs around
   * it ignored.
   */
  private static double number(String text, String file, int line, String column) {
    String value = DecimalText.strip(text);
    if (!DecimalText.isDecimal(value)) {
      if (DecimalText.isNonFiniteWord(value)) {
        throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + value
            + "\" is not a finite number; NaN and infinities are not allowed");
      }
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + Excerpt.of(text)
          + "\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3");
    }
    double v = Double.parseDouble(value);
    if (!Double.isFinite(v)) {
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + Excerpt.of(value)
          + "\" is too large for a double; the largest magnitude is " + Double.MAX_VALUE);
    }
    return v;
  }

  private int classIndex(String text, String file, int line, String column) {
    String value = DecimalText.strip(text);
    double v = DecimalText.isDecimal(value) ? Double.parseDouble(value) : Double.NaN;
    if (!Double.isFinite(v) || v != Math.rint(v)) {
      throw new DataException(
          file + ":" + line + ": class label \"" + Excerpt.of(value) + "\" in column \"" + Excerpt.of(column)
              + "\" is not an integer; classification targets must be class indices 0..k-1");
    }
    int limit = classes > 0 ? classes : MAX_CLASSES;
    if (v < 0 || v >= limit) {
      throw new DataException(
          file + ":" + line + ": class label \"" + Excerpt.of(value) + "\" in column \"" + Excerpt.of(column)
              + "\" is out of range; allowed 0.." + (limit - 1)
              + (classes > 0 ? " (" + classes + " classes)" : ""));
    }
    return (int) v;
  }
}
