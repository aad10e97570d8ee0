package dev.nn.spark.ml;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A fitted {@link NnRegressor}: {@code transform} adds the prediction column, the nn model's output for
 * each row's features (its first output, for a model with several).
 */
public final class NnRegressionModel extends NnModel<NnRegressionModel> {
  private static final long serialVersionUID = 1L;

  /** The model of an nn model file's bytes. */
  public NnRegressionModel(String uid, byte[] modelFile) {
    super(uid, modelFile);
  }

  @Override
  NnRegressionModel fresh() {
    return new NnRegressionModel(uid(), modelFileShared());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    if (getPredictionCol().isEmpty()) {
      return dataset.toDF();
    }
    Broadcast<byte[]> shared = broadcast(dataset.sparkSession());
    int inputs = numFeatures();
    UserDefinedFunction predict = functions.udf((UDF1<Vector, Double>) v -> {
      if (v.size() != inputs) {
        throw new IllegalArgumentException("the model takes " + inputs + " features, a row has " + v.size());
      }
      return ModelBytes.cached(shared).predict(v.toArray())[0];
    }, DataTypes.DoubleType);
    return dataset.withColumn(getPredictionCol(), predict.apply(functions.col(getFeaturesCol())));
  }

  /** Reads a model {@link #save saved} by this class. */
  public static MLReader<NnRegressionModel> read() {
    return new Reader<>(NnRegressionModel.class, NnRegressionModel::new);
  }

  /** Reads a model {@link #save saved} by this class. */
  public static NnRegressionModel load(String path) {
    return read().load(path);
  }

}
