package dev.nn.spark.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * An nn network as a Spark ML regression estimator: {@code fit} trains on the features vectors and the
 * numeric label of a data frame, on the executors, and gives an {@link NnRegressionModel}. The default loss
 * is {@code squared}; see {@link NnEstimator} for the experiment and the params.
 *
 * <pre>{@code
 * NnRegressor nn = new NnRegressor().setHiddenLayers(16).setActivation("tanh").setLearningRate(0.05)
 *     .setEpochs(100).setLabelCol("target");
 * NnRegressionModel model = nn.fit(train);
 * }</pre>
 */
public final class NnRegressor extends NnEstimator<NnRegressor, NnRegressionModel> {
  private static final long serialVersionUID = 1L;

  /** An estimator with a random uid. */
  public NnRegressor() {
    this(Identifiable.randomUID("nnReg"));
  }

  /** An estimator with the given uid (Spark ML's copies and readers use this). */
  public NnRegressor(String uid) {
    super(uid, "squared");
  }

  @Override
  boolean classification() {
    return false;
  }

  @Override
  NnRegressionModel newModel(byte[] modelFile) {
    return new NnRegressionModel(uid(), modelFile);
  }

  /** Reads an estimator {@link #save saved} by this class. */
  public static MLReader<NnRegressor> read() {
    return new DefaultParamsReader<>();
  }

  /** Reads an estimator {@link #save saved} by this class. */
  public static NnRegressor load(String path) {
    return read().load(path);
  }
}
