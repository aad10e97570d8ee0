package dev.nn.spark.ml;

import dev.nn.core.Nn;
import dev.nn.core.config.DistributedSpec;
import dev.nn.core.config.Experiment;
import dev.nn.spark.FrameTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link NnClassifier} and {@link NnRegressor} share: the params, and training an nn network on a data
 * frame's feature vectors and labels where they are, on the executors ({@link FrameTraining}).
 *
 * <p>The network and its training come from an experiment — YAML text ({@link #experiment()}) or a file
 * ({@link #experimentPath()}) — or, without one, from the params {@link #hiddenLayers()},
 * {@link #activation()}, {@link #loss()}, {@link #optimizer()}, {@link #learningRate()}, {@link #epochs()},
 * {@link #batchSize()}, {@link #seed()} and {@link #standardize()}, from which the estimator writes the
 * experiment itself (the input width and the classes come from the data). With an experiment, those of
 * {@code loss}, {@code optimizer}, {@code learningRate}, {@code epochs}, {@code batchSize}, {@code seed} and
 * {@code standardize} that are set explicitly (a {@code ParamGridBuilder} sets them) override the experiment's
 * values; the network is the experiment's. The data frame takes the place of the experiment's data
 * sources; there is no validation split, so every epoch runs. {@link #partitions()}, {@link #mode()} and
 * {@link #averageEvery()} say how the work is spread over the executors; unset, an experiment's
 * {@code distributed} section gives them.
 *
 * @param <E> the estimator itself, which the setters return
 * @param <M> the model it fits
 */
public abstract class NnEstimator<E extends NnEstimator<E, M>, M extends NnModel<M>> extends Estimator<M>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> predictionCol;
  private final Param<String> experiment;
  private final Param<String> experimentPath;
  private final IntArrayParam hiddenLayers;
  private final Param<String> activation;
  private final Param<String> loss;
  private final Param<String> optimizer;
  private final DoubleParam learningRate;
  private final IntParam epochs;
  private final IntParam batchSize;
  private final LongParam seed;
  private final BooleanParam standardize;
  private final IntParam partitions;
  private final Param<String> mode;
  private final IntParam averageEvery;

  NnEstimator(String uid, String defaultLoss) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features column name");
    labelCol = new Param<>(this, "labelCol", "label column name");
    predictionCol = new Param<>(this, "predictionCol", "prediction column name");
    experiment = new Param<>(this, "experiment", "an nn experiment as YAML text; empty for none");
    experimentPath = new Param<>(this, "experimentPath", "the path of an nn experiment file; empty for none");
    hiddenLayers = new IntArrayParam(this, "hiddenLayers",
        "the widths of the hidden layers, without an experiment (input and output widths come from the data)");
    activation = new Param<>(this, "activation", "the activation of the hidden layers, without an experiment");
    loss = new Param<>(this, "loss", "the nn loss, e.g. softmax-cross-entropy or squared");
    optimizer = new Param<>(this, "optimizer", "the nn optimizer, e.g. adam or sgd");
    learningRate = new DoubleParam(this, "learningRate", "the learning rate (> 0)", ParamValidators.gt(0));
    epochs = new IntParam(this, "epochs", "passes over the data (>= 1)", ParamValidators.gtEq(1));
    batchSize = new IntParam(this, "batchSize", "samples per update (>= 1)", ParamValidators.gtEq(1));
    seed = new LongParam(this, "seed", "the seed of every random choice of the training");
    standardize = new BooleanParam(this, "standardize",
        "whether nn standardizes the features itself (the model then does so when it predicts)");
    partitions = new IntParam(this, "partitions",
        "the number of parts the data is trained in; 0 for the data frame's partitions", ParamValidators.gtEq(0));
    mode = new Param<>(this, "mode", "how the parts' work is combined: synchronous or averaging",
        ParamValidators.inArray(new String[] {"synchronous", "averaging"}));
    averageEvery = new IntParam(this, "averageEvery", "in averaging mode, the updates between averages (>= 1)",
        ParamValidators.gtEq(1));
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(experiment, "");
    setDefault(experimentPath, "");
    setDefault(hiddenLayers, new int[] {16});
    setDefault(activation, "relu");
    setDefault(loss, defaultLoss);
    setDefault(optimizer, "adam");
    setDefault(learningRate, 0.01);
    setDefault(epochs, 20);
    setDefault(batchSize, 32);
    setDefault(seed, 42L);
    setDefault(standardize, false);
    setDefault(partitions, 0);
    setDefault(mode, "synchronous");
    setDefault(averageEvery, 1);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Whether the labels are classes. */
  abstract boolean classification();

  /** The fitted model of {@code modelFile}, with this estimator's uid. */
  abstract M newModel(byte[] modelFile);

  @SuppressWarnings("unchecked")
  final E self() {
    return (E) this;
  }

  // the params, Spark ML style: the Param, its getter and its setter

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public String getFeaturesCol() {
    return getOrDefault(featuresCol);
  }

  public E setFeaturesCol(String value) {
    set(featuresCol, value);
    return self();
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public E setLabelCol(String value) {
    set(labelCol, value);
    return self();
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public String getPredictionCol() {
    return getOrDefault(predictionCol);
  }

  public E setPredictionCol(String value) {
    set(predictionCol, value);
    return self();
  }

  public Param<String> experiment() {
    return experiment;
  }

  public String getExperiment() {
    return getOrDefault(experiment);
  }

  /** The experiment as YAML text; its data section's sources are not read. */
  public E setExperiment(String yaml) {
    set(experiment, yaml);
    return self();
  }

  public Param<String> experimentPath() {
    return experimentPath;
  }

  public String getExperimentPath() {
    return getOrDefault(experimentPath);
  }

  /** The experiment as a file the driver reads; its data section's sources are not read. */
  public E setExperimentPath(String path) {
    set(experimentPath, path);
    return self();
  }

  public IntArrayParam hiddenLayers() {
    return hiddenLayers;
  }

  public int[] getHiddenLayers() {
    return getOrDefault(hiddenLayers);
  }

  public E setHiddenLayers(int... widths) {
    set(hiddenLayers, widths.clone());
    return self();
  }

  public Param<String> activation() {
    return activation;
  }

  public String getActivation() {
    return getOrDefault(activation);
  }

  public E setActivation(String name) {
    set(activation, name);
    return self();
  }

  public Param<String> loss() {
    return loss;
  }

  public String getLoss() {
    return getOrDefault(loss);
  }

  public E setLoss(String name) {
    set(loss, name);
    return self();
  }

  public Param<String> optimizer() {
    return optimizer;
  }

  public String getOptimizer() {
    return getOrDefault(optimizer);
  }

  public E setOptimizer(String name) {
    set(optimizer, name);
    return self();
  }

  public DoubleParam learningRate() {
    return learningRate;
  }

  public double getLearningRate() {
    return (Double) getOrDefault(learningRate);
  }

  public E setLearningRate(double value) {
    set(learningRate, value);
    return self();
  }

  public IntParam epochs() {
    return epochs;
  }

  public int getEpochs() {
    return (Integer) getOrDefault(epochs);
  }

  public E setEpochs(int value) {
    set(epochs, value);
    return self();
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  public E setBatchSize(int value) {
    set(batchSize, value);
    return self();
  }

  public LongParam seed() {
    return seed;
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  public E setSeed(long value) {
    set(seed, value);
    return self();
  }

  public BooleanParam standardize() {
    return standardize;
  }

  public boolean getStandardize() {
    return (Boolean) getOrDefault(standardize);
  }

  public E setStandardize(boolean value) {
    set(standardize, value);
    return self();
  }

  public IntParam partitions() {
    return partitions;
  }

  public int getPartitions() {
    return (Integer) getOrDefault(partitions);
  }

  public E setPartitions(int value) {
    set(partitions, value);
    return self();
  }

  public Param<String> mode() {
    return mode;
  }

  public String getMode() {
    return getOrDefault(mode);
  }

  public E setMode(String value) {
    set(mode, value);
    return self();
  }

  public IntParam averageEvery() {
    return averageEvery;
  }

  public int getAverageEvery() {
    return (Integer) getOrDefault(averageEvery);
  }

  public E setAverageEvery(int value) {
    set(averageEvery, value);
    return self();
  }

  /** The columns the model adds: the prediction (and, for a classifier, more). */
  StructType outputSchema(StructType schema) {
    return Columns.appendPrediction(schema, getPredictionCol());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireVector(schema, getFeaturesCol());
    Columns.requireNumber(schema, getLabelCol());
    return outputSchema(schema);
  }

  @Override
  public M fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Nn nn = Nn.create();
    Experiment e = resolveExperiment(nn);
    Optional<DistributedSpec> section = e.distributed();
    int parts = isSet(partitions) ? getPartitions() : section.map(DistributedSpec::partitions).orElse(0);
    DistributedSpec.Mode m = isSet(mode) || section.isEmpty() ? modeOf(getMode()) : section.get().mode();
    int every = isSet(averageEvery) || section.isEmpty() ? getAverageEvery() : section.get().averageEvery();
    if (m == DistributedSpec.Mode.SYNCHRONOUS && every != 1) {
      // as an experiment's distributed section refuses it: the run would stay in the slower mode without a word
      throw new IllegalArgumentException("averageEvery " + every + " applies to mode averaging, but the mode is"
          + " synchronous; set mode to averaging, or leave averageEvery unset");
    }
    dev.nn.core.model.Model trained;
    try {
      trained = FrameTraining.train(nn, e, dataset.toDF(),
          new FrameTraining.Settings(getFeaturesCol(), getLabelCol(), classification(), parts, m, every));
    } catch (RuntimeException failure) {
      throw asSparkMlReports(failure);
    }
    M model = newModel(ModelBytes.of(nn, trained));
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  /**
   * A problem of the rows given to {@link #fit} as Spark ML reports one, an {@link IllegalArgumentException} with
   * nn's message: a missing label, a NaN feature, vectors of two sizes are found by a task on an executor, and
   * reached the caller as a failure of Spark's job (nn's ClusterException around Spark's SparkException, whose
   * message is the task's stack trace).
   */
  private static RuntimeException asSparkMlReports(RuntimeException failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof IllegalArgumentException || t instanceof dev.nn.core.data.DataException) {
        return new IllegalArgumentException(t.getMessage(), failure);
      }
    }
    return failure;
  }

  private static DistributedSpec.Mode modeOf(String name) {
    return DistributedSpec.Mode.valueOf(name.toUpperCase(Locale.ROOT));
  }

  /**
   * The experiment this estimator trains: the one given, with the explicitly set params as overrides, or
   * one written from the params.
   */
  public Experiment resolveExperiment(Nn nn) {
    boolean text = !getExperiment().isBlank();
    boolean file = !getExperimentPath().isBlank();
    if (text && file) {
      throw new IllegalArgumentException("set either experiment or experimentPath, not both");
    }
    if (!text && !file) {
      return nn.parse(writtenExperiment(), List.of());
    }
    if (isSet(hiddenLayers) || isSet(activation)) {
      throw new IllegalArgumentException("hiddenLayers and activation describe the network of an experiment the "
          + "estimator writes itself; the experiment given has its own network layers");
    }
    List<String> overrides = new ArrayList<>();
    if (isSet(loss)) {
      overrides.add("loss=" + getLoss());
    }
    if (isSet(optimizer)) {
      overrides.add("optimizer.name=" + getOptimizer());
    }
    if (isSet(learningRate)) {
      overrides.add("optimizer.learning-rate=" + getLearningRate());
    }
    if (isSet(epochs)) {
      overrides.add("training.epochs=" + getEpochs());
    }
    if (isSet(batchSize)) {
      overrides.add("training.batch-size=" + getBatchSize());
    }
    if (isSet(seed)) {
      overrides.add("seed=" + getSeed());
    }
    if (isSet(standardize)) {
      overrides.add("data.standardize=" + getStandardize());
    }
    Experiment e = text ? nn.parse(getExperiment(), overrides) : nn.load(Path.of(getExperimentPath()), overrides);
    if (e.data().standardizesTargets()) {
      // the data section is not read, and a model of standardized targets would need their scaler from it
      throw new IllegalArgumentException("the experiment sets data.standardize-targets, which an nn estimator does"
          + " not apply: it trains on the label column as it is; remove the key, or scale the label column first");
    }
    if (!e.data().oneHot().isEmpty()) {
      // the features arrive as one vector column, without the names the key refers to
      throw new IllegalArgumentException("the experiment sets data.one-hot, which an nn estimator does not apply: it"
          + " takes the features column as it is; remove the key, and encode categories with Spark's OneHotEncoder"
          + " first");
    }
    if (e.training().classWeights().isPresent()) {
      // the rows stay on the executors, where no one counts the classes for balanced weights
      throw new IllegalArgumentException("the experiment sets training.class-weights, which an nn estimator does not"
          + " apply: it weighs every row alike; remove the key, or train the experiment with nn train");
    }
    if (e.optimizer().schedule() instanceof dev.nn.core.config.ScheduleSpec.Plateau) {
      // without a validation split the rule would never see a figure, and the rate would never fall
      throw new IllegalArgumentException("the experiment's optimizer.schedule is plateau, which watches validation"
          + " figures an nn estimator does not compute; choose another schedule, or train the experiment with nn"
          + " train");
    }
    return e;
  }

  /** The experiment the params describe, as YAML. */
  String writtenExperiment() {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(classification() ? "nn-classifier" : "nn-regressor").append('\n');
    y.append("seed: ").append(getSeed()).append('\n');
    y.append("# the rows are those of the data frame given to fit; this section is not read, except standardize\n");
    y.append("data:\n");
    y.append("  train: {source: csv, path: data-frame.csv, task: ")
        .append(classification() ? "classification" : "regression").append("}\n");
    y.append("  validation: {split: 0}\n");
    y.append("  standardize: ").append(getStandardize()).append('\n');
    y.append("network:\n  layers:\n    - {units: auto}\n");
    for (int width : getHiddenLayers()) {
      y.append("    - {units: ").append(width).append(", activation: ").append(getActivation()).append("}\n");
    }
    y.append("    - {units: auto, activation: identity}\n");
    y.append("loss: ").append(getLoss()).append('\n');
    y.append("optimizer: {name: ").append(getOptimizer()).append(", learning-rate: ").append(getLearningRate())
        .append("}\n");
    y.append("training: {epochs: ").append(getEpochs()).append(", batch-size: ").append(getBatchSize())
        .append("}\n");
    return y.toString();
  }

  @Override
  public E copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
