package dev.nn.spark;

import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.nn.api.Loss;
import dev.nn.core.Nn;
import dev.nn.core.config.DistributedSpec;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.RunModel;
import dev.nn.core.experiment.TrainerFactory;
import dev.nn.core.inject.NnModules;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Option;

/**
 * Trains an experiment's network on the rows of a data frame, where they are: each partition's rows become
 * one block of samples on the executor that reads them (persisted for the run), the driver learns only
 * each block's size, distinct labels and feature statistics, and the core's {@link Trainer} runs on the driver
 * with epochs computed by the parts ({@link DistributedEpochs}). The samples are numbered in partition order
 * (partition p holds the indices after those of partitions 0 … p−1), so a run is as deterministic as the
 * data frame's partitioning.
 *
 * <p>The experiment's data section is not read: the data frame takes the place of its sources. Its
 * {@code standardize} flag applies (the scaler's statistics are combined from the blocks'); it has no
 * validation or test split, so early stopping does not apply and every epoch runs.
 */
public final class FrameTraining {
  private FrameTraining() {}

  /**
   * Where and how to train.
   *
   * @param featuresCol the column of feature vectors
   * @param labelCol the label column, a number; for classification its distinct values are the classes
   * @param classification whether the labels are classes
   * @param partitions the number of parts; 0 keeps the data frame's partitions
   * @param mode synchronous or averaging
   * @param averageEvery for averaging, the updates between averages
   */
  public record Settings(String featuresCol, String labelCol, boolean classification, int partitions,
      DistributedSpec.Mode mode, int averageEvery) {
    /** Checks. */
    public Settings {
      Objects.requireNonNull(featuresCol, "featuresCol");
      Objects.requireNonNull(labelCol, "labelCol");
      Objects.requireNonNull(mode, "mode");
      if (partitions < 0 || averageEvery < 1) {
        throw new IllegalArgumentException("partitions must be >= 0 and averageEvery >= 1");
      }
    }
  }

  /**
   * The model of {@code experiment}'s network trained on {@code frame}'s rows.
   *
   * @throws IllegalArgumentException when the data frame has no rows, fewer than two classes, or vectors of
   *     different sizes
   * @throws dev.nn.spi.ConfigException when the experiment's loss does not suit the labels
   * @throws dev.nn.core.experiment.ClusterException when Spark cannot finish the work
   */
  public static Model train(Nn nn, Experiment experiment, Dataset<Row> frame, Settings settings) {
    try (Prepared prepared = prepare(experiment, nn.plugins(), frame,
        settings)) {
      Injector injector = NnModules.injector(Modules.override(NnModules.forRun(experiment, nn.plugins()))
          .with(b -> b.bind(PreparedData.class).toInstance(prepared.data())));
      Trainer trainer = injector.getInstance(TrainerFactory.class).create(List.of());
      try {
        trainer.train(prepared.epochs(), null, settings.classification());
      } catch (Exception e) { // Spark throws its checked SparkException undeclared
        throw SparkFailures.translate(e);
      }
      return injector.getInstance(RunModel.class).model();
    }
  }

  /**
   * A data frame made ready to train on: its partitions' blocks of samples persisted on the executors, and
   * what the driver knows of them — the run's prepared data without rows (columns, classes, scaler). Closing
   * drops the blocks and what the executors keep for the run.
   *
   * @param blocks one block of samples per partition, persisted
   * @param data the run's data as the driver holds it: columns, classes and scaler, no rows
   * @param job what the parts' tasks need
   * @param rows the number of training samples
   * @param settings where and how to train
   */
  record Prepared(JavaRDD<FrameBlock> blocks, PreparedData data, RunJob job, int rows, Settings settings)
      implements AutoCloseable {

    /** The epochs of the run, computed by the blocks' parts in the settings' mode. */
    Trainer.Epochs epochs() {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
      return DistributedEpochs.of(settings.mode(), settings.averageEvery(), sc, blocks, job, rows);
    }

    @Override
    public void close() {
      String id = job.id();
      PartitionWork.forget(id);
      try {
        // executors drop their parts of the run too (those that hold one of the blocks' partitions)
        blocks.foreachPartition(it -> PartitionWork.forget(id));
      } catch (Exception ignored) {
        // the run's outcome stands; a part left behind only costs memory
      }
      blocks.unpersist(false);
    }
  }

  /**
   * Turns {@code frame}'s rows into blocks of samples where they are and learns their shape in one pass.
   *
   * @throws IllegalArgumentException when the data frame has no rows, fewer than two classes, or vectors of
   *     different sizes
   * @throws dev.nn.spi.ConfigException when the experiment's loss does not suit the labels
   * @throws dev.nn.core.experiment.ClusterException when Spark cannot finish the work
   */
  static Prepared prepare(Experiment experiment, PluginRegistry plugins, Dataset<Row> frame, Settings settings) {
    return prepare(experiment, plugins, frame, settings, new double[0]);
  }

