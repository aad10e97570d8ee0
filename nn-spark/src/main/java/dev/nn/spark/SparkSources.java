package dev.nn.spark;

import dev.nn.core.config.SourceSpec;
import dev.nn.core.data.DataException;
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

  private SparkSources() {}

  static Dataset<Row> read(SparkSession session, SourceSpec.Spark source) {
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
      if (!(field.dataType() instanceof NumericType)) {
        throw new DataException("column \"" + c + "\" of " + source.location() + " holds " + field.dataType().simpleString()
            + " values; nn trains on numbers (class labels as 0, 1, …; Spark's StringIndexer makes them)");
      }
    }
    if (features.isEmpty()) {
      throw new DataException(source.location() + " has no feature column besides the target \"" + source.target()
          + "\"");
    }
    Dataset<Row> assembled = new VectorAssembler().setInputCols(features.toArray(new String[0]))
        .setOutputCol(FEATURES).setHandleInvalid("error").transform(table);
    return assembled.select(functions.col(FEATURES), functions.col(source.target()).cast("double"));
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
}
