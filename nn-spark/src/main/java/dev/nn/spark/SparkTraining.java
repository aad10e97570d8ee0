package dev.nn.spark;

import com.google.inject.util.Modules;
import dev.nn.core.config.DistributedSpec;
import dev.nn.core.config.HoldOut;
import dev.nn.core.config.SourceSpec;
import dev.nn.core.data.Task;
import dev.nn.core.experiment.PreparedData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.DistributedTraining;
import dev.nn.core.experiment.TrainingBackend;
import dev.nn.core.experiment.TrainingInterruptedException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.inject.NnModules;
import dev.nn.core.plugin.PluginPath;
import dev.nn.core.plugin.PluginRegistry;
import org.apache.spark.sql.SparkSession;

/**
 * Trains experiments that have a {@code distributed} section on Apache Spark: the run is wired as in one
 * process, with the training backend replaced by {@link SparkBackend}. Found by {@code Nn} through
 * {@link java.util.ServiceLoader} when nn-spark is on the class path.
 */
public final class SparkTraining implements DistributedTraining {

  /**
   * A local master's scratch folders (distributed.conf's spark.local.dir, or SPARK_LOCAL_DIRS), which Spark would
   * end the JVM over once started: refused before "starting Spark" is said, making none.
   */
  @Override
  public void check(Experiment experiment) {
    DistributedSpec spec = experiment.distributed().orElseThrow();
    if (System.getProperty("spark.master", spec.master()).startsWith("local")) {
      ClusterSessions.requireUsableLocalDirs(spec.conf().get("spark.local.dir"), System.getenv("SPARK_LOCAL_DIRS"),
          false);
    }
  }

  @Override
  public TrainingRun.Result train(Experiment experiment, PluginRegistry registry, TrainingRun.Options options) {
    DistributedSpec spec = experiment.distributed().orElseThrow();
    try (ClusterSessions.Opened opened = ClusterSessions.open(experiment.name(), spec,
        PluginPath.of(registry.pluginPath()).jars(),
        options.notices())) {
      if (experiment.data().train() instanceof SourceSpec.Spark) {
        return trainOnTable(experiment, registry, options, opened.session(), spec);
      }
      return NnModules.create(TrainingRun.class, Modules.override(NnModules.forRun(experiment, registry, options))
          .with(b -> {
            b.bind(SparkSession.class).toInstance(opened.session());
            b.bind(TrainingBackend.class).to(SparkBackend.class);
          })).run();
    } catch (RuntimeException e) {
      // Ctrl-C or SIGTERM: Spark's own shutdown hook stops the session while a job (reading the data, or a step
      // of training) runs; that job's failure is the interruption, which its notice reports
      throw TrainingInterruptedException.orInterruption(e, null);
    }
  }

  /** The distinct labels of the held-out rows, which the training rows may lack. */
  private static double[] labels(Dataset<Row> validation, Dataset<Row> test, String target) {
    return validation.union(test).select(org.apache.spark.sql.functions.col(target)).distinct().collectAsList().stream()
        .filter(r -> !r.isNullAt(0)).mapToDouble(r -> r.getDouble(0)).toArray();
  }

  private static double fraction(HoldOut h) {
    return h instanceof HoldOut.Split ? ((HoldOut.Split) h).fraction() : 0;
  }

  private static int outputs(FrameTraining.Prepared prepared) {
    return prepared.data().train().targetCount();
  }

  /**
   * A run on a table Spark reads ({@code source: spark}): the table becomes blocks of samples on the
   * executors, the driver gets its columns, classes and scaler, and the run is wired with those in place of
   * the data a run in one process reads.
   */
  private static TrainingRun.Result trainOnTable(Experiment experiment, PluginRegistry registry,
      TrainingRun.Options options, SparkSession session, DistributedSpec spec) {
    SourceSpec.Spark source = (SourceSpec.Spark) experiment.data().train();
    SparkSources.Table read = SparkSources.read(session, source);
    Dataset<Row> table = read.assembled();
    FrameTraining.Settings settings = new FrameTraining.Settings(SparkSources.FEATURES, source.target(),
        source.task() == Task.CLASSIFICATION, spec.partitions(), spec.mode(), spec.averageEvery());
    // the hold-outs are split off where the rows lie (Spark's randomSplit, seeded with the experiment's seed)
    double v = fraction(experiment.data().validation());
    double t = fraction(experiment.data().test());
    Dataset<Row>[] split = v + t == 0 ? null : table.randomSplit(new double[] {1 - v - t, v, t}, experiment.splitSeed());
    FrameTraining.Prepared prepared;
    try {
      // the classes are those of the whole table, as a csv source's are: a rare class may fall in the held-out rows
      prepared = FrameTraining.prepare(experiment, registry, split == null ? table : split[0], settings,
          settings.classification() && split != null ? labels(split[1], split[2], source.target()) : new double[0]);
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkSources.explained(read, source, e);
    }
    SparkBackend.emptyParts(prepared.job().partitions(), prepared.rows()).ifPresent(options.notices());
    try (prepared;
        HeldOutFrame validation = v == 0 ? null : HeldOutFrame.of(split[1], settings, prepared.job(), outputs(prepared));
        HeldOutFrame test = t == 0 ? null : HeldOutFrame.of(split[2], settings, prepared.job(), outputs(prepared))) {
      if (settings.classification()) {
        SparkSources.requireClassIndices(read, source, prepared.job().frame().classes());
      }
      try {
        // the held-out rows are checked as the training rows were, before the run directory exists
        for (HeldOutFrame heldOut : new HeldOutFrame[] {validation, test}) {
          if (heldOut != null) {
            heldOut.read();
          }
        }
      } catch (Exception e) { // Spark throws its checked SparkException undeclared
        throw SparkSources.explained(read, source, e);
      }
      Map<String, String> where = new LinkedHashMap<>();
      where.put("engine", "Apache Spark");
      where.put("version", session.version());
      where.put("master", session.sparkContext().master());
      where.put("partitions", Integer.toString(prepared.job().partitions()));
      where.put("mode", spec.mode().yamlName());
      if (spec.mode() == DistributedSpec.Mode.AVERAGING) {
        where.put("average-every", Integer.toString(spec.averageEvery()));
      }
      if (!spec.conf().isEmpty()) {
        where.put("conf", ClusterSessions.settings(spec));
      }
      where.put("data", source.format() + " " + source.location());
      FrameBackend backend = new FrameBackend(prepared, validation, test, where);
      return NnModules.create(TrainingRun.class, Modules.override(NnModules.forRun(experiment, registry, options))
          .with(b -> {
            // a table on this machine's file system is recorded file by file, so that a resume can tell it changed
            b.bind(PreparedData.class).toInstance(prepared.data().withFiles(SparkSources.localFiles(source)));
            b.bind(TrainingBackend.class).toInstance(backend);
          })).run();
    }
  }
}
