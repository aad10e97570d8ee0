package dev.nn.spark.ml;

import dev.nn.api.TargetKind;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link NnClassifier}. {@code transform} adds, for each row's features:
 *
 * <ul>
 *   <li>{@code probabilityCol}: the class probabilities, entry c for the c-th smallest label value seen in
 *       training ({@link #classes()}); with labels 0 … C−1 (as StringIndexer gives them) entry c is label c;
 *   <li>{@code rawPredictionCol}: the same scores (nn's models give probabilities; BinaryClassificationEvaluator
 *       and MulticlassClassificationEvaluator read either);
 *   <li>{@code predictionCol}: the label value of the most probable class.
 * </ul>
 *
 * An empty column name leaves that column out.
 */
public final class NnClassificationModel extends NnModel<NnClassificationModel> {
  private static final long serialVersionUID = 1L;

  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;

  /** The model of an nn model file's bytes. */
  public NnClassificationModel(String uid, byte[] modelFile) {
    super(uid, modelFile);
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "class scores column name");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
  }

  @Override
  NnClassificationModel fresh() {
    return new NnClassificationModel(uid(), modelFileShared());
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public String getProbabilityCol() {
    return getOrDefault(probabilityCol);
  }

  public NnClassificationModel setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  public String getRawPredictionCol() {
    return getOrDefault(rawPredictionCol);
  }

  public NnClassificationModel setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  /** The label values of the classes, in the order of the probability vector. */
  public double[] classes() {
    List<String> names = nnModel().spec().classes();
    double[] values = new double[names.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = Double.parseDouble(names.get(c));
    }
    return values;
  }

  /** The number of classes. */
  public int numClasses() {
    return nnModel().spec().classes().size();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = super.transformSchema(schema);
    out = Columns.appendVector(out, getProbabilityCol());
    return Columns.appendVector(out, getRawPredictionCol());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Broadcast<byte[]> shared = broadcast(dataset.sparkSession());
    int inputs = numFeatures();
    double[] classes = classes();
    TargetKind kind = nnModel().loss().targets();
    // computed once per row: not inlined into each column that reads it
    UserDefinedFunction probabilities = functions.udf((UDF1<Vector, Vector>) v -> {
      if (v.size() != inputs) {
        throw new IllegalArgumentException("the model takes " + inputs + " features, a row has " + v.size());
      }
      return Vectors.dense(probabilities(ModelBytes.cached(shared).predict(v.toArray()), kind));
    }, SQLDataTypes.VectorType()).asNondeterministic();
    UserDefinedFunction predict = functions.udf((UDF1<Vector, Double>) p -> classes[p.argmax()],
        DataTypes.DoubleType);
    String probabilityColumn = getProbabilityCol().isEmpty() ? uid() + "_probability" : getProbabilityCol();
    Dataset<Row> out = dataset.withColumn(probabilityColumn, probabilities.apply(functions.col(getFeaturesCol())));
    Column probability = functions.col(probabilityColumn);
    if (!getRawPredictionCol().isEmpty()) {
      out = out.withColumn(getRawPredictionCol(), probability);
    }
    if (!getPredictionCol().isEmpty()) {
      out = out.withColumn(getPredictionCol(), predict.apply(probability));
    }
    return getProbabilityCol().isEmpty() ? out.drop(probabilityColumn) : out;
  }

  /**
   * The class probabilities of a model's outputs: as they are for several classes; for two classes in one
   * output, that output is class 1's probability (or, for a loss of −1/+1 targets, a score in [−1, 1]).
   */
  static double[] probabilities(double[] out, TargetKind kind) {
    if (out.length > 1) {
      return out;
    }
    double p = kind == TargetKind.SIGNED ? (out[0] + 1) / 2 : out[0];
    p = Math.max(0, Math.min(1, p));
    return new double[] {1 - p, p};
  }

  /** Reads a model {@link #save saved} by this class. */
  public static MLReader<NnClassificationModel> read() {
    return new Reader<>(NnClassificationModel.class, NnClassificationModel::new);
  }

  /** Reads a model {@link #save saved} by this class. */
  public static NnClassificationModel load(String path) {
    return read().load(path);
  }
}
