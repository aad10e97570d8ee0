package dev.nn.spark.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;

/**
 * An nn network as a Spark ML classification estimator: {@code fit} trains on the features vectors and the
 * numeric labels of a data frame, on the executors, and gives an {@link NnClassificationModel}. The classes
 * are the label column's distinct values. The default loss is {@code softmax-cross-entropy} on a linear
 * output layer of one node per class; see {@link NnEstimator} for the experiment and the params.
 *
 * <pre>{@code
 * NnClassifier nn = new NnClassifier().setHiddenLayers(16).setLearningRate(0.01).setEpochs(30);
 * Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, nn});
 * PipelineModel model = pipeline.fit(train);
 * }</pre>
 */
public final class NnClassifier extends NnEstimator<NnClassifier, NnClassificationModel> {
  private static final long serialVersionUID = 1L;

  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;

  /** An estimator with a random uid. */
  public NnClassifier() {
    this(Identifiable.randomUID("nnClf"));
  }

  /** An estimator with the given uid (Spark ML's copies and readers use this). */
  public NnClassifier(String uid) {
    super(uid, "softmax-cross-entropy");
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "class scores column name");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public String getProbabilityCol() {
    return getOrDefault(probabilityCol);
  }

  public NnClassifier setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  public String getRawPredictionCol() {
    return getOrDefault(rawPredictionCol);
  }

  public NnClassifier setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  @Override
  boolean classification() {
    return true;
  }

  @Override
  StructType outputSchema(StructType schema) {
    StructType out = super.outputSchema(schema);
    out = Columns.appendVector(out, getProbabilityCol());
    return Columns.appendVector(out, getRawPredictionCol());
  }

  @Override
  NnClassificationModel newModel(byte[] modelFile) {
    return new NnClassificationModel(uid(), modelFile);
  }

  /** Reads an estimator {@link #save saved} by this class. */
  public static MLReader<NnClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** Reads an estimator {@link #save saved} by this class. */
  public static NnClassifier load(String path) {
    return read().load(path);
  }
}
