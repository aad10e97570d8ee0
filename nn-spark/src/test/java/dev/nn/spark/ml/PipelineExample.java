package dev.nn.spark.ml;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark ML pipeline with an nn classifier: iris from a CSV file, its four measurements assembled into a
 * vector and standardized, a 4-8-3 network trained on 70% of the rows, its accuracy measured on the rest.
 *
 * <pre>
 * spark-submit --class dev.nn.spark.ml.PipelineExample nn-spark-&lt;version&gt;-submit.jar examples/data/iris.csv
 * </pre>
 */
public final class PipelineExample {
  private PipelineExample() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("nn pipeline example").getOrCreate();
    Result result = run(spark, args.length > 0 ? args[0] : "examples/data/iris.csv");
    System.out.printf("test accuracy %.4f%n", result.accuracy());
  }

  /** The fitted pipeline, the rows it did not see, and its accuracy on them. */
  public record Result(PipelineModel model, Dataset<Row> heldOut, double accuracy) {}

  /** Trains the pipeline on 70% of the file's rows and measures its accuracy on the other 30%. */
  public static Result run(SparkSession spark, String csv) {
    Dataset<Row> iris = spark.read().option("header", true).option("inferSchema", true).csv(csv);
    Dataset<Row>[] split = iris.randomSplit(new double[] {0.7, 0.3}, 7);

    VectorAssembler assembler = new VectorAssembler()
        .setInputCols(new String[] {"sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"})
        .setOutputCol("measurements");
    StandardScaler scaler = new StandardScaler().setInputCol("measurements").setOutputCol("features")
        .setWithMean(true).setWithStd(true);
    NnClassifier nn = new NnClassifier()
        .setLabelCol("target")
        .setHiddenLayers(8)
        .setActivation("tanh")
        .setOptimizer("adam")
        .setLearningRate(0.05)
        .setEpochs(20)
        .setBatchSize(24)
        .setSeed(7)
        .setPartitions(2)
        .setMode("averaging")     // each part takes its updates on its own rows, averaged every 4
        .setAverageEvery(4);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, nn});

    PipelineModel model = pipeline.fit(split[0]);
    Dataset<Row> predicted = model.transform(split[1]);
    double accuracy = new MulticlassClassificationEvaluator().setLabelCol("target").setMetricName("accuracy")
        .evaluate(predicted);
    return new Result(model, split[1], accuracy);
  }
}
