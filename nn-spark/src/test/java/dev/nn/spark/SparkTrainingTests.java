package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.ClusterException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same experiment trained on Spark ({@code local[2]}) and in one process. */
class SparkTrainingTests {
  /** Iris, 4-8-8-3 with tanh and relu, Adam, L2, validation and test splits, standardised. */
  static final String IRIS = """
      name: iris
      seed: 7
      data:
        train: {source: csv, path: ../examples/data/iris.csv, target: last, task: classification}
        validation: {split: 0.2}
        test: {split: 0.2}
        standardize: true
      network:
        layers:
          - {units: auto}
          - {units: 8, activation: tanh}
          - {units: 8, activation: relu}
          - {units: auto, activation: identity}
        init: he-uniform
      loss: softmax-cross-entropy
      optimizer: {name: adam, learning-rate: 0.01}
      l2: 0.001
      training: {epochs: 3, batch-size: 16}
      """;

  static SparkSession spark;
  static final Nn NN = Nn.create();

  @TempDir
  Path runs;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.get();
  }

  static TrainingRun.Result train(Path into, String yaml, String... overrides) {
    Experiment e = NN.parse(yaml, List.of(overrides));
    return NN.train(e, TrainingRun.Options.into(into));
  }

  static double maxRelativeDifference(double[] a, double[] b) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < a.length; i++) {
      scale = Math.max(scale, Math.abs(a[i]));
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
    }
    return diff / scale;
  }

  @Test
  void synchronousTrainingEqualsTrainingInOneProcess() throws Exception {
    TrainingRun.Result local = train(runs.resolve("local"), IRIS);
    TrainingRun.Result spark = train(runs.resolve("spark"), IRIS, "distributed.mode=synchronous",
        "distributed.partitions=3");
    double[] a = local.model().network().parameters().toArray();
    double[] b = spark.model().network().parameters().toArray();
    assertEquals(a.length, b.length);
    double rel = maxRelativeDifference(a, b);
    assertTrue(rel <= 1e-12, "parameters differ by " + rel + " relative");
    assertTrue(rel > 0 || a.length > 0);
    assertEquals(local.test().accuracy(), spark.test().accuracy(), 1e-12);
    assertEquals(local.training().epochs().size(), spark.training().epochs().size());
    for (int i = 0; i < local.training().epochs().size(); i++) {
      assertEquals(local.training().epochs().get(i).trainLoss(), spark.training().epochs().get(i).trainLoss(),
          1e-12 * Math.abs(local.training().epochs().get(i).trainLoss()));
      assertEquals(local.training().epochs().get(i).updates(), spark.training().epochs().get(i).updates());
    }
    String provenance = Files.readString(spark.directory().provenanceFile());
    assertTrue(provenance.contains("engine: Apache Spark"), provenance);
    assertTrue(provenance.contains("partitions: '3'") || provenance.contains("partitions: 3"), provenance);
  }

  /** Each row takes, on whichever part holds it, the mask one process draws for it: the same updates. */
  @Test
  void synchronousTrainingWithDropoutEqualsTrainingInOneProcess() throws Exception {
    String[] dropout = {"network.layers[0].dropout=0.2", "network.layers[1].dropout=0.5",
        "network.layers[2].dropout=0.3"};
    TrainingRun.Result local = train(runs.resolve("local"), IRIS, dropout);
    String[] distributed = java.util.Arrays.copyOf(dropout, dropout.length + 2);
    distributed[dropout.length] = "distributed.mode=synchronous";
    distributed[dropout.length + 1] = "distributed.partitions=3";
    TrainingRun.Result spark = train(runs.resolve("spark"), IRIS, distributed);
    double[] a = local.model().network().parameters().toArray();
    double[] b = spark.model().network().parameters().toArray();
    double rel = maxRelativeDifference(a, b);
    assertTrue(rel <= 1e-12, "parameters differ by " + rel + " relative");
    for (int i = 0; i < local.training().epochs().size(); i++) {
      assertEquals(local.training().epochs().get(i).trainLoss(), spark.training().epochs().get(i).trainLoss(),
          1e-12 * Math.abs(local.training().epochs().get(i).trainLoss()));
    }
    // the masks are in those updates: without them the parameters are others
    double[] plain = train(runs.resolve("plain"), IRIS).model().network().parameters().toArray();
    assertTrue(maxRelativeDifference(a, plain) > 1e-3);
  }

  /** The driver clips the summed gradient as one process clips its batch's: the same updates. */
  @Test
  void synchronousTrainingWithClippingEqualsTrainingInOneProcess() throws Exception {
    TrainingRun.Result local = train(runs.resolve("local"), IRIS, "optimizer.clip-norm=0.1");
    TrainingRun.Result spark = train(runs.resolve("spark"), IRIS, "optimizer.clip-norm=0.1",
        "distributed.mode=synchronous", "distributed.partitions=3");
    double[] a = local.model().network().parameters().toArray();
    double rel = maxRelativeDifference(a, spark.model().network().parameters().toArray());
    assertTrue(rel <= 1e-12, "parameters differ by " + rel + " relative");
    double[] plain = train(runs.resolve("plain"), IRIS).model().network().parameters().toArray();
    assertTrue(maxRelativeDifference(a, plain) > 1e-3, "a limit of 0.1 clipped some updates");
  }

  /** Each part draws masks of its own; a retried round draws the same ones again. */
  @Test
  void averagingWithDropoutTrainsAndARetriedRoundChangesNothing() throws Exception {
    String[] settings = {"network.layers[1].dropout=0.2", "distributed.mode=averaging", "distributed.partitions=2",
        "distributed.average-every=2", "training.epochs=20"};
    TrainingRun.Result r = train(runs.resolve("avg"), IRIS, settings);
    List<Double> losses = new ArrayList<>();
    r.training().epochs().forEach(h -> losses.add(h.trainLoss()));
    assertTrue(losses.get(losses.size() - 1) < 0.6 * losses.get(0), "losses " + losses);
    assertTrue(r.test().accuracy() > 0.8, "test accuracy " + r.test().accuracy());
    String[] failing = java.util.Arrays.copyOf(settings, settings.length + 1);
    failing[settings.length] = "distributed.conf={spark.nn.test.failRound: \"3\"}";
    FailedTasks failed = new FailedTasks();
    spark.sparkContext().addSparkListener(failed);
    try {
      TrainingRun.Result retried = train(runs.resolve("retried"), IRIS, failing);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(1, failed.count, "one task failed and was retried");
      assertArrayEquals(r.model().network().parameters().toArray(),
          retried.model().network().parameters().toArray());
    } finally {
      spark.sparkContext().removeSparkListener(failed);
    }
  }

  /**
   * More parts than training rows train as fewer do, and a note says how many parts are empty and what they cost,
   * once (such a run was slower without a word).
   */
  @Test
  void morePartsThanTrainingRowsAreNoted() {
    List<String> notices = new java.util.ArrayList<>();
    TrainingRun.Result r = NN.train(NN.parse(IRIS + "distributed: {partitions: 100}\n", List.of("training.epochs=1")),
        TrainingRun.Options.into(runs.resolve("many-parts")).withNotices(notices::add));
    assertEquals(1, r.training().epochs().size());
    assertEquals(List.of("distributed.partitions is 100, more than the 90 training rows: 10 parts are empty, and each"
        + " still costs a task per round; at most 90 parts train as fast or faster"), notices);
    List<String> none = new java.util.ArrayList<>();
    NN.train(NN.parse(IRIS + "distributed: {partitions: 2}\n", List.of("training.epochs=1")),
        TrainingRun.Options.into(runs.resolve("two-parts")).withNotices(none::add));
    assertEquals(List.of(), none);
  }

  /** The run's distributed.conf is recorded with the cluster it trained on, in provenance.yaml's cluster section. */
  @Test
  void theSparkSettingsAreRecordedWithTheCluster() throws Exception {
    TrainingRun.Result r = train(runs.resolve("conf"), IRIS + "distributed: {partitions: 2, conf: {spark.task.cpus: \"1\","
        + " spark.driver.maxResultSize: 1g}}\n", "training.epochs=1");
    Map<?, ?> provenance = new org.yaml.snakeyaml.Yaml().load(
        java.nio.file.Files.readString(r.directory().path().resolve("provenance.yaml")));
    assertEquals("spark.driver.maxResultSize=1g, spark.task.cpus=1", ((Map<?, ?>) provenance.get("cluster")).get("conf"));
    TrainingRun.Result none = train(runs.resolve("no-conf"), IRIS + "distributed: {partitions: 2}\n", "training.epochs=1");
    Map<?, ?> plain = new org.yaml.snakeyaml.Yaml().load(
        java.nio.file.Files.readString(none.directory().path().resolve("provenance.yaml")));
    assertFalse(((Map<?, ?>) plain.get("cluster")).containsKey("conf"));
  }

  /** A secret among the settings is recorded as Spark records it in its own logs: redacted. */
  @Test
  void aSecretAmongTheSettingsIsRecordedRedacted() {
    assertEquals("spark.hadoop.fs.s3a.secret.key=*********(redacted), spark.task.cpus=1", ClusterSessions.settings(
        NN.parse(IRIS + "distributed: {conf: {spark.task.cpus: \"1\", spark.hadoop.fs.s3a.secret.key: abc}}\n",
            List.of()).distributed().orElseThrow()));
  }

  /**
   * A secret given in the experiment file and one given by --set are in no file of the run but its experiment.yaml,
   * which a resume reads: not in the provenance's command line, the overrides, the summary or the report.
   */
  @Test
  void aSecretIsInNoRunFileButTheExperimentItResumesFrom() throws Exception {
    Path file = runs.resolve("secret.yaml");
    java.nio.file.Files.createDirectories(runs);
    java.nio.file.Files.writeString(file, IRIS.replace("../examples", Path.of("../examples").toAbsolutePath()
        .normalize().toString()) + "distributed: {partitions: 2, conf: {spark.hadoop.fs.s3a.access.key: INFILE}}\n");
    String set = "distributed.conf={spark.task.cpus: \"1\", spark.hadoop.fs.s3a.secret.key: HUNTER2}";
    List<String> overrides = List.of("training.epochs=1", set);
    TrainingRun.Result r = NN.train(NN.load(file, overrides), new TrainingRun.Options(runs.resolve("secret"), null,
        List.of("train", file.toString(), "--set", set), List.of(), "test").readFrom(file, overrides));
    Path dir = r.directory().path();
    java.util.List<String> holding = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        String text = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.contains("HUNTER2") || text.contains("INFILE")) {
          holding.add(dir.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of("experiment.yaml"), holding);
    String provenance = java.nio.file.Files.readString(dir.resolve("provenance.yaml"));
    assertTrue(provenance.contains("spark.hadoop.fs.s3a.secret.key: *********(redacted)"), provenance);
  }

  /** spark.driver.memory cannot size a driver that is already running: a note names NN_JAVA_OPTS instead. */
  @Test
  void driverMemoryOutsideSparkSubmitIsNotedWithWhatToUseInstead() {
    assertEquals(java.util.Optional.of("distributed.conf's spark.driver.memory (16g) has no effect outside"
        + " spark-submit: the driver is the JVM nn runs in, already started; give it its memory with"
        + " NN_JAVA_OPTS=-Xmx16g (or -Xmx16g for a program of your own)"), ClusterSessions.driverMemoryNote(
        NN.parse(IRIS + "distributed: {conf: {spark.driver.memory: 16g}}\n", List.of()).distributed().orElseThrow()));
    assertEquals(java.util.Optional.empty(), ClusterSessions.driverMemoryNote(
        NN.parse(IRIS + "distributed: {conf: {spark.executor.memory: 2g}}\n", List.of()).distributed().orElseThrow()));
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndChangesNothing() throws Exception {
    TrainingRun.Result calm = train(runs.resolve("calm"), IRIS, "distributed.partitions=2");
    FailedTasks failed = new FailedTasks();
    spark.sparkContext().addSparkListener(failed);
    try {
      TrainingRun.Result retried = train(runs.resolve("retried"),
          IRIS + "distributed: {partitions: 2, conf: {spark.nn.test.failRound: \"4\"}}\n");
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(1, failed.count, "one task failed and was retried");
      assertArrayEquals(calm.model().network().parameters().toArray(),
          retried.model().network().parameters().toArray());
    } finally {
      spark.sparkContext().removeSparkListener(failed);
    }
  }

  /** Counts the tasks that ended in failure. */
  static final class FailedTasks extends SparkListener {
    volatile int count;

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (!(end.reason() instanceof org.apache.spark.Success$)) {
        count++;
      }
    }
  }

  /**
   * Averaging trains, and an epoch's progress counts to its end: each part's updates, not one process's batches (the
   * bar ended every epoch half full with two parts).
   */
  @Test
  void averagingTrainsAndTheLossFalls() {
    List<long[]> counted = new ArrayList<>();
    TrainingListener counts = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        counted.add(new long[] {trainer.progress().batchesDone(), trainer.progress().batchesPerEpoch(),
            report.updates()});
      }
    };
    Experiment e = NN.parse(IRIS, List.of("distributed.mode=averaging", "distributed.partitions=2",
        "distributed.average-every=2", "training.epochs=20"));
    TrainingRun.Result r = NN.train(e, TrainingRun.Options.into(runs.resolve("avg")).withListener(counts));
    assertEquals(20, counted.size());
    for (long[] epoch : counted) {
      assertEquals(epoch[1], epoch[0], "updates done at an epoch's end, of its " + epoch[1]);
    }
    // the updates an epoch took, as the trainer counts them: what the progress counted to
    assertEquals(counted.get(1)[2] - counted.get(0)[2], counted.get(0)[1]);
    assertEquals(counted.get(0)[2], counted.get(0)[1]);
    List<Double> losses = new ArrayList<>();
    r.training().epochs().forEach(h -> losses.add(h.trainLoss()));
    assertTrue(losses.get(losses.size() - 1) < 0.6 * losses.get(0), "losses " + losses);
    assertTrue(r.test().accuracy() > 0.8, "test accuracy " + r.test().accuracy());
  }

  /** Stops a run after an epoch, as a kill would, once the epoch's checkpoint is written. */
  static final class StopAfter implements TrainingListener {
    private final int epoch;

    StopAfter(int epoch) {
      this.epoch = epoch;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochReport report) {
      if (report.epoch() == epoch) {
        throw new IllegalStateException("stopped after epoch " + epoch);
      }
    }
  }

  @Test
  void anInterruptedDistributedRunResumesToTheSameModel() throws Exception {
    String[] settings = {"distributed.mode=averaging", "distributed.partitions=2", "distributed.average-every=2",
        "training.epochs=4"};
    TrainingRun.Result whole = train(runs.resolve("whole"), IRIS, settings);
    Experiment e = NN.parse(IRIS, List.of(settings));
    TrainingRun.Options stopping = new TrainingRun.Options(runs.resolve("cut"), null, List.of(),
        List.of(new StopAfter(2)), TrainingRun.Options.defaults().nnVersion());
    IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> NN.train(e, stopping));
    assertEquals("stopped after epoch 2", stopped.getMessage());
    Path cut;
    try (var dirs = Files.list(runs.resolve("cut"))) {
      cut = dirs.findFirst().orElseThrow();
    }
    TrainingRun.Result resumed = NN.resume(cut, TrainingRun.Options.defaults());
    assertEquals(4, resumed.training().epochs().size());
    assertArrayEquals(whole.model().network().parameters().toArray(),
        resumed.model().network().parameters().toArray(), "resumed at epoch 2, the same model as a whole run");
  }

  /**
   * A run trained on Spark and resumed in one process (its experiment.yaml's distributed section deleted) keeps in its
   * provenance where its first epochs trained: the resume's record replaces the one whose cluster section said so.
   */
  @Test
  void aSparkRunResumedInOneProcessKeepsWhereItsFirstEpochsTrained() throws Exception {
    Experiment e = NN.parse(IRIS, List.of("distributed.partitions=2", "training.epochs=3"));
    TrainingRun.Options stopping = new TrainingRun.Options(runs.resolve("moved"), null, List.of(),
        List.of(new StopAfter(2)), TrainingRun.Options.defaults().nnVersion());
    assertThrows(IllegalStateException.class, () -> NN.train(e, stopping));
    Path cut;
    try (var dirs = Files.list(runs.resolve("moved"))) {
      cut = dirs.findFirst().orElseThrow();
    }
    Path experiment = cut.resolve("experiment.yaml");
    String yaml = Files.readString(experiment);
    String local = yaml.replaceAll("(?m)^distributed:.*\\n(?:[ ]+.*\\n)*", "");
    assertFalse(local.contains("distributed"), local);
    Files.writeString(experiment, local);
    NN.resume(cut, TrainingRun.Options.defaults());
    String provenance = Files.readString(cut.resolve("provenance.yaml"));
    assertFalse(provenance.contains("\ncluster:"), provenance);
    assertTrue(provenance.contains("  earlier-cluster: engine Apache Spark, version " + spark.version() + ", master "
        + spark.sparkContext().master() + ", partitions 2, mode synchronous; epochs 1-2\n"), provenance);
  }

  @Test
  void aTaskThatFailsForGoodIsOneClusterProblem() {
    ClusterException e = assertThrows(ClusterException.class, () -> train(runs.resolve("lost"),
        IRIS + "distributed: {partitions: 2, conf: {spark.nn.test.failRound: \"-2\"}}\n"));
    assertTrue(e.getMessage().startsWith("Spark could not finish the training: Job aborted due to stage failure: "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  /**
   * Palmer penguins' body mass from species and island (both one-hot) and four measurements, with standardized
   * targets: the driver and every part prepare the data alike, so Spark takes one process's updates.
   */
  static final String PENGUINS = """
      name: penguins
      seed: 42
      data:
        train: {source: csv, path: ../examples/data/penguins.csv, target: body_mass_g, task: regression}
        validation: {split: 0.15}
        test: {split: 0.2}
        standardize: true
        standardize-targets: true
        one-hot: [species, island]
      network:
        layers:
          - {units: auto}
          - {units: 16, activation: relu}
          - {units: auto, activation: identity}
      loss: squared
      optimizer: {name: adam, learning-rate: 0.01}
      training: {epochs: 3, batch-size: 16}
      """;

  /** A run in one process and the same run on Spark, whose parameters were found equal to 1e-12 relative. */
  record BothWays(TrainingRun.Result local, TrainingRun.Result spark) {
    double[] parameters() {
      return local.model().network().parameters().toArray();
    }
  }

  /**
   * Trains {@code yaml} with {@code settings} in one process and on {@code partitions} Spark parts (synchronous),
   * into directories named after {@code name}, and asserts that both end with the same parameters.
   */
  BothWays bothWays(String name, String yaml, int partitions, String... settings) {
    TrainingRun.Result local = train(runs.resolve(name + "-local"), yaml, settings);
    String[] distributed = java.util.Arrays.copyOf(settings, settings.length + 1);
    distributed[settings.length] = "distributed.partitions=" + partitions;
    TrainingRun.Result spark = train(runs.resolve(name + "-spark"), yaml, distributed);
    double rel = maxRelativeDifference(local.model().network().parameters().toArray(),
        spark.model().network().parameters().toArray());
    assertTrue(rel <= 1e-12, name + ": parameters differ by " + rel + " relative");
    return new BothWays(local, spark);
  }

  @Test
  void oneHotColumnsAndStandardizedTargetsTrainTheSameOnSpark() {
    BothWays both = bothWays("penguins", PENGUINS, 3);
    TrainingRun.Result local = both.local();
    TrainingRun.Result spark = both.spark();
    assertEquals((11 * 16 + 16) + (16 + 1), both.parameters().length,
        "5 measurements and 3 + 3 categories in, one mass out");
    // the test figures are in grams on both, so the targets' scaler went into both models
    assertTrue(local.test().rmse() > 100 && local.test().rmse() < 2000, "rmse in grams: " + local.test().rmse());
    assertEquals(local.test().rmse(), spark.test().rmse(), 1e-9 * local.test().rmse());
    assertEquals(local.model().spec().oneHot(), spark.model().spec().oneHot());
    // and each epoch's validation figures are in grams too, as one process gives them
    for (int i = 0; i < local.training().epochs().size(); i++) {
      Metrics l = local.training().epochs().get(i).validation();
      Metrics s = spark.training().epochs().get(i).validation();
      assertTrue(l.rmse() > 100, "epoch " + (i + 1) + " rmse in grams: " + l.rmse());
      assertEquals(l.rmse(), s.rmse(), 1e-9 * l.rmse(), "epoch " + (i + 1));
      assertEquals(l.mae(), s.mae(), 1e-9 * l.mae(), "epoch " + (i + 1));
      assertEquals(l.loss(), s.loss(), 1e-9 * l.loss(), "epoch " + (i + 1));
    }
  }

  /** Every part weighs its rows by the same classes' weights, counted by the driver and the parts alike. */
  @Test
  void classWeightsTrainTheSameOnSpark() {
    double[] weighted = bothWays("weights", IRIS, 3, "training.class-weights=[0.5, 2, 1.5]").parameters();
    double[] plain = train(runs.resolve("weights-plain"), IRIS).model().network().parameters().toArray();
    assertTrue(maxRelativeDifference(weighted, plain) > 1e-3, "the weights are in those updates");
    bothWays("balanced", IRIS, 3, "training.class-weights=balanced");
  }

  /** Every part weighs its rows by the weights of its source's weight column, as one process does. */
  @Test
  void rowWeightsTrainTheSameOnSpark() throws Exception {
    java.util.List<String> lines = java.nio.file.Files.readAllLines(Path.of("../examples/data/iris.csv"));
    java.util.List<String> weighted = new java.util.ArrayList<>(List.of("w," + lines.get(0)));
    for (int r = 1; r < lines.size(); r++) {
      weighted.add(r % 5 * 0.5 + "," + lines.get(r));
    }
    Path csv = java.nio.file.Files.write(runs.resolve("iris-weighted.csv"), weighted);
    String yaml = IRIS.replace("../examples/data/iris.csv, target: last, task: classification",
        csv.toAbsolutePath() + ", target: last, task: classification, weight: w");
    double[] rows = bothWays("row-weights", yaml, 3).parameters();
    String unweighted = IRIS.replace("../examples/data/iris.csv, target: last, task: classification",
        csv.toAbsolutePath() + ", target: last, task: classification, features: {ignore: [w]}");
    double[] plain = train(runs.resolve("row-weights-plain"), unweighted).model().network().parameters().toArray();
    assertTrue(maxRelativeDifference(rows, plain) > 1e-3, "the weights are in those updates");
    // the weights' line a run in one process prints (nn train's "row weights mean …") is told on Spark too
    List<String> described = new ArrayList<>();
    dev.nn.core.train.TrainingListener listener = new dev.nn.core.train.TrainingListener() {
      @Override
      public void onStart(dev.nn.core.train.Trainer trainer) {
        described.add(trainer.rowWeights().orElse("none"));
      }
    };
    for (String where : List.of("local", "spark")) {
      Experiment e = NN.parse(yaml, where.equals("local") ? List.of() : List.of("distributed.partitions=3"));
      NN.train(e, TrainingRun.Options.into(runs.resolve("row-weights-said-" + where)).withListener(listener));
    }
    assertEquals(2, described.size(), described.toString());
    assertEquals(described.get(0), described.get(1));
    assertTrue(described.get(0).startsWith("mean "), described.toString());
  }

  /** The driver reduces the rate from its validation figures; averaging parts train at the rate it gives them. */
  @Test
  void thePlateauScheduleReducesTheRateOnSparkAsInOneProcess() {
    String[] plateau = {"optimizer.schedule={name: plateau, patience: 0, factor: 0.5, min-delta: 0.1}",
        "training.epochs=8"};
    List<Double> rates = new ArrayList<>();
    bothWays("plateau", IRIS, 3, plateau).local().training().epochs().forEach(e -> rates.add(e.learningRate()));
    assertTrue(rates.get(rates.size() - 1) < 0.01, "the rate fell in one process: " + rates);

    String[] averaging = java.util.Arrays.copyOf(plateau, plateau.length + 3);
    averaging[plateau.length] = "distributed.partitions=3";
    averaging[plateau.length + 1] = "distributed.mode=averaging";
    averaging[plateau.length + 2] = "distributed.average-every=2";
    List<dev.nn.core.train.EpochReport> epochs = train(runs.resolve("plateau-avg"), IRIS, averaging).training()
        .epochs();
    dev.nn.core.train.ReduceOnPlateau rule = new dev.nn.core.train.ReduceOnPlateau(true, 0.5, 0, 0.1, 0, 0.01, 0);
    for (int i = 0; i < epochs.size(); i++) {
      // the rate of each epoch's last update, taken on the parts, is the driver's rule on the epochs before
      assertEquals(rule.rate(epochs.subList(0, i)), epochs.get(i).learningRate(), 1e-18, "epoch " + (i + 1));
    }
    assertTrue(epochs.get(epochs.size() - 1).learningRate() < 0.01, "the rate fell on the parts too");
  }

  @Test
  void aStratifiedFoldTrainsTheSameOnSpark() {
    String fold = IRIS.replace("test: {split: 0.2}", "test: {fold: 1, of: 5}\n  stratify: true");
    BothWays both = bothWays("fold", fold, 2);
    assertEquals(30, both.local().test().rows(), "a fifth of 150 rows");
    assertEquals(30, both.spark().test().rows());
    assertEquals(both.local().test().accuracy(), both.spark().test().accuracy(), 1e-12);
    // the fold and the stratified split are in those runs: without them the parameters are others
    double[] plain = train(runs.resolve("fold-plain"), IRIS).model().network().parameters().toArray();
    assertTrue(maxRelativeDifference(both.parameters(), plain) > 1e-3);
  }

  /** An autoencoder on iris's four measurements whose decoder is the encoder's transpose (a weight tie). */
  static final String TIED = """
      name: iris-tied
      seed: 3
      data:
        train: {source: csv, path: ../examples/data/iris.csv, target: last, task: reconstruction}
        validation: {split: 0.2}
        standardize: true
      network:
        layers:
          - {units: auto}
          - {units: 2, activation: tanh}
          - {units: auto, activation: identity}
        ties:
          - {tie: "layers[2].W", to: "layers[1].W", transpose: true}
      loss: mean-squared
      optimizer: {name: adam, learning-rate: 0.02, schedule: {name: step, step-size: 2, gamma: 0.5, unit: epochs}}
      training: {epochs: 4, batch-size: 8}
      """;

  @Test
  void tiedWeightsAndAScheduleTrainTheSameOnSpark() {
    TrainingRun.Result local = train(runs.resolve("tied-local"), TIED);
    TrainingRun.Result spark = train(runs.resolve("tied-spark"), TIED, "distributed.partitions=3");
    double[] a = local.model().network().parameters().toArray();
    double[] b = spark.model().network().parameters().toArray();
    double rel = maxRelativeDifference(a, b);
    assertTrue(rel <= 1e-12, "parameters differ by " + rel + " relative");
    // the tie holds on Spark too: W(2) = W(1)ᵀ in the trained network
    var p = spark.model().network().parameters();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(p.weight(1, i, j), p.weight(2, j, i));
      }
    }
  }

  /**
   * A progress display's running loss on Spark: the updates computed by the executors feed it as local batches
   * do, so at the end of an epoch it is that epoch's training loss (it showed "loss -" throughout).
   */
  @Test
  void theRunningLossIsShownForUpdatesComputedOnTheCluster() {
    for (String[] mode : new String[][] {{"distributed.mode=synchronous", "distributed.partitions=3"},
        {"distributed.mode=averaging", "distributed.partitions=2", "distributed.average-every=2"}}) {
      List<double[]> seen = new ArrayList<>();
      TrainingListener watch = new TrainingListener() {
        @Override
        public void onEpochEnd(Trainer trainer, EpochReport report) {
          seen.add(new double[] {trainer.progress().runningLoss(), report.trainLoss()});
        }
      };
      List<String> overrides = new ArrayList<>(List.of(mode));
      overrides.add("training.epochs=3");
      NN.train(NN.parse(IRIS, overrides), new TrainingRun.Options(runs.resolve("progress-" + seen.hashCode()
          + mode[0].length()), null, List.of(), List.of(watch), Nn.version()));
      assertEquals(3, seen.size(), mode[0]);
      for (double[] s : seen) {
        assertEquals(s[1], s[0], 1e-12 * Math.abs(s[1]), mode[0] + ": running loss at the epoch's end");
      }
    }
  }

}
