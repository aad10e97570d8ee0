package dev.nn.spark;

import dev.nn.core.config.SourceSpec;
import dev.nn.core.data.DataException;
import dev.nn.core.text.Grouped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads an experiment's {@code source: spark} table as Spark reads any table — lazily, on the executors — and
 * shapes it for training: the feature columns assembled into one vector column {@value #FEATURES}, the target
 * as a number. Only the schema is looked at here; a missing column or one that is not numeric is one
 * {@link DataException} naming it and the columns there are.
 */
final class SparkSources {
  /** The column of assembled feature vectors. */
  static final String FEATURES = "nn_features";

  /** The experiment's key of a spark source's format: only the training data can be such a source. */
  static final String FORMAT_KEY = "data.train.format";

  /** How many of a row's values a message shows: enough to find a row of a narrow table, not a wide one's whole. */
  private static final int ROW_VALUES_SHOWN = 8;

  private SparkSources() {}

  /**
   * A spark source as read: its rows with their feature vectors assembled ({@link #FEATURES}) and the target, and
   * the table's own columns, which a message about a value names.
   *
   * @param assembled the column {@link #FEATURES} and the target, as training reads them
   * @param raw the table as Spark read it
   * @param features the feature columns, in the vector's order
   */
  record Table(Dataset<Row> assembled, Dataset<Row> raw, List<String> features) {}

  static Table read(SparkSession session, SourceSpec.Spark source) {
    DataFrameReader reader = session.read().format(source.format());
    if (source.format().equals("csv")) {
      reader = reader.option("header", "true").option("inferSchema", "true");
    }
    Dataset<Row> table;
    try {
      table = reader.load(source.location());
    } catch (Exception e) { // Spark's AnalysisException or SparkException, thrown undeclared
      String reason = withoutFullStop(SparkFailures.innermostReason(e));
      // a path that is not there is no matter of format
      boolean missing = reason.contains("PATH_NOT_FOUND") || reason.contains("does not exist");
      throw new DataException("cannot read " + source.format() + " data at " + source.location() + ": " + reason
          + (missing ? "" : "; set " + FORMAT_KEY + " to the format the data is in"), e);
    }
    StructType schema = table.schema();
    List<String> columns = Arrays.asList(schema.fieldNames());
    requireJsonRecords(session, source, columns);
    List<String> features = new ArrayList<>(source.features());
    if (features.isEmpty()) {
      for (String c : columns) {
        if (!c.equals(source.target())) {
          features.add(c);
        }
      }
    }
    List<String> wanted = new ArrayList<>(features);
    wanted.add(source.target());
    for (String c : wanted) {
      if (!columns.contains(c)) {
        throw new DataException(source.location() + " has no column \"" + c + "\"; its columns: "
            + String.join(", ", columns));
      }
      StructField field = schema.apply(c);
      if (!(field.dataType() instanceof NumericType) && table.limit(1).count() == 0) {
        // a csv file of a header alone has its columns typed as text, having no value to infer a type from
        throw new DataException(source.location() + ": no data rows" + (source.format().equals("csv")
            ? " after the header" : "") + "; there is nothing to train on");
      }
      if (!(field.dataType() instanceof NumericType)) {
        throw new DataException("column \"" + c + "\" of " + source.location() + " holds " + field.dataType().simpleString()
            + " values" + firstNonNumber(table, c) + "; nn trains on numbers (class labels as 0, 1, …; Spark's"
            + " StringIndexer makes them)");
      }
    }
    if (features.isEmpty()) {
      throw new DataException(source.location() + " has no feature column besides the target \"" + source.target()
          + "\"");
    }
    Dataset<Row> assembled = new VectorAssembler().setInputCols(features.toArray(new String[0]))
        .setOutputCol(FEATURES).setHandleInvalid("error").transform(table);
    return new Table(assembled.select(functions.col(FEATURES), functions.col(source.target()).cast("double")), table,
        List.copyOf(features));
  }

  /**
   * Which of the values of column {@code c} are not numbers, for a message: how many, and the first with its row
   * (a table read by Spark has no line numbers, so the row's values are what a user can search the data for);
   * empty when every value reads as a number.
   */
  private static String firstNonNumber(Dataset<Row> table, String c) {
    org.apache.spark.sql.Column value = functions.col(c);
    // try_cast: under Spark 4's ANSI mode a cast of a word fails rather than give null
    Dataset<Row> words = table.filter(value.isNotNull().and(value.try_cast("double").isNull()));
    List<Row> first = words.limit(1).collectAsList();
    if (first.isEmpty()) {
      return "";
    }
    long n = words.count();
    String word = "\"" + first.get(0).getAs(c) + "\" in the row " + rowText(first.get(0));
    return n == 1 ? ": " + word + " is not a number" : ": " + Grouped.of(n) + " values are not numbers, the first "
        + word;
  }

  /**
   * A row's values as a message shows them, in brackets: the first {@value #ROW_VALUES_SHOWN}, then how many more
   * there are.
   */
  static String rowText(Row row) {
    StringBuilder b = new StringBuilder("[");
    for (int j = 0; j < Math.min(row.length(), ROW_VALUES_SHOWN); j++) {
      b.append(j == 0 ? "" : ", ").append(row.isNullAt(j) ? "(missing)" : String.valueOf(row.get(j)));
    }
    int more = row.length() - ROW_VALUES_SHOWN;
    return (more > 0 ? b + ", … (" + more + " more)" : b.toString()) + "]";
  }

  /**
   * What failed as the table's rows were first read, as nn reports it: a value that is missing, NaN or infinite
   * (which Spark's VectorAssembler, or nn's own check of the assembled vectors, refuses in its own words and
   * under the vector's internal column) named by the table's column and its number of such values; a table with
   * no rows or one class, and any other problem of the data, as a {@link DataException} naming the table;
   * anything else as {@link SparkFailures#translate} reports it.
   */
  static RuntimeException explained(Table table, SourceSpec.Spark source, Exception e) {
    String reason = SparkFailures.innermostReason(e);
    boolean value = reason.contains("Encountered null") || reason.contains("Encountered NaN")
        || reason.contains("\"" + FEATURES + "\"") || reason.contains("labels must be finite")
        || reason.contains("a row has no value");
    if (value) {
      java.util.Optional<DataException> named = notFinite(table, source);
      if (named.isPresent()) {
        return named.get();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException || t instanceof DataException) {
        String m = t.getMessage().replace("column \"" + FEATURES + "\"", "the feature columns");
        return new DataException(m.startsWith(source.location()) ? m : source.location() + ": " + m, e);
      }
    }
    return SparkFailures.translate(e);
  }

  /**
   * The first column of {@code table}'s features and target with a missing, NaN or infinite value, if any, with how
   * many it holds and the first row that holds one.
   */
  private static java.util.Optional<DataException> notFinite(Table table, SourceSpec.Spark source) {
    List<String> columns = new ArrayList<>(table.features());
    columns.add(source.target());
    List<org.apache.spark.sql.Column> counts = new ArrayList<>();
    List<org.apache.spark.sql.Column> bad = new ArrayList<>();
    for (String c : columns) {
      org.apache.spark.sql.Column v = functions.col(c).cast("double");
      bad.add(v.isNull().or(functions.isnan(v)).or(v.equalTo(Double.POSITIVE_INFINITY))
          .or(v.equalTo(Double.NEGATIVE_INFINITY)));
      counts.add(functions.sum(functions.when(bad.get(bad.size() - 1), 1).otherwise(0)));
    }
    Row row = table.raw().agg(counts.get(0), counts.subList(1, counts.size()).toArray(new org.apache.spark.sql.Column[0]))
        .first();
    for (int j = 0; j < columns.size(); j++) {
      long n = row.isNullAt(j) ? 0 : ((Number) row.get(j)).longValue();
      if (n > 0) {
        Row first = table.raw().filter(bad.get(j)).first();
        return java.util.Optional.of(new DataException(source.location() + ": column \"" + columns.get(j) + "\" holds "
            + Grouped.of(n) + (n == 1 ? " value" : " values") + " that " + (n == 1 ? "is" : "are")
            + " missing, NaN or infinite (the first in the row " + rowText(first) + "); every row of a spark table needs a finite number in each feature column and the target: filter or"
            + " fill such rows before training"));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Refuses a class label that is not a whole number, a negative one, or labels with a gap, as a csv source refuses
   * them: Spark's distinct values would make 2.5 a class of its own, beside 2 and 3, and −1 and 1 two classes. The line is not known (Spark read the rows where they lie), so the
   * message names the table, the column and how many rows hold the label.
   *
   * @param classes the distinct labels of the training and held-out rows, sorted
   */
  static void requireClassIndices(Table table, SourceSpec.Spark source, double[] classes) {
    for (double c : classes) {
      if (c != Math.rint(c)) {
        long rows = table.raw().filter(functions.col(source.target()).cast("double").equalTo(c)).count();
        throw new DataException(source.location() + ": class label \"" + java.math.BigDecimal.valueOf(c)
            .toPlainString() + "\" in column \"" + source.target() + "\" is not an integer (" + rows
            + (rows == 1 ? " row holds it" : " rows hold it") + "); classification targets must be class indices"
            + " 0..k-1 (if the column holds a quantity, set task: regression on the source)");
      }
    }
    // as a csv source reads its indices: 0 … k−1 with a row of each, which Spark's StringIndexer writes
    if (classes.length > 0 && classes[0] < 0) {
      long rows = table.raw().filter(functions.col(source.target()).cast("double").equalTo(classes[0])).count();
      throw new DataException(source.location() + ": class label \"" + (long) classes[0] + "\" in column \""
          + source.target() + "\" is negative (" + rows + (rows == 1 ? " row holds it" : " rows hold it") + ");"
          + " classification targets must be class indices 0..k-1, as Spark's StringIndexer numbers classes (if the"
          + " column holds a quantity, set task: regression on the source)");
    }
    for (int c = 0; c < classes.length; c++) {
      if (classes[c] != c) {
        throw new DataException(source.location() + ": column \"" + source.target() + "\" has class labels up to "
            + (long) classes[classes.length - 1] + " but no row of class " + c + "; classes must be numbered 0.."
            + (long) classes[classes.length - 1] + " without gaps, as Spark's StringIndexer numbers them");
      }
    }
  }

  private static String withoutFullStop(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  /**
   * Spark's JSON reader does not fail on a line that is no JSON object: it keeps the line as text in a column
   * of its own (spark.sql.columnNameOfCorruptRecord); a file in another format then looks like a table of one
   * text column, which the user never named. Such a column means the data is not what format json reads.
   */
  private static void requireJsonRecords(SparkSession session, SourceSpec.Spark source, List<String> columns) {
    if (!source.format().equals("json")) {
      return;
    }
    String corrupt = session.conf().get("spark.sql.columnNameOfCorruptRecord", "_corrupt_record");
    if (columns.contains(corrupt)) {
      throw new DataException("cannot read json data at " + source.location() + ": "
          + (columns.size() == 1 ? "it holds no JSON records" : "some of its lines are not JSON records")
          + " of the shape nn reads (one JSON object per line, its fields the columns); set " + FORMAT_KEY
          + " to the format the data is in");
    }
  }

  /**
   * The files of a table on this machine's file system (a path without a scheme, or a {@code file:} URI): the
   * file itself, or every file under its folder (Parquet's part files, say), in order; for a glob (a path with
   * {@code *}, {@code ?}, {@code [...]} or {@code {a,b}}, which Spark expands as Hadoop does), each file it matches
   * and every file under each folder it matches. None for a table elsewhere (hdfs://, s3a://), which the driver
   * cannot read to check, or a path that is not there.
   */
  static List<java.nio.file.Path> localFiles(SourceSpec.Spark source) {
    java.nio.file.Path path = source.localPath().orElse(null);
    // a file: URI Path cannot take ({a,b}, [...]) can still be a local glob
    if (isGlob(source.location()) && (path != null || source.location().startsWith("file:"))) {
      java.util.TreeSet<java.nio.file.Path> files = new java.util.TreeSet<>();
      for (java.nio.file.Path match : globbed(source.location())) {
        files.addAll(filesAt(match));
      }
      return List.copyOf(files);
    }
    return path == null ? List.of() : filesAt(path);
  }

  /** Whether Spark takes {@code location} for a glob, as its own check does: a path with a glob's characters. */
  static boolean isGlob(String location) {
    return location.chars().anyMatch(c -> "{}[]*?\\".indexOf(c) >= 0);
  }

  /** The local paths a glob matches, by Hadoop's own glob, which Spark expands a path with. */
  private static List<java.nio.file.Path> globbed(String location) {
    try {
      org.apache.hadoop.fs.FileSystem local = org.apache.hadoop.fs.FileSystem.getLocal(
          new org.apache.hadoop.conf.Configuration());
      org.apache.hadoop.fs.FileStatus[] matches = local.globStatus(new org.apache.hadoop.fs.Path(location));
      if (matches == null) {
        return List.of();
      }
      List<java.nio.file.Path> paths = new ArrayList<>();
      for (org.apache.hadoop.fs.FileStatus m : matches) {
        paths.add(java.nio.file.Path.of(m.getPath().toUri()));
      }
      return paths;
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The file at {@code path}, or every file under the folder there, in order; none if nothing is there. */
  private static List<java.nio.file.Path> filesAt(java.nio.file.Path path) {
    if (!java.nio.file.Files.exists(path)) {
      return List.of();
    }
    if (java.nio.file.Files.isRegularFile(path)) {
      return List.of(path.toAbsolutePath());
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(path)) {
      return files.filter(java.nio.file.Files::isRegularFile).map(java.nio.file.Path::toAbsolutePath).sorted()
          .toList();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

}
