package dev.nn.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.data.Dataset;
import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.spark.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nn's Spark ML estimators on real data, in pipelines, saved and loaded, tuned by cross-validation. */
class NnEstimatorTests {
  static final String IRIS = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize().toString();
  static final String DIABETES = Path.of("../examples/data/diabetes.csv").toAbsolutePath().normalize().toString();
  static final String DIABETES_YAML = Path.of("../examples/diabetes.yaml").toAbsolutePath().normalize().toString();
  static final String[] IRIS_COLUMNS = {"sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"};

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.get();
  }

  static org.apache.spark.sql.Dataset<Row> iris() {
    return spark.read().option("header", true).option("inferSchema", true).csv(IRIS);
  }

  static org.apache.spark.sql.Dataset<Row> assembled() {
    return new VectorAssembler().setInputCols(IRIS_COLUMNS).setOutputCol("measurements").transform(iris());
  }

  static StandardScaler scaler() {
    return new StandardScaler().setInputCol("measurements").setOutputCol("features").setWithMean(true);
  }

  static double accuracy(org.apache.spark.sql.Dataset<Row> predicted) {
    return new MulticlassClassificationEvaluator().setLabelCol("target").setMetricName("accuracy")
        .evaluate(predicted);
  }

  static List<double[]> column(org.apache.spark.sql.Dataset<Row> rows, String name) {
    List<double[]> out = new ArrayList<>();
    for (Row r : rows.select(name).collectAsList()) {
      Object v = r.get(0);
      out.add(v instanceof Vector ? ((Vector) v).toArray() : new double[] {(Double) v});
    }
    return out;
  }

  static void log(String what, long t0) {
    System.out.printf("%s: %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void theExamplePipelineClassifiesHeldOutIrisRowsAndASavedModelPredictsTheSame() throws IOException {
    long t0 = System.nanoTime();
    PipelineExample.Result result = PipelineExample.run(spark, IRIS);
    PipelineModel model = result.model();
    org.apache.spark.sql.Dataset<Row> held = result.heldOut();
    org.apache.spark.sql.Dataset<Row> predicted = model.transform(held);
    double accuracy = result.accuracy();
    System.out.printf("iris pipeline: test accuracy %.4f on %d rows%n", accuracy, held.count());
    assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
    NnClassificationModel fitted = (NnClassificationModel) model.stages()[2];
    assertEquals(3, fitted.numClasses());
    assertArrayEquals(new double[] {0, 1, 2}, fitted.classes());
    assertEquals(4, fitted.numFeatures());
    List<double[]> probabilities = column(predicted, "probability");
    for (double[] p : probabilities) {
      assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
    }

    String saved = dir.resolve("iris-model").toString();
    model.write().save(saved);
    assertTrue(Files.isRegularFile(dir.resolve("iris-model/stages/2_" + fitted.uid() + "/" + NnModel.MODEL_FILE)));
    PipelineModel loaded = PipelineModel.load(saved);
    org.apache.spark.sql.Dataset<Row> again = loaded.transform(held);
    List<double[]> reloaded = column(again, "probability");
    assertEquals(probabilities.size(), reloaded.size());
    for (int i = 0; i < reloaded.size(); i++) {
      assertArrayEquals(probabilities.get(i), reloaded.get(i), 0.0, "row " + i);
    }
    List<double[]> before = column(predicted, "prediction");
    List<double[]> after = column(again, "prediction");
    for (int i = 0; i < after.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i), 0.0);
    }
    NnClassificationModel single = (NnClassificationModel) loaded.stages()[2];
    assertEquals(fitted.getFeaturesCol(), single.getFeaturesCol());
    log("iris pipeline, save and load", t0);
  }

  @Test
  void synchronousTrainingOnADataFrameEqualsTrainingInOneProcess() throws IOException {
    long t0 = System.nanoTime();
    NnClassifier nn = new NnClassifier().setLabelCol("target").setHiddenLayers(8).setLearningRate(0.05).setEpochs(2)
        .setBatchSize(16).setSeed(7).setFeaturesCol("features");
    Nn core = Nn.create();
    List<String> lines = Files.readAllLines(Path.of(IRIS));
    int n = lines.size() - 1;
    double[] x = new double[n * 4];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = Double.parseDouble(f[j]);
      }
      classes[i] = Integer.parseInt(f[4]);
    }
    Dataset data = Dataset.classification("iris", x, classes, List.of(IRIS_COLUMNS), "target", List.of("0", "1", "2"));
    TrainingRun.Result local = core.train(nn.resolveExperiment(core), data, null, TrainingRun.Options.into(dir));
    // a run in one process trains on its rows in the order of the seeded split; the data frame holds them in it
    Dataset ordered = data.rows(Rng.permutation(data.size(), RandomStream.SPLIT.generator(7)));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v = new double[4];
      for (int j = 0; j < 4; j++) {
        v[j] = ordered.x(i, j);
      }
      rows.add(RowFactory.create(Vectors.dense(v), (double) ordered.classOf(i)));
    }
    StructType schema = new StructType().add("features", new VectorUDT()).add("target", DataTypes.DoubleType);
    // three partitions of consecutive rows: the samples are numbered in partition order
    org.apache.spark.sql.Dataset<Row> parts = spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 3), schema);
    NnClassificationModel distributed = nn.fit(parts);
    double[] a = local.model().network().parameters().toArray();
    double[] b = distributed.nnModel().network().parameters().toArray();
    assertEquals(a.length, b.length);
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < a.length; i++) {
      scale = Math.max(scale, Math.abs(a[i]));
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
    }
    System.out.printf("data frame vs one process: max relative difference %.3g%n", diff / scale);
    assertTrue(diff / scale <= 1e-12, "parameters differ by " + diff / scale + " relative");
    log("synchronous equals one process", t0);
  }

  @Test
  void crossValidationChoosesTheBetterLearningRate() {
    long t0 = System.nanoTime();
    // one job per epoch: each part passes over its rows, then the parts' networks are averaged
    NnClassifier nn = new NnClassifier().setLabelCol("target").setHiddenLayers(8).setEpochs(6).setBatchSize(16)
        .setSeed(3).setMode("averaging").setAverageEvery(100);
    ParamMap[] grid = new ParamGridBuilder().addGrid(nn.learningRate(), new double[] {0.0005, 0.05}).build();
    // two partitions, which the folds keep: two parts per fit
    org.apache.spark.sql.Dataset<Row> scaled = scaler().fit(assembled()).transform(assembled()).repartition(2)
        .cache();
    CrossValidator cv = new CrossValidator().setEstimator(nn).setEstimatorParamMaps(grid).setNumFolds(2)
        .setSeed(11).setEvaluator(new MulticlassClassificationEvaluator().setLabelCol("target")
            .setMetricName("accuracy"));
    CrossValidatorModel chosen = cv.fit(scaled);
    double[] metrics = chosen.avgMetrics();
    System.out.printf("cross-validation: mean accuracy %.4f (learning rate 0.0005), %.4f (0.05)%n", metrics[0],
        metrics[1]);
    assertEquals(2, metrics.length);
    assertTrue(metrics[1] > metrics[0], "accuracies " + metrics[0] + ", " + metrics[1]);
    NnClassificationModel best = (NnClassificationModel) chosen.bestModel();
    assertEquals(0.05, ((NnClassifier) best.parent()).getLearningRate());
    double accuracy = accuracy(chosen.transform(scaled));
    System.out.printf("cross-validation: the chosen model's accuracy on all rows %.4f%n", accuracy);
    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    scaled.unpersist();
    log("cross-validation", t0);
  }

  @Test
  void aRegressorFromAnExperimentFilePredictsDiabetesProgression() {
    long t0 = System.nanoTime();
    org.apache.spark.sql.Dataset<Row> diabetes = spark.read().option("header", true).option("inferSchema", true)
        .csv(DIABETES);
    String[] inputs = {"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};
    org.apache.spark.sql.Dataset<Row> assembled = new VectorAssembler().setInputCols(inputs)
        .setOutputCol("features").transform(diabetes);
    org.apache.spark.sql.Dataset<Row>[] split = assembled.randomSplit(new double[] {0.8, 0.2}, 5);
    // the experiment standardizes the features itself (standardize: true); its model does so when it predicts
    NnRegressor nn = new NnRegressor().setExperimentPath(DIABETES_YAML).setLabelCol("target").setEpochs(60)
        .setPartitions(2).setMode("averaging").setAverageEvery(12);
    NnRegressionModel model = nn.fit(split[0]);
    org.apache.spark.sql.Dataset<Row> predicted = model.transform(split[1]);
    double r2 = new RegressionEvaluator().setLabelCol("target").setMetricName("r2").evaluate(predicted);
    System.out.printf("diabetes regressor: test R² %.4f on %d rows%n", r2, predicted.count());
    assertTrue(r2 > 0.3, "R² " + r2);
    assertEquals(10, model.nnModel().spec().means().length, "the scaler is part of the nn model");
    log("diabetes regressor", t0);
  }

  @Test
  void aMissingColumnOrAWrongTypeIsOneClearMessage() {
    org.apache.spark.sql.Dataset<Row> raw = iris();
    NnClassifier nn = new NnClassifier().setLabelCol("target");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> nn.fit(raw));
    assertTrue(missing.getMessage().startsWith("the features column \"features\" does not exist; the columns are ["),
        missing.getMessage());
    IllegalArgumentException notVector = assertThrows(IllegalArgumentException.class,
        () -> nn.setFeaturesCol("sepal_length_cm").transformSchema(raw.schema()));
    assertEquals("the features column \"sepal_length_cm\" must hold vectors (for example from VectorAssembler), but "
        + "its type is double", notVector.getMessage());
    org.apache.spark.sql.Dataset<Row> named = new VectorAssembler().setInputCols(IRIS_COLUMNS).setOutputCol("features")
        .transform(raw).withColumn("species", raw.col("target").cast("string"));
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> new NnClassifier().setLabelCol("species").fit(named));
    assertTrue(text.getMessage().startsWith("the label column \"species\" must hold numbers, but its type is string"),
        text.getMessage());
    // averageEvery with the synchronous mode, refused as an experiment's distributed section refuses it
    org.apache.spark.sql.Dataset<Row> features = new VectorAssembler().setInputCols(IRIS_COLUMNS)
        .setOutputCol("features").transform(raw);
    IllegalArgumentException every = assertThrows(IllegalArgumentException.class,
        () -> new NnClassifier().setLabelCol("target").setMode("synchronous").setAverageEvery(4).fit(features));
    assertEquals("averageEvery 4 applies to mode averaging, but the mode is synchronous; set mode to averaging, or"
        + " leave averageEvery unset", every.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> new NnRegressor().setExperimentPath(DIABETES_YAML).setHiddenLayers(4).setLabelCol("target").fit(named));
    assertTrue(both.getMessage().contains("hiddenLayers"), both.getMessage());
    IllegalArgumentException scaled = assertThrows(IllegalArgumentException.class,
        () -> new NnRegressor().setExperiment(Files.readString(Path.of(DIABETES_YAML)).replace("standardize-targets: false",
            "standardize-targets: true")).setLabelCol("target").fit(named));
    assertEquals("the experiment sets data.standardize-targets, which an nn estimator does not apply: it trains on"
        + " the label column as it is; remove the key, or scale the label column first", scaled.getMessage());
    IllegalArgumentException encoded = assertThrows(IllegalArgumentException.class,
        () -> new NnRegressor().setExperiment(Files.readString(Path.of(DIABETES_YAML)).replace("standardize-targets: false",
            "one-hot: [sex]")).setLabelCol("target").fit(named));
    assertTrue(encoded.getMessage().startsWith("the experiment sets data.one-hot, which an nn estimator does not"
        + " apply"), encoded.getMessage());
    IllegalArgumentException weighted = assertThrows(IllegalArgumentException.class,
        () -> new NnClassifier().setExperiment(Files.readString(Path.of("../examples/pima.yaml"))).setLabelCol("target").fit(named));
    assertTrue(weighted.getMessage().startsWith("the experiment sets training.class-weights, which an nn estimator"
        + " does not apply"), weighted.getMessage());
    IllegalArgumentException plateau = assertThrows(IllegalArgumentException.class,
        () -> new NnClassifier().setExperiment(Files.readString(Path.of("../examples/pima.yaml"))
            .replace(", class-weights: balanced", "").replace("learning-rate: 0.01}", "learning-rate: 0.01,"
                + " schedule: plateau}")).setLabelCol("target").fit(named));
    assertTrue(plateau.getMessage().startsWith("the experiment's optimizer.schedule is plateau"), plateau.getMessage());
  }

  /**
   * A row the training cannot use is found by a task, on an executor; the caller of fit gets what Spark ML's own
   * estimators throw, an IllegalArgumentException naming the column, not a failure of Spark's job.
   */
  @Test
  void aMissingLabelOrANaNFeatureFoundInTheRowsIsAnIllegalArgument() {
    org.apache.spark.sql.Dataset<Row> features = new VectorAssembler().setInputCols(IRIS_COLUMNS)
        .setOutputCol("features").transform(iris());
    org.apache.spark.sql.Dataset<Row> noLabel = features.withColumn("target", org.apache.spark.sql.functions
        .when(features.col("sepal_length_cm").gt(7.5), null).otherwise(features.col("target")));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new NnClassifier().setLabelCol("target").setEpochs(1).fit(noLabel));
    assertEquals("a row has no value in column \"target\"", missing.getMessage());
    org.apache.spark.sql.Dataset<Row> nan = new VectorAssembler().setInputCols(IRIS_COLUMNS).setHandleInvalid("keep")
        .setOutputCol("features").transform(iris().withColumn("petal_width_cm", org.apache.spark.sql.functions
            .when(org.apache.spark.sql.functions.col("sepal_length_cm").gt(7.5), Double.NaN)
            .otherwise(org.apache.spark.sql.functions.col("petal_width_cm"))));
    IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
        () -> new NnClassifier().setLabelCol("target").setEpochs(1).fit(nan));
    assertEquals("column \"features\" holds NaN; features must be finite numbers", notANumber.getMessage());
  }
}
