package dev.nn.core.data;

import dev.nn.core.io.InputFiles;
import dev.nn.core.io.Utf8Errors;
import dev.nn.core.kernel.Precision;
import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import dev.nn.core.io.StrictGzipInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reads a comma-separated file into a {@link Dataset}, streaming it record by record.
 *
 * <p>Format: UTF-8 text (gzip-compressed when the name ends in {@code .gz}, its trailer checked), LF or CRLF
 * line ends, RFC 4180 quoting ({@link CsvRecords}). Line 1 is a header of column names (required, non-empty,
 * unique); a first column with an empty name is a row index (as pandas writes it) and is ignored unless
 * {@link CsvOptions#indexColumn()} says otherwise. Every other record holds one number per column, a plain
 * decimal number ({@code DecimalText}: optional sign, digits, optional fraction and exponent; spaces and tabs
 * around it are ignored); blank lines are skipped. Every value must be finite; an empty field, {@code NA} and
 * {@code N/A} are missing values, which {@link CsvOptions#missing()} refuses, drops or fills. A line holds at
 * most 1 MiB ({@link LineCappedReader}) and a field (a column name or a value) at most {@value #MAX_FIELD};
 * messages quote at most the start of a long value ({@link Excerpt}). One column is the target, chosen by
 * name, by 0-based index, or as {@value #LAST} or {@value #FIRST} (for regression, one or more columns, one
 * output each); the features are the others in file order, or those {@link CsvOptions} chooses.
 *
 * <p>Classification ({@link ClassLabels}): the target holds class indices, integers {@code 0 .. k−1} (written
 * {@code 2} or {@code 2.0}), labelled {@code "0" .. "k−1"}, or class names ({@code setosa}), labelled with the
 * names in sorted order. By default k is the largest index plus one, and every class must occur;
 * {@link #withClasses(int)} fixes k instead (e.g. for a test file that lacks a class), and then classes may be
 * empty; {@link #withClassLabels(List)} fixes the names.
 *
 * <pre>{@code
 * Dataset iris = CsvReader.classification("last").read(Path.of("examples/data/iris.csv"));
 * }</pre>
 *
 * <p>Every problem is a {@link DataException} whose message starts with the file and, for a problem in a
 * row, the 1-based line number its record starts on ({@code data.csv:7: ...}).
 */
public final class CsvReader {
  /** The target selector meaning "the last column". */
  public static final String LAST = "last";
  /** The target selector meaning "the first column". */
  public static final String FIRST = "first";

  /** The largest number of classes; keeps a stray large label from allocating a huge one-hot matrix. */
  static final int MAX_CLASSES = 10_000;

  /** Characters per field, a column name or a value, at most: numbers need far fewer. */
  static final int MAX_FIELD = 1000;

  private static final int MAX_LISTED_COLUMNS = 12;
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** The target columns' selectors: one for classification, one or more for regression. */
  private final List<String> targets;
  private final Task task;
  private final int classes;
  private final List<String> classNames;
  private final CsvOptions options;
  private final Consumer<String> notes;
  private final Use use;
  private final Precision inputs;
  private final CategoryWords words;

  /**
   * What the rows are read for, which decides what {@code missing: mean} does and what the message of a missing
   * value advises.
   */
  private enum Use {
    /** A file read on its own: filled from its own rows; the message names the csv source's policies. */
    FILE,
    /** A run's source: left NaN for the run to fill with its training rows' means. */
    RUN,
    /** Rows for a trained model: nothing can be filled in, so the message asks for complete rows. */
    MODEL
  }

  private CsvReader(List<String> targets, Task task, int classes, List<String> classNames, CsvOptions options,
      Consumer<String> notes) {
    this(targets, task, classes, classNames, options, notes, Use.FILE, Precision.FLOAT64, CategoryWords.NONE);
  }

  private CsvReader(List<String> targets, Task task, int classes, List<String> classNames, CsvOptions options,
      Consumer<String> notes, Use use, Precision inputs, CategoryWords words) {
    if (targets.isEmpty() || task == Task.CLASSIFICATION && targets.size() > 1) {
      throw new IllegalArgumentException(task == Task.CLASSIFICATION ? "classification reads one target column"
          : "regression reads one or more target columns");
    }
    for (String target : targets) {
      if (target == null || target.isEmpty()) {
        throw new IllegalArgumentException("a target column must be a name, a 0-based index or \"last\"");
      }
    }
    this.targets = List.copyOf(targets);
    this.task = task;
    this.classes = classes;
    this.classNames = classNames;
    this.options = options;
    this.notes = notes;
    this.use = use;
    this.inputs = inputs;
    this.words = words;
  }

  private CsvReader(List<String> targets, Task task, int classes) {
    this(targets, task, classes, List.of(), CsvOptions.DEFAULTS, note -> { });
  }

  /**
   * This reader with the classes of a model fixed: class indices {@code 0 .. k−1} when {@code labels} are
   * {@code "0" .. "k−1"} ({@link #withClasses}), else text labels ({@link #withClassLabels}).
   */
  public CsvReader withClassesNamed(List<String> labels) {
    for (int c = 0; c < labels.size(); c++) {
      if (!labels.get(c).equals(Integer.toString(c))) {
        return withClassLabels(labels);
      }
    }
    return withClasses(labels.size());
  }

  /** This reader with {@code options}: the feature columns, the missing-value policy, the index column. */
  public CsvReader with(CsvOptions options) {
    return new CsvReader(targets, task, classes, classNames, Objects.requireNonNull(options), notes, use, inputs, words);
  }

  /**
   * This reader leaving the values {@code missing: mean} fills as NaN, for a run to fill with its training rows'
   * means once it has split them off ({@link OwnedData#fillMissing}); without it a file is filled from its own
   * rows. The data set it reads must reach that fill before anything else uses it.
   */
  public CsvReader leavingMissingValues() {
    return new CsvReader(targets, task, classes, classNames, options, notes, Use.RUN, inputs, words);
  }

  /**
   * This reader reading rows for a trained model ({@code nn evaluate}): a missing value is refused with a
   * message that asks for complete rows, since a model fills nothing in.
   */
  public CsvReader forModel() {
    return new CsvReader(targets, task, classes, classNames, options, notes, Use.MODEL, inputs, words);
  }

  /**
   * This reader holding the inputs it reads in {@code precision}: as floats for a float32 run, so that the rows are
   * never held as doubles at all (the targets are doubles either way). Doubles unless set.
   */
  public CsvReader holdingInputsIn(Precision precision) {
    return new CsvReader(targets, task, classes, classNames, options, notes, use,
        Objects.requireNonNull(precision), words);
  }

  /**
   * This reader reading words as categories in the feature columns {@code words} names ({@link CategoryText}):
   * the columns a run encodes one-hot, or a model's. Any other column holds numbers.
   */
  public CsvReader withCategoryWords(CategoryWords words) {
    return new CsvReader(targets, task, classes, classNames, options, notes, use, inputs, Objects.requireNonNull(words));
  }

  /** This reader sending its notes (such as the number of rows dropped) to {@code notes}. */
  public CsvReader withNotes(Consumer<String> notes) {
    return new CsvReader(targets, task, classes, classNames, options, Objects.requireNonNull(notes), use, inputs, words);
  }

  /**
   * This reader with the text class labels fixed to {@code names}, index by index: a held-out file is read
   * with the training file's labels, so that a label means the same class in both, and a label the training
   * file does not have is refused.
   */
  public CsvReader withClassLabels(List<String> names) {
    if (task != Task.CLASSIFICATION || names.size() < 2) {
      throw new IllegalArgumentException("class labels apply to classification, 2 or more of them");
    }
    return new CsvReader(targets, task, 0, List.copyOf(names), options, notes, use, inputs, words);
  }

  /** Reads a regression dataset whose target is the column {@code target} (a name, an index or "last"). */
  public static CsvReader regression(String target) {
    dev.nn.core.text.Required.of(target, "target", "the target column: a name, a 0-based index or \"last\"");
    return new CsvReader(Collections.singletonList(target), Task.REGRESSION, 0);
  }

  /**
   * Reads a regression dataset with one target per column of {@code targets} (each a name, an index, "first" or
   * "last"), in that order: the data set's y has {@code targets.size()} columns.
   */
  public static CsvReader regression(List<String> targets) {
    return new CsvReader(new ArrayList<>(targets), Task.REGRESSION, 0);
  }

  /**
   * Reads the inputs of a reconstruction (an autoencoder, whose targets are its inputs), leaving out the columns
   * {@code targets} names unparsed: they may hold anything, words too. The result is a regression whose targets
   * are 0, which preparation replaces with the inputs.
   */
  public static CsvReader reconstruction(List<String> targets) {
    return new CsvReader(new ArrayList<>(targets), Task.RECONSTRUCTION, 0);
  }

  /** Reads a classification dataset whose class indices are the column {@code target}. */
  public static CsvReader classification(String target) {
    dev.nn.core.text.Required.of(target, "target", "the class column: a name, a 0-based index or \"last\"");
    return new CsvReader(Collections.singletonList(target), Task.CLASSIFICATION, 0);
  }

  /** This reader with the number of classes fixed to {@code k} (2 .. {@value #MAX_CLASSES}). */
  public CsvReader withClasses(int k) {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException("the number of classes applies to classification only");
    }
    if (k < 2 || k > MAX_CLASSES) {
      throw new IllegalArgumentException("classes must be in 2.." + MAX_CLASSES + ", found " + k);
    }
    return new CsvReader(targets, task, k, List.of(), options, notes, use, inputs, words);
  }

  /**
   * Reads {@code file}.
   *
   * @throws DataException if the file is missing, unreadable or malformed; the message says where and why
   */
  public Dataset read(Path file) {
    return read(file, row -> { });
  }

  /**
   * Reads {@code file}, giving {@code droppedRows} the number of each data row {@code missing: drop} leaves out,
   * in file order, counting every data row from 0 (the first record after the header is 0; blank lines are not
   * rows): so a caller can name the rows it keeps as the file numbers them.
   *
   * @throws DataException if the file is missing, unreadable or malformed; the message says where and why
   */
  public Dataset read(Path file, IntConsumer droppedRows) {
    dev.nn.core.text.Required.of(file, "file", "the CSV file to read");
    Objects.requireNonNull(droppedRows, "droppedRows");
    return open(file, options.separator(), (in, name) -> read(in, name, droppedRows));
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
    return readTable(file, CategoryWords.NONE);
  }

  /**
   * {@link #readTable(Path)} with the columns {@code words} names reading their words as their codes (a model's
   * category columns, whose words are fixed).
   */
  public static Table readTable(Path file, CategoryWords words) {
    return open(file, (in, name) -> table(in, name, words, null));
  }

  /**
   * {@link #readTable(Path, CategoryWords)} of the columns {@code columns} names alone, in file order: the other
   * columns' fields are not parsed at all (a column of words a model does not use, a predict input's target). A
   * name the header lacks is passed over; check the header ({@link #columnNames}) for the columns a model needs.
   */
  public static Table readTable(Path file, CategoryWords words, Collection<String> columns) {
    return readTable(file, words, columns, CsvOptions.AUTO_SEPARATOR);
  }

  /**
   * {@link #readTable(Path, CategoryWords, Collection)} with the fields split at {@code separator}
   * ({@link CsvOptions#AUTO_SEPARATOR}: the one the file shows).
   */
  public static Table readTable(Path file, CategoryWords words, Collection<String> columns, char separator) {
    Set<String> wanted = Set.copyOf(columns);
    return open(file, separator, (in, name) -> table(in, name, words, wanted));
  }

  /**
   * Reads {@code file} as {@link #readTable(Path, CategoryWords, Collection, char)} does, handing its rows to
   * {@code blocks} {@code blockRows} at a time (the last block may hold fewer), so that a file of any length is
   * read in the memory of one block. Returns the number of rows.
   *
   * @throws DataException as {@link #readTable} does, after the blocks before the bad row were handed on
   */
  public static int readBlocks(Path file, CategoryWords words, Collection<String> columns, char separator,
      int blockRows, Blocks blocks) {
    if (blockRows < 1) {
      throw new IllegalArgumentException("blockRows must be positive, not " + blockRows);
    }
    Set<String> wanted = Set.copyOf(columns);
    return open(file, separator, (in, name) -> scan(in, name, words, wanted, blockRows, blocks));
  }

  /** What takes a file's rows a block at a time: {@link #readBlocks}. */
  @FunctionalInterface
  public interface Blocks {
    /**
     * A block of rows: {@code values} holds {@code rows} rows of the {@code columns}, row-major, and is reused for
     * the next block once this returns. {@code firstRow} is the block's first data row, counted from 0.
     */
    void accept(List<String> columns, double[] values, int rows, int firstRow);
  }

  /**
   * The column names of {@code file}'s header, checked as {@link #read} checks them, without reading further.
   *
   * @throws DataException if the file is missing, unreadable or its header is malformed
   */
  public static List<String> columnNames(Path file) {
    return columnNames(file, CsvOptions.IndexColumn.AUTO);
  }

  /** The column names of {@code file}'s header with {@code index} deciding whether its first column is an index. */
  public static List<String> columnNames(Path file, CsvOptions.IndexColumn index) {
    return columnNames(file, index, CsvOptions.AUTO_SEPARATOR);
  }

  /**
   * The column names of {@code file}'s header with {@code index} deciding whether its first column is an index,
   * split at {@code separator} ({@link CsvOptions#AUTO_SEPARATOR}: the one the file shows).
   */
  public static List<String> columnNames(Path file, CsvOptions.IndexColumn index, char separator) {
    return open(file, separator, (in, name) -> Arrays.asList(header(in, name, index).names()));
  }

  /**
   * The separator {@code file}'s fields are split at: {@code separator}, or with {@link CsvOptions#AUTO_SEPARATOR} the one
   * its header shows. For messages: a separator the file is read with is never advised.
   */
  public static char separatorOf(Path file, char separator) {
    return open(file, separator, (in, name) -> header(in, name, CsvOptions.IndexColumn.AUTO).separator());
  }

  /**
   * For a column {@code wanted} that {@code file}'s header lacks ({@code null}: any): a sentence when the header looks
   * misread (split by another separator it has that column; a comment line above it; fields separated by spaces),
   * saying what to set; else empty.
   */
  public static String columnNotFoundHint(Path file, CsvOptions.IndexColumn index, char separator, String wanted) {
    return open(file, separator, (in, name) -> {
      Header h = header(in, name, index);
      return CsvSeparator.hint(h.names(), h.separator(), wanted);
    });
  }

  /**
   * The line on which data row {@code row} (from 0, after the header) of {@code file} starts, split at
   * {@code separator}: for a message about a row found wrong after reading ({@code nn predict}'s), where a record
   * may span lines and blank lines are passed over. Reads the file again, so it is for the error path only.
   */
  public static int lineOfRow(Path file, char separator, int row) {
    return open(file, separator, (in, name) -> {
      Header h = header(in, name, CsvOptions.IndexColumn.AUTO);
      for (int r = 0; r < row; r++) {
        fields(in, name, h);
      }
      return fields(in, name, h) == null ? 0 : in.line();
    });
  }

  /** What reads an open file, named {@code file} in messages. */
  private interface Body<T> {
    T read(CsvRecords in, String file) throws IOException;
  }

  private static <T> T open(Path file, Body<T> body) {
    return open(file, CsvOptions.AUTO_SEPARATOR, body);
  }

  private static <T> T open(Path file, char separator, Body<T> body) {
    String name = file.toString();
    InputFiles.requireRegularFile(file, "a CSV file",
        (f, problem, cause) -> new DataException(name + ": " + problem, cause));
    boolean gzipped = name.endsWith(".gz");
    try (InputStream raw = Files.newInputStream(file);
        InputStream bytes = new BufferedInputStream(gzipped
            ? new StrictGzipInputStream(new BufferedInputStream(raw, 1 << 16)) : raw, 1 << 16);
        // a decoder of its own reports malformed input, where the reader's default would replace it
        Reader in = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder())) {
      java.util.Optional<String> other = NotCsvMagic.of(bytes, gzipped);
      if (other.isPresent()) {
        throw new DataException(name + ": " + other.get());
      }
      // a byte-order mark is skipped before the parser sees the text: after it, a quoted first name is still quoted
      java.io.PushbackReader text = new java.io.PushbackReader(in, 1);
      int first = text.read();
      if (first >= 0 && first != '\uFEFF') {
        text.unread(first);
      }
      return body.read(new CsvRecords(text, name, separator), name);
    } catch (DataException e) {
      // damaged compressed bytes decompress to text that is wrong somewhere before the trailer's CRC-32 tells: a
      // row of 9 fields where the header has 5 was reported at its line, in a file whose every line is right
      throw gzipped ? gzipDamage(file).map(d -> new DataException(name + ": not a readable gzip file: " + d, e))
          .orElse(e) : e;
    } catch (NoSuchFileException e) {
      throw new DataException(name + ": no such file; expected a CSV file", e);
    } catch (AccessDeniedException e) {
      throw new DataException(name + ": permission denied", e);
    } catch (CharacterCodingException e) {
      // the message says where and why; the decoder's own ("Input length = 1") would only add noise to it. The
      // cause stays, so that a command reading CSV files only can say so (nn evaluate, nn predict)
      java.util.Optional<String> damage = gzipped ? gzipDamage(file) : java.util.Optional.empty();
      throw new DataException(name + damage.map(d -> ": not a readable gzip file: " + d)
          .orElseGet(() -> notUtf8(file, gzipped)), e);
    } catch (IOException e) {
      throw new DataException(name + ": " + (gzipped ? "not a readable gzip file: " : "cannot read: ")
          + dev.nn.core.io.SystemReason.message(e), e);
    }
  }

  /** What is wrong with gzip file {@code file}, read whole with its trailer checked; empty when it is intact. */
  private static java.util.Optional<String> gzipDamage(Path file) {
    try (InputStream bytes = new StrictGzipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      bytes.transferTo(OutputStream.nullOutputStream());
      return java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.of(e.getMessage());
    }
  }

  /** Where {@code file}, which a decoder refused, stops being UTF-8: read again to find its first bad byte. */
  private static String notUtf8(Path file, boolean gzipped) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream bytes = gzipped ? new StrictGzipInputStream(new BufferedInputStream(raw, 1 << 16)) : raw) {
      return Utf8Errors.find(bytes).map(at -> at.describe() + (gzipped && !at.utf16() ? " (offsets count the"
          + " decompressed bytes)" : "")).orElse(": not UTF-8 text");
    } catch (IOException e) {
      return ": not UTF-8 text" + (gzipped ? " after decompression" : "");
    }
  }



  /**
   * A header: the column names, without a row-index column when the first column is one ({@code offset} 1:
   * a record's field {@code c + offset} is column {@code c}).
   */
  private record Header(String[] names, int offset, char separator) {
    int fields() {
      return names.length + offset;
    }
  }

  private static Header header(CsvRecords in, String file, CsvOptions.IndexColumn index) throws IOException {
    String[] fields = in.next();
    if (fields == null) {
      throw new DataException(file + ": file is empty; expected a header row of column names on line 1");
    }
    for (int c = 0; c < fields.length; c++) {
      fields[c] = fields[c].trim();
    }
    boolean skipFirst = index == CsvOptions.IndexColumn.TRUE
        || index == CsvOptions.IndexColumn.AUTO && fields.length > 1 && fields[0].isEmpty();
    int offset = skipFirst ? 1 : 0;
    String[] names = Arrays.copyOfRange(fields, offset, fields.length);
    parseHeader(names, offset, file);
    return new Header(names, offset, in.separator());
  }

  private static Table table(CsvRecords in, String file, CategoryWords words, Set<String> wanted)
      throws IOException {
    Table[] table = new Table[1];
    // one block of every row
    scan(in, file, words, wanted, Integer.MAX_VALUE, (columns, values, rows, first) ->
        table[0] = new Table(file, columns, Arrays.copyOf(values, rows * columns.size()), rows));
    return table[0];
  }

  /** Reads the rows after the header, {@code blockRows} at a time, into {@code blocks}; returns their number. */
  private static int scan(CsvRecords in, String file, CategoryWords words, Set<String> wanted, int blockRows,
      Blocks blocks) throws IOException {
    Header h = header(in, file, CsvOptions.IndexColumn.AUTO);
    int[] kept = IntStream.range(0, h.names().length)
        .filter(c -> wanted == null || wanted.contains(h.names()[c])).toArray();
    String[] header = Arrays.stream(kept).mapToObj(c -> h.names()[c]).toArray(String[]::new);
    int cols = header.length;
    CategoryText[] categories = new CategoryText[cols];
    for (int c = 0; c < cols; c++) {
      List<String> fixed = words.fixed().get(header[c]);
      categories[c] = fixed == null ? null : new CategoryText(header[c], fixed, words.fixedBy());
    }
    List<String> names = Arrays.asList(header);
    double[] values = new double[Math.min(64, blockRows) * cols];
    int rows = 0;
    int first = 0;
    String[] fields;
    while ((fields = fields(in, file, h)) != null) {
      int lineNo = in.line();
      if (rows == blockRows) {
        blocks.accept(names, values, rows, first);
        if ((long) first + 2L * rows > Integer.MAX_VALUE) {
          throw new DataException(file + ":" + lineNo + ": too many rows; nn reads at most " + Integer.MAX_VALUE
              + " rows of a file");
        }
        first += rows;
        rows = 0;
      }
      values = room(values, rows, cols, file, lineNo, cols + " columns");
      for (int c = 0; c < cols; c++) {
        String text = fields[kept[c] + h.offset()];
        if (isMissing(text) && !(categories[c] != null && quotedWord(in, kept[c] + h.offset(), text))) {
          throw missingForModel(file, lineNo, header[c], text);
        }
        double code = categories[c] == null ? Double.NaN : categories[c].code(text, file, lineNo);
        values[rows * cols + c] = Double.isNaN(code) ? modelNumber(text, file, lineNo, header[c]) : code;
      }
      rows++;
    }
    requireRows(first + rows, 0, file);
    if (rows > 0) {
      blocks.accept(names, values, rows, first);
    }
    return first + rows;
  }

  private Dataset read(CsvRecords in, String file, IntConsumer droppedRows) throws IOException {
    Header h = header(in, file, options.indexColumn());
    String[] header = h.names();
    if (looksLikeData(header)) {
      notes.accept(file + ":1: the header's names are numbers (" + Excerpt.of(String.join(", ", header))
          + "), so line 1 may be a row of data: nn reads line 1 as the column names; if the file has no header,"
          + " add a line naming its columns");
    }
    String hint = CsvSeparator.hint(header, h.separator());
    int[] t = targetColumns(header, file, hint);
    int k = t.length;
    int wc = weightColumn(header, file, hint, t);
    int[] featureColumns = new FeatureColumns(file, header, hint, t).weighingBy(wc).of(options);
    int d = featureColumns.length;
    InputValues x = InputValues.zeros(64 * d, inputs);
    double[] y = new double[64 * k];
    double[] w = wc < 0 ? null : new double[64];
    ClassLabels labels = task == Task.CLASSIFICATION
        ? new ClassLabels(classes, classNames, options.labels() == CsvOptions.Labels.NAMES) : null;
    CategoryText[] categories = categoryTexts(header, featureColumns);
    boolean filling = options.missing() == CsvOptions.Missing.MEAN;
    int rows = 0;
    int dropped = 0;
    int filled = 0;
    boolean[] filledIn = new boolean[d];
    String[] fields;
    rowLoop:
    while ((fields = fields(in, file, h)) != null) {
      int lineNo = in.line();
      x = room(x, rows, d, file, lineNo, d + " features");
      y = room(y, rows, k, file, lineNo, d + " features");
      if (w != null) {
        String weightText = fields[wc + h.offset()];
        if (absent(weightText)) {
          if (options.missing() == CsvOptions.Missing.DROP) {
            droppedRows.accept(rows + dropped);
            dropped++;
            continue;
          }
          throw new DataException(file + ":" + lineNo + ": column \"" + Excerpt.of(header[wc])
              + "\": the row's weight is missing (\"" + Excerpt.of(DecimalText.strip(weightText))
              + "\"); a weight cannot be filled in" + dropHint());
        }
        w = room(w, rows, 1, file, lineNo, "1 weight");
        w[rows] = weight(weightText, file, lineNo, header[wc]);
      }
      int out = rows * d;
      for (int j = 0; j < d; j++) {
        int c = featureColumns[j];
        String text = fields[c + h.offset()];
        if (absent(text) && !(categories[j] != null && quotedWord(in, c + h.offset(), text))) {
          if (options.missing() == CsvOptions.Missing.DROP) {
            droppedRows.accept(rows + dropped);
            dropped++;
            continue rowLoop;
          }
          if (!filling) {
            throw missingValue(file, lineNo, header[c], text);
          }
          x.set(out + j, Double.NaN);
          filled++;
          filledIn[j] = true;
        } else {
          double code = categories[j] == null ? Double.NaN : categories[j].code(text, file, lineNo);
          x.set(out + j, !Double.isNaN(code) ? code : categories[j] != null ? numericCode(text, file, lineNo, header[c])
              : input(text, file, lineNo, header[c]));
        }
      }
      for (int j = 0; j < k; j++) {
        if (task == Task.RECONSTRUCTION) {
          // dropped: the inputs are the targets, so the column is neither parsed nor checked
          continue;
        }
        String targetText = fields[t[j] + h.offset()];
        if (absent(targetText)
            && !(task == Task.CLASSIFICATION && quotedWord(in, t[j] + h.offset(), targetText))) {
          if (options.missing() == CsvOptions.Missing.DROP) {
            droppedRows.accept(rows + dropped);
            dropped++;
            continue rowLoop;
          }
          throw new DataException(file + ":" + lineNo + ": column \"" + Excerpt.of(header[t[j]])
              + "\": the target is missing (\"" + Excerpt.of(DecimalText.strip(targetText))
              + "\"); a row's target cannot be filled in" + dropHint());
        }
        y[rows * k + j] = task == Task.CLASSIFICATION ? labels.index(targetText, file, lineNo, header[t[j]])
            : regressionTarget(targetText, file, lineNo, header[t[j]]);
      }
      rows++;
    }
    requireRows(rows, dropped, file);
    if (dropped > 0) {
      notes.accept(file + ": " + dropped + (dropped == 1 ? " row" : " rows")
          + " with a missing value left out (missing: drop); " + rows + " of " + (rows + dropped) + " kept");
    }
    x = x.copyOf(rows * d);
    y = Arrays.copyOf(y, rows * k);
    w = w == null ? null : Arrays.copyOf(w, rows);
    for (int j = 0; j < d; j++) {
      List<String> found = categories[j] == null ? null : categories[j].finish(x, rows, d, j, file);
      if (found != null) {
        words.found().accept(header[featureColumns[j]], found);
      }
    }
    List<String> features = new ArrayList<>(d);
    for (int c : featureColumns) {
      features.add(header[c]);
    }
    if (filled > 0 && use != Use.RUN) {
      MeanFill.fill(x, rows, features, file);
    }
    if (filled > 0) {
      // as missing: drop says how many rows it left out: a fill changes the data the network sees
      List<String> columns = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        if (filledIn[j]) {
          columns.add("\"" + Excerpt.of(features.get(j)) + "\"");
        }
      }
      notes.accept(file + ": " + filled + (filled == 1 ? " missing value" : " missing values") + " filled with "
          + (use == Use.RUN ? "the training rows' mean" : "the mean") + " of " + (columns.size() == 1 ? "its column "
          : "their columns ") + (columns.size() <= 5 ? String.join(", ", columns) : String.join(", ",
              columns.subList(0, 5)) + " and " + (columns.size() - 5) + " more") + " (missing: mean)");
    }
    for (int j = 0; j < d; j++) {
      if (categories[j] == null && countsTheRows(x, rows, d, j)) {
        notes.accept(file + ": column \"" + Excerpt.of(features.get(j)) + "\" holds " + rows + " whole numbers"
            + " that are all different and consecutive, as a row number or an id does; if it is one, leave it out"
            + " with features: {ignore: [" + Excerpt.of(features.get(j)) + "]} on the source (an id tells a network"
            + " nothing true of a row; a year or a time index may carry a trend worth keeping)");
      }
    }
    if (task != Task.CLASSIFICATION) {
      List<String> targetNames = new ArrayList<>(k);
      for (int c : t) {
        targetNames.add(header[c]);
      }
      return weighingSome(Dataset.wrapRegression(file, x, y, features, targetNames).withWeights(w), header, wc);
    }
    ClassLabels.Result r = labels.finish(y, rows, file, header[t[0]]);
    int[] classIndex = new int[rows];
    for (int i = 0; i < rows; i++) {
      classIndex[i] = (int) y[i];
    }
    return weighingSome(Dataset.wrapClassification(file, x, classIndex, features, header[t[0]], r.names())
        .withWeights(w), header, wc);
  }

  /** {@code d} itself, unless its rows all weigh 0 ({@code weight:} column {@code wc}): nothing would train. */
  private static Dataset weighingSome(Dataset d, String[] header, int wc) {
    if (d.weighsNoRow()) {
      throw new DataException(d.source() + ": every row's weight in column \"" + Excerpt.of(header[wc]) + "\" is 0,"
          + " so no row counts in training; at least one weight must be > 0");
    }
    return d;
  }

  /**
   * The column of the rows' weights ({@code weight:} names it), or −1 without one; a name the header lacks, or the
   * target's column, is refused.
   */
  private int weightColumn(String[] header, String file, String hint, int[] targetColumns) {
    if (options.weight() == null) {
      return -1;
    }
    for (int c = 0; c < header.length; c++) {
      if (header[c].equals(options.weight())) {
        for (int t : targetColumns) {
          if (t == c && task != Task.RECONSTRUCTION) {
            throw new DataException(file + ": weight column \"" + Excerpt.of(options.weight()) + "\" is the target"
                + " column; a column is either the target or the rows' weights");
          }
        }
        return c;
      }
    }
    List<String> near = Suggestions.closest(options.weight(), Arrays.asList(header));
    throw new DataException(file + ": weight column \"" + Excerpt.of(options.weight()) + "\" not found"
        + (near.isEmpty() ? "." : "; did you mean " + quoted(near, near.size()) + "?") + " Columns: "
        + columnList(header) + hint);
  }

  /** A row's weight: a {@link #number} {@code >= 0}. */
  private static double weight(String text, String file, int line, String column) {
    double v = number(text, file, line, column);
    if (v < 0) {
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": the row's weight is "
          + Excerpt.of(DecimalText.strip(text)) + "; a weight is a number >= 0 (0 leaves the row out of training)");
    }
    return v;
  }

  /** Rows from which a column of distinct consecutive whole numbers is taken to count them, not to be chance. */
  private static final int ROW_NUMBER_MIN_ROWS = 20;

  /**
   * Whether feature {@code j} of {@code x} holds whole numbers, all different and consecutive (a permutation of
   * m, m+1, …, m+rows−1): a row number or an id, in any order the file's rows have.
   */
  private static boolean countsTheRows(InputValues x, int rows, int d, int j) {
    if (rows < ROW_NUMBER_MIN_ROWS) {
      return false;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < rows; i++) {
      double v = x.get(i * d + j);
      if (v != Math.rint(v) || Math.abs(v) > 1e15) {
        return false; // a fraction, a NaN still to be filled, or too large to count by
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max - min != rows - 1) {
      return false;
    }
    java.util.BitSet seen = new java.util.BitSet(rows);
    for (int i = 0; i < rows; i++) {
      int at = (int) (x.get(i * d + j) - min);
      if (seen.get(at)) {
        return false;
      }
      seen.set(at);
    }
    return true;
  }

  /** For each of {@code columns}, the gatherer of its words when it may hold them, else {@code null}. */
  private CategoryText[] categoryTexts(String[] header, int[] columns) {
    CategoryText[] texts = new CategoryText[columns.length];
    for (int j = 0; j < columns.length; j++) {
      String name = header[columns[j]];
      if (words.columns().contains(name)) {
        texts[j] = new CategoryText(name, words.fixed().get(name), words.fixedBy());
      }
    }
    return texts;
  }

  /**
   * The fields of the next data row, or {@code null} after the last: a row must have a field for each column
   * of the header, each of at most {@value #MAX_FIELD} characters.
   */
  private static String[] fields(CsvRecords in, String file, Header h) throws IOException {
    String[] fields = in.next();
    if (fields == null) {
      return null;
    }
    int lineNo = in.line();
    if (fields.length != h.fields()) {
      throw new DataException(
          file + ":" + lineNo + ": expected " + h.fields() + " fields as in the header, found " + fields.length);
    }
    for (int c = h.offset(); c < fields.length; c++) {
      if (fields[c].length() > MAX_FIELD) {
        String column = h.names()[c - h.offset()];
        throw new DataException(file + ":" + lineNo + ": column \"" + Excerpt.of(column) + "\": the value is "
            + fields[c].length() + " characters long (\"" + Excerpt.of(fields[c]) + "\"); a value has at most "
            + MAX_FIELD + " characters");
      }
    }
    return fields;
  }

  private static void requireRows(int rows, int dropped, String file) {
    if (rows == 0) {
      throw new DataException(file + (dropped == 0 ? ": no data rows after the header"
          : ": every one of the " + dropped + " data rows has a missing value; missing: drop left none"));
    }
  }

  /** Whether {@code text} is a missing value: empty (or blank), {@code NA} or {@code N/A}. */
  static boolean isMissing(String text) {
    String v = DecimalText.strip(text);
    return v.isEmpty() || v.equals("NA") || v.equals("N/A");
  }

  /**
   * Whether field {@code field} is the word {@code NA} or {@code N/A} in quotes: in a column of words (categories,
   * class labels) that is a value — Namibia, North America — as R's {@code write.csv} tells them apart, writing a
   * missing value as a bare {@code NA} and the string in quotes. In a column of numbers it is missing either way.
   */
  private static boolean quotedWord(CsvRecords in, int field, String text) {
    return in.quoted(field) && !DecimalText.strip(text).isEmpty() && isMissing(text);
  }

  /** Missing, or under missing: drop or mean also {@code NaN}, which an error policy refuses as not finite. */
  private boolean absent(String text) {
    if (!text.isEmpty()) {
      char c = text.charAt(0);
      char next = text.length() > 1 ? text.charAt(1) : ' ';
      if (c >= '0' && c <= '9' || (c == '-' || c == '.') && next >= '0' && next <= '9') {
        return false; // the start of a number: the common case, decided without stripping
      }
    }
    return isMissing(text) || !options.missingValues().isEmpty()
        && options.missingValues().contains(DecimalText.strip(text))
        || options.missing() != CsvOptions.Missing.ERROR && isNan(DecimalText.strip(text));
  }

  /** NaN as programs write it: {@code NaN}, {@code nan}, and with a sign, {@code -nan} as C's printf does. */
  private static boolean isNan(String value) {
    String unsigned = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
    return unsigned.equalsIgnoreCase("nan");
  }

  /**
   * The way out of a value nothing can fill in (a target, a weight): under any policy of a source, {@code missing:
   * drop} (it was named only under {@code missing: mean}, and the default's message offered none); rows for a model
   * are the user's to mend.
   */
  private String dropHint() {
    return use == Use.MODEL ? "; drop such rows first" : options.missing() == CsvOptions.Missing.MEAN
        ? "; missing: drop leaves such rows out" : "; set missing: drop on the csv source to leave such rows out";
  }

  private DataException missingValue(String file, int line, String column, String text) {
    return use == Use.MODEL ? missingForModel(file, line, column, text)
        : new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": missing value (\""
            + Excerpt.of(DecimalText.strip(text)) + "\"); set missing: drop or missing: mean on the csv source to"
            + " accept rows with missing values");
  }

  /** A missing value in rows for a model, which fills nothing in (training's means are not kept in it). */
  private static DataException missingForModel(String file, int line, String column, String text) {
    return new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": missing value (\""
        + Excerpt.of(DecimalText.strip(text)) + "\"); every value must be given: fill or drop such rows first");
  }

  /** {@code a}, or a copy twice as long when row {@code row} of {@code width} values does not fit. */
  private static double[] room(double[] a, int row, int width, String file, int lineNo, String what) {
    int length = room(a.length, row, width, file, lineNo, what);
    return length == a.length ? a : Arrays.copyOf(a, length);
  }

  /** {@code a}, or a copy twice as long when row {@code row} of {@code width} values does not fit. */
  private static InputValues room(InputValues a, int row, int width, String file, int lineNo, String what) {
    int length = room(a.length(), row, width, file, lineNo, what);
    return length == a.length() ? a : a.copyOf(length);
  }

  /** The length an array of {@code length} values must grow to for row {@code row}: itself when it fits. */
  private static int room(int length, int row, int width, String file, int lineNo, String what) {
    if ((long) (row + 1) * width <= length) {
      return length;
    }
    long capacity = Math.min(2L * length / Math.max(1, width), MAX_ARRAY / Math.max(1, width));
    if (capacity <= row) {
      throw new DataException(
          file + ":" + lineNo + ": too many rows; " + what + " fit at most " + row + " rows in memory");
    }
    return (int) (capacity * width);
  }

  /**
   * Whether a header looks like a row of data: two or more numbers, and nothing else but perhaps a last name (the
   * class name a file such as UCI's iris.data ends its rows with).
   */
  private static boolean looksLikeData(String[] names) {
    int leading = 0;
    while (leading < names.length && DecimalText.isDecimal(DecimalText.strip(names[leading]))) {
      leading++;
    }
    return leading >= 2 && leading >= names.length - 1;
  }

  /** Whether a header line is Excel's {@code sep=;} (split at its own separator, or not). */
  private static boolean isSeparatorLine(String[] names) {
    String first = names[0].strip().toLowerCase(java.util.Locale.ROOT);
    return first.startsWith("sep=") && first.length() <= 5 && (names.length == 1 || names.length == 2
        && names[1].isBlank());
  }

  private static void parseHeader(String[] names, int offset, String file) {
    if (isSeparatorLine(names)) {
      // Excel writes "sep=;" above the header for itself; read as the header, it had "no name" after "sep="
      throw new DataException(file + ":1: the first line, sep=…, is Excel's note of the separator, not a header;"
          + " delete that line: nn finds the separator itself (or set separator: on the csv source)");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.length;) {
      int c = i + offset;
      if (names[i].length() > MAX_FIELD) {
        throw new DataException(file + ":1: the name of column " + c + " is " + names[i].length() + " characters long (\""
            + Excerpt.of(names[i]) + "\"); a column name has at most " + MAX_FIELD + " characters");
      }
      if (names[i].isEmpty()) {
        throw new DataException(file + ":1: column " + c + " of the header (counting from 0, "
            + (i == 0 ? "the first" : "after \"" + Excerpt.of(names[i - 1]) + "\"") + ") has no name; every column"
            + " needs one" + (i == names.length - 1 && i > 0
                ? " (a separator at the end of the line makes an empty last column)" : ""));
      }
      Integer before = seen.put(names[i], c);
      if (before != null) {
        throw new DataException(file + ":1: column name \"" + Excerpt.of(names[i]) + "\" appears twice (columns "
            + before + " and " + c + ", counting from 0)" + (looksLikeData(names)
                ? "; line 1 is the header, and its names are numbers: if the file has no header, add a line naming"
                    + " its columns"
                : ""));
      }
      i++;
    }
  }

  /** The columns of the targets, in the order they were named; a column named twice is refused. */
  private int[] targetColumns(String[] header, String file, String hint) {
    int[] columns = new int[targets.size()];
    for (int j = 0; j < columns.length; j++) {
      columns[j] = targetColumn(targets.get(j), header, file, hint);
    }
    int[] twice = repeatedTarget(targets, Arrays.asList(header));
    if (twice != null) {
      throw new DataException(file + ": " + repeatedTargetProblem(targets, Arrays.asList(header), twice)
          + "; each target column once");
    }
    return columns;
  }

  /**
   * The column {@code target} selects in {@code header}: a name of it, {@value #LAST}, {@value #FIRST} or a 0-based
   * index inside it, tried in that order; −1 when it selects none. What reading a file does, and what an experiment's
   * check of its keys does before.
   */
  public static int selectedColumn(String target, List<String> header) {
    int named = header.indexOf(target);
    if (named >= 0 || header.isEmpty()) {
      return named;
    }
    if (LAST.equals(target)) {
      return header.size() - 1;
    }
    if (FIRST.equals(target)) {
      return 0;
    }
    return isIndex(target) && target.length() <= 9 && Integer.parseInt(target) < header.size()
        ? Integer.parseInt(target) : -1;
  }

  /**
   * The first two of {@code targets} that pick one column of {@code header} ({@code [y, last]} where y is last), as
   * their indices in {@code targets}, or {@code null} when each picks a column of its own; the reader refuses such a
   * pair, and an experiment's check says so at the key.
   */
  public static int[] repeatedTarget(List<String> targets, List<String> header) {
    for (int k = 1; k < targets.size(); k++) {
      int column = selectedColumn(targets.get(k), header);
      for (int i = 0; column >= 0 && i < k; i++) {
        if (selectedColumn(targets.get(i), header) == column) {
          return new int[] {i, k};
        }
      }
    }
    return null;
  }

  /** What the reader and an experiment's check say of the pair {@link #repeatedTarget} found, without the fix. */
  public static String repeatedTargetProblem(List<String> targets, List<String> header, int[] pair) {
    return "target column \"" + Excerpt.of(header.get(selectedColumn(targets.get(pair[1]), header))) + "\" is named"
        + " twice (" + Excerpt.of(targets.get(pair[0])) + " and " + Excerpt.of(targets.get(pair[1])) + ")";
  }

  /** Whether {@code target} is written as a column index: digits only. */
  public static boolean isIndex(String target) {
    return !target.isEmpty() && target.chars().allMatch(Character::isDigit);
  }

  private static int targetColumn(String target, String[] header, String file, String hint) {
    int selected = selectedColumn(target, Arrays.asList(header));
    if (selected >= 0) {
      return selected;
    }
    if (isIndex(target)) {
      // a name, last and first were tried first: digits that select no column are an index beyond the header
      throw new DataException(
          file + ": target column index " + Excerpt.of(target) + " is out of range; the header has " + header.length
              + " columns, indexes 0.." + (header.length - 1));
    }
    List<String> near = Suggestions.closest(target, Arrays.asList(header));
    StringBuilder s = new StringBuilder(file).append(": target column \"").append(Excerpt.of(target))
        .append("\" not found");
    if (near.isEmpty()) {
      s.append('.');
    } else {
      s.append("; did you mean ").append(quoted(near, near.size())).append('?');
    }
    s.append(" Columns: ").append(columnList(header)).append(hint);
    throw new DataException(s.toString());
  }

  static String columnList(String[] header) {
    if (header.length <= MAX_LISTED_COLUMNS) {
      return String.join(", ", Arrays.stream(header).map(n -> dev.nn.core.text.ListedName.of(CsvSeparator.shown(Excerpt.of(n)))).toList());
    }
    List<String> shown = new ArrayList<>();
    for (int c = 0; c < MAX_LISTED_COLUMNS - 2; c++) {
      shown.add(dev.nn.core.text.ListedName.of(CsvSeparator.shown(Excerpt.of(header[c]))));
    }
    shown.add("... (" + (header.length - MAX_LISTED_COLUMNS + 1) + " more)");
    shown.add(dev.nn.core.text.ListedName.of(CsvSeparator.shown(Excerpt.of(header[header.length - 1]))));
    return String.join(", ", shown);
  }

  static String quoted(List<String> names, int n) {
    List<String> q = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      q.add("\"" + Excerpt.of(names.get(i)) + "\"");
    }
    return String.join(" or ", q);
  }

  /** {@link #number}, which must also fit a float when the inputs are held as floats. */
  private double input(String text, String file, int line, String column) {
    // a source whose missing values are NaNs (NumPy's, pandas' way) reads them under missing: drop or mean
    double v = use == Use.MODEL ? modelNumber(text, file, line, column) : number(text, file, line, column, ", but a NaN"
        + " that marks a missing value is read as one under missing: drop or missing: mean on the csv source");
    if (inputs == Precision.FLOAT32 && Float.isInfinite((float) v)) {
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \""
          + Excerpt.of(DecimalText.strip(text)) + "\" is too large for a float32 run; the largest magnitude is "
          + Float.MAX_VALUE);
    }
    return v;
  }

  /**
   * {@link #input} of a one-hot column's code written as a number, which inputs held as floats must hold exactly:
   * whole numbers beyond 2^24 that a float rounds would merge with their neighbours (100000001 and 100000003 are
   * both 1.0E8 as floats), and the model would then refuse the very rows it was trained on. (A decimal code is
   * refused when the categories are fitted, {@link OneHot#fit}.)
   */
  private double numericCode(String text, String file, int line, String column) {
    double v = input(text, file, line, column);
    if (inputs == Precision.FLOAT32 && v == Math.rint(v) && (double) (float) v != v) {
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": the one-hot code \""
          + Excerpt.of(DecimalText.strip(text)) + "\" is no float32 number, which this run holds its inputs as, so it"
          + " would be one category with its neighbours (it rounds to " + (float) v + "); a float holds every whole"
          + " number up to 16777216 in magnitude: renumber the codes, or write them as words");
    }
    return v;
  }

  /**
   * A short value with letters and no digit — "red", "yes", "Biscoe" — is a category, not a number written wrongly
   * (nor the run of text a broken file puts in a field).
   */
  private static boolean isWord(String value) {
    return value.length() <= 40 && value.chars().anyMatch(Character::isLetter)
        && value.chars().noneMatch(Character::isDigit);
  }

  private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
  private static final Pattern DATE_OR_TIME = Pattern.compile(
      "\\d{4}-\\d{1,2}-\\d{1,2}([T ].*)?|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

  /**
   * What the value looks like, when that says how to write it: a decimal comma, a thousands separator, a
   * percent or currency sign, a date or time (a column to leave out), a word (a category). Empty otherwise.
   */
  private static String notANumberHint(String value, String column) {
    String spaced = value.replaceAll("[\\u00A0\\u2007\\u202F]", " ").strip();
    if (!spaced.equals(value) && DecimalText.isDecimal(spaced)) {
      // looks like "0.3 " in a message, and spaces around a value are ignored: say what the space is
      return "; it holds a no-break space (U+00A0, U+2007 or U+202F), which is not the space nn ignores around a"
          + " value: remove it, or write " + Excerpt.of(spaced);
    }
    if (THOUSANDS.matcher(value).matches()) {
      String without = value.replace(",", "");
      return value.indexOf('.') >= 0 ? "; a thousands separator is not read: write " + Excerpt.of(without)
          : "; a comma is not read: write " + Excerpt.of(value.replace(',', '.')) + " for a decimal comma, or "
              + Excerpt.of(without) + " for thousands";
    }
    String hyphen = value.replace('\u2212', '-');
    if (!hyphen.equals(value) && DecimalText.isDecimal(hyphen)) {
      // copied from typeset tables: it looks like a minus in every message
      return "; its minus sign is U+2212, not the ASCII hyphen-minus nn reads: write " + Excerpt.of(hyphen);
    }
    // a decimal comma, a percent or currency sign, digits grouped by spaces or periods, alone or together ("1,5",
    // "12 %", "1 234", "$9.99", "1.234,56 €"), as French, German and Scandinavian exports write numbers
    String localeForm = LocaleNumber.hint(value);
    if (!localeForm.isEmpty()) {
      return localeForm;
    }
    if (DATE_OR_TIME.matcher(value).matches()) {
      return "; dates and times are not read: leave the column out with features: {ignore: [" + Excerpt.of(column)
          + "]} on the source, or write it as a number (days since a start, hour of the day)";
    }
    if (OTHER_MISSING_MARKERS.contains(value)) {
      return "; \"" + value + "\" is not read as a missing value: a missing value is an empty field, NA or N/A"
          + " (which missing: drop or missing: mean on the source then handle), or a value listed in"
          + " missing-values: [\"" + value + "\"] on the source";
    }
    if (isWord(value)) {
      return "; a column of categories, as words or codes, is read by listing it in data.one-hot, which gives the"
          + " network one 0/1 input per category";
    }
    if (value.chars().anyMatch(Character::isLetter) && (value.indexOf(' ') >= 0 || value.indexOf(',') >= 0)) {
      return "; a column of text is not read: leave it out with features: {ignore: [" + Excerpt.of(column)
          + "]} on the source, or, if it holds categories, list it in data.one-hot";
    }
    return "";
  }

  /**
   * Markers other programs write for a missing value (UCI's {@code ?}, R's and SQL's {@code null}), which nn does
   * not read as missing: a message that meets one says which are.
   */
  private static final Set<String> OTHER_MISSING_MARKERS = Set.of("?", "-", "--", "null", "NULL", "Null",
      "na", "n/a", "nil", "None", "none", "NONE", "missing", "#N/A");

  /**
   * A regression's target value, a {@link #number}. A word there (setosa, yes) is a class name: the source is read
   * as a regression, and the message says how to read it as a classification instead, not how to encode an input.
   */
  private double regressionTarget(String text, String file, int line, String column) {
    String value = DecimalText.strip(text);
    if (targets.size() == 1 && isWord(value) && !DecimalText.isNonFiniteWord(value)
        && !OTHER_MISSING_MARKERS.contains(value)) {
      throw new DataException(cell(file, line, column, text) + (use == Use.MODEL ? " is not a number, and this"
          + " model is a regression, whose targets are numbers (a model of classes is trained with task:"
          + " classification on its source)" : " is not a number, and a regression's target is a number; if the column"
          + " holds classes, set task: classification on the source, which reads its values as class names"));
    }
    if (DATE_OR_TIME.matcher(value).matches()) {
      // the features' hint (leave the column out) is no help for the column the network predicts
      throw new DataException(cell(file, line, column, text) + " is a date or time, and a regression's target is a"
          + " number: dates and times are not read; write the target as a number (days since a start, hour of the"
          + " day), or name another column as the target");
    }
    return number(text, file, line, column, use == Use.MODEL ? "" : ", but a NaN that marks a missing target is read"
        + " as one under missing: drop on the csv source, which leaves such rows out");
  }

  /** {@code file:line: column "c": "text"}, the start of a message about one field. */
  private static String cell(String file, int line, String column, String text) {
    return file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + Excerpt.of(text) + "\"";
  }

  /**
   * A {@link #number} of a column a trained model reads as numbers. A word there gets no hint to list the column
   * in data.one-hot, as training's does: there is no source to list it in, and the model was trained on numbers.
   */
  private static double modelNumber(String text, String file, int line, String column) {
    String value = DecimalText.strip(text);
    if (isWord(value) && !DecimalText.isNonFiniteWord(value)) {
      throw new DataException(cell(file, line, column, text) + " is not a number, and the model reads this column"
          + " as numbers, as it was trained on them (a column of words is read as categories only by a model trained"
          + " with it in data.one-hot)");
    }
    return number(text, file, line, column);
  }

  /**
   * A value as a finite double: a plain decimal number ({@link DecimalText}), with the spaces and tabs around
   * it ignored.
   */
  private static double number(String text, String file, int line, String column) {
    return number(text, file, line, column, "");
  }

  /** {@link #number(String, String, int, String)}, its refusal of a NaN followed by {@code nanHint}. */
  private static double number(String text, String file, int line, String column, String nanHint) {
    String value = DecimalText.strip(text);
    if (!DecimalText.isDecimal(value)) {
      if (DecimalText.isNonFiniteWord(value)) {
        throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + value
            + "\" is not a finite number; NaN and infinities are not allowed" + (isNan(value) ? nanHint : ""));
      }
      throw new DataException(cell(file, line, column, text) + " is not a number; values are decimal numbers such"
          + " as 3, -0.5 or 1e-3" + notANumberHint(value, column));
    }
    double v = Double.parseDouble(value);
    if (!Double.isFinite(v)) {
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + Excerpt.of(value)
          + "\" is too large for a double; the largest magnitude is " + Double.MAX_VALUE);
    }
    return v;
  }
}