  /**
   * {@link #prepare(Experiment, Loss, Dataset, Settings)}, with {@code moreClasses}, labels rows elsewhere hold
   * (a table's held-out rows), among the classes.
   */
  static Prepared prepare(Experiment experiment, PluginRegistry plugins, Dataset<Row> frame, Settings settings,
      double[] moreClasses) {
    Loss loss = experiment.loss().create(plugins, PluginKind.LOSS);
    Dataset<Row> source = settings.partitions() > 0 && settings.partitions() != frame.rdd().getNumPartitions()
        ? frame.repartition(settings.partitions()) : frame;
    boolean classification = settings.classification();
    JavaRDD<FrameBlock> blocks = blocks(source, settings);
    String id = UUID.randomUUID().toString();
    try {
      List<FrameBlock.Summary> summaries = blocks.map(b -> b.summary(classification)).collect();
      FrameShape shape = shape(frame, settings, summaries, experiment.data().standardize(), moreClasses);
      int[] sizes = summaries.stream().mapToInt(FrameBlock.Summary::rows).toArray();
      PartLayout layout = PartLayout.Ranges.of(sizes);
      int rows = Arrays.stream(sizes).sum();
      PreparedData data = shape.prepared(loss, experiment.loss().name());
      RunJob job = new RunJob(id, ExperimentWriter.write(experiment), sizes.length, 0, layout, shape, null);
      PartitionWork.offerPlugins(id, plugins);
      return new Prepared(blocks, data, job, rows, settings);
    } catch (Exception e) {
      PartitionWork.forget(id);
      blocks.unpersist(false);
      throw SparkFailures.translate(e);
    }
  }

  /** One block of samples per partition of {@code frame}, made and persisted where the partition lies. */
  static JavaRDD<FrameBlock> blocks(Dataset<Row> frame, Settings settings) {
    String featuresCol = settings.featuresCol();
    String labelCol = settings.labelCol();
    return frame
        .select(functions.col(featuresCol), functions.col(labelCol).cast("double"))
        .javaRDD()
        .mapPartitions(rows -> List.of(FrameBlock.of(rows, featuresCol, labelCol)).iterator(), true)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The columns, classes and scaler the blocks' summaries give. */
  private static FrameShape shape(Dataset<Row> frame, Settings settings, List<FrameBlock.Summary> summaries,
      boolean standardize, double[] moreClasses) {
    int width = -1;
    long n = 0;
    TreeSet<Double> classes = new TreeSet<>();
    if (settings.classification()) {
      for (double c : moreClasses) {
        classes.add(c);
      }
    }
    for (FrameBlock.Summary s : summaries) {
      if (s.rows() == 0) {
        continue;
      }
      if (width >= 0 && s.width() != width) {
        throw new IllegalArgumentException("the vectors of column \"" + settings.featuresCol() + "\" differ in size: "
            + width + " and " + s.width());
      }
      width = s.width();
      n += s.rows();
      if (s.labels() != null) {
        for (double l : s.labels()) {
          classes.add(l);
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("the data frame has no rows to train on");
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the data frame has " + n + " rows; nn trains on at most "
          + Integer.MAX_VALUE);
    }
    if (width == 0) {
      throw new IllegalArgumentException("the vectors of column \"" + settings.featuresCol() + "\" are empty");
    }
    if (settings.classification() && classes.size() < 2) {
      throw new IllegalArgumentException("classification needs at least 2 distinct values in column \""
          + settings.labelCol() + "\", found " + classes);
    }
    double[] means = null;
    double[] stds = null;
    if (standardize) {
      // the blocks' means and sums of squared deviations, combined in partition order (Chan et al.)
      means = new double[width];
      double[] m2 = new double[width];
      long count = 0;
      for (FrameBlock.Summary s : summaries) {
        if (s.rows() == 0) {
          continue;
        }
        long total = count + s.rows();
        for (int j = 0; j < width; j++) {
          double delta = s.mean()[j] - means[j];
          means[j] += delta * s.rows() / total;
          m2[j] += s.m2()[j] + delta * delta * ((double) count * s.rows() / total);
        }
        count = total;
      }
      stds = new double[width];
      for (int j = 0; j < width; j++) {
        double std = Math.sqrt(m2[j] / count);
        stds[j] = std > 0 && Double.isFinite(std) ? std : 1.0;
      }
    }
    return new FrameShape(featureNames(frame, settings.featuresCol(), width), settings.labelCol(),
        settings.classification() ? classes.stream().mapToDouble(Double::doubleValue).toArray() : null, means, stds);
  }

  /** The names the vector's metadata gives its entries (as VectorAssembler writes them), else x0, x1, …. */
  private static List<String> featureNames(Dataset<Row> frame, String column, int width) {
    List<String> names = new ArrayList<>();
    try {
      AttributeGroup group = AttributeGroup.fromStructField(frame.schema().apply(column));
      Option<Attribute[]> attributes = group.attributes();
      if (attributes.isDefined() && attributes.get().length == width) {
        for (Attribute a : attributes.get()) {
          Option<String> name = a.name();
          names.add(name.isDefined() ? name.get() : "x" + names.size());
        }
        return names;
      }
    } catch (RuntimeException e) {
      // no usable metadata: numbered names
    }
    names.clear();
    for (int j = 0; j < width; j++) {
      names.add("x" + j);
    }
    return names;
  }
}
