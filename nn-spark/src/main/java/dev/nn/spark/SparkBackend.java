package dev.nn.spark;

import dev.nn.core.config.DistributedSpec;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainingBackend;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.Evaluator;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Computes a run's epochs on Spark; {@link dev.nn.core.experiment.TrainingRun} does the rest as for a run in
 * one process (run directory, checkpoints, evaluation, model, report). The driver keeps the trainer — the
 * parameters, the optimizer state, the schedule — and evaluates validation figures; each round, one task per
 * part computes on the part's samples ({@link PartitionWork}), synchronously or by averaging
 * ({@link DistributedEpochs}). Part p holds the training samples i with i mod P = p.
 */
final class SparkBackend implements TrainingBackend {
  /** Spark setting (a test hook): the round whose first attempt at part 0 fails. */
  static final String FAIL_ROUND = "spark.nn.test.failRound";

  private final SparkSession session;
  private final Experiment experiment;
  private final PluginRegistry plugins;
  private final DistributedSpec spec;
  private final TrainingRun.Options options;
  /** The driver's data files and hashes, taken in {@link #check} as the run's provenance takes them. */
  private DriverFiles driverFiles;

  @Inject
  SparkBackend(SparkSession session, Experiment experiment, PluginRegistry plugins, TrainingRun.Options options) {
    this.session = session;
    this.options = options;
    this.experiment = experiment;
    this.plugins = plugins;
    this.spec = experiment.distributed().orElseThrow();
  }

  @Override
  public void check(Trainer trainer, PreparedData data) {
    // hashed as soon as the driver has read the files, before training gives another machine time to differ
    driverFiles = DriverFiles.hash(data.files());
  }

  @Override
  public TrainingResult train(Trainer trainer, PreparedData data) {
    if (driverFiles == null) {
      driverFiles = DriverFiles.hash(data.files());
    }
    Samples train = data.trainSamples();
    if (train.rows() == 0) {
      throw new IllegalArgumentException("no training samples");
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    int partitions = spec.partitions();
    emptyParts(partitions, train.rows()).ifPresent(options.notices());
    // a value given, not the default: small data sets take fewer than 32 updates a part in an epoch, and would all
    // be told so
    if (spec.mode() == DistributedSpec.Mode.AVERAGING && spec.averageEvery() != DistributedSpec.DEFAULT_AVERAGE_EVERY) {
      averagingCapped(spec.averageEvery(), new PartLayout.Stride(train.rows(), partitions).largest(),
          trainer.options().batchSize()).ifPresent(options.notices());
    }
    RunJob job = new RunJob(UUID.randomUUID().toString(), ExperimentWriter.write(experiment), partitions,
        Long.parseLong(spec.conf().getOrDefault(FAIL_ROUND, sc.getConf().get(FAIL_ROUND, "0"))),
        new PartLayout.Stride(train.rows(), partitions), null, driverFiles);
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ids.add(p);
    }
    JavaRDD<Integer> parts = sc.parallelize(ids, partitions);
    Samples validation = data.validationSamples();
    Evaluator evaluator = validation == null || validation.rows() == 0 ? null
        : new Evaluator(trainer.network(), trainer.loss(), Math.max(256, trainer.options().batchSize()),
            data.targetUnits());
    Trainer.Epochs epochs = DistributedEpochs.of(spec.mode(), spec.averageEvery(), sc, parts, job, train.rows());
    // the weights' line a run in one process prints: the driver holds the rows the parts train on
    trainer.describeRowWeightsOf(train);
    PartitionWork.offer(job.id(), data);
    PartitionWork.offerPlugins(job.id(), plugins);
    try {
      return trainer.train(epochs, evaluator == null ? null : c -> evaluator.evaluate(validation, c),
          data.classification());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.translate(e);
    } finally {
      PartitionWork.forget(job.id());
    }
  }

  /**
   * A note for {@code average-every} beyond the updates a part takes in an epoch: every epoch ends with an averaging,
   * so such a value acts as that number of updates (1000 trained exactly as 4), which nothing said.
   */
  static java.util.Optional<String> averagingCapped(int averageEvery, int largestPart, int batchSize) {
    int perEpoch = (largestPart + batchSize - 1) / batchSize;
    if (averageEvery <= perEpoch) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("distributed.average-every is " + averageEvery + ", more than the " + perEpoch
        + (perEpoch == 1 ? " update" : " updates") + " each part takes in an epoch (its " + largestPart + " rows in"
        + " batches of " + batchSize + "); every epoch ends with an averaging, so the parts average every " + perEpoch
        + (perEpoch == 1 ? " update" : " updates"));
  }

  /**
   * What more parts than training rows cost, said before training: each empty part is still a task of every round,
   * so such a run is slower for nothing (its result is the same).
   */
  static java.util.Optional<String> emptyParts(int partitions, long rows) {
    if (partitions <= rows) {
      return java.util.Optional.empty();
    }
    long empty = partitions - rows;
    return java.util.Optional.of("distributed.partitions is " + partitions + ", more than the " + rows + " training"
        + (rows == 1 ? " row" : " rows") + ": " + empty + (empty == 1 ? " part is" : " parts are") + " empty, and each"
        + " still costs a task per round; at most " + rows + " parts train as fast or faster");
  }

  @Override
  public Map<String, String> provenance() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("engine", "Apache Spark");
    m.put("version", session.version());
    m.put("master", session.sparkContext().master());
    m.put("partitions", Integer.toString(spec.partitions()));
    m.put("mode", spec.mode().yamlName());
    if (spec.mode() == DistributedSpec.Mode.AVERAGING) {
      m.put("average-every", Integer.toString(spec.averageEvery()));
    }
    if (!spec.conf().isEmpty()) {
      m.put("conf", ClusterSessions.settings(spec));
    }
    return m;
  }
}
