package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.DataException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.io.Sha256;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a cluster of several JVMs: Spark's {@code local-cluster[2,1,1024]} master starts a standalone
 * master and two workers, and each worker starts an executor in a JVM of its own — the same processes as a
 * real standalone cluster, on one machine, without a Spark distribution. The executors read the experiment's
 * data file themselves (nothing of the driver's memory reaches them) and compute their parts' gradients; the
 * result equals training in one process.
 *
 * <p>Needs (set by the build): {@code SPARK_HOME} pointing at a directory with an empty {@code jars/} (the
 * workers build the executors' command line from it), {@code SPARK_SCALA_VERSION=2.13}, and the test class
 * path handed to the executors as {@code spark.executor.extraClassPath}, every entry absolute.
 */
class ClusterIT {
  static SparkSession spark;

  @TempDir
  Path runs;

  @BeforeAll
  static void startCluster() throws Exception {
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("nn-spark cluster test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        .config("spark.executor.extraClassPath", classPath)
        .getOrCreate();
  }

  @AfterAll
  static void stopCluster() {
    spark.stop();
  }

  @Test
  void tasksRunInExecutorJvmsOfTheirOwn() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Long> pids = sc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 8).map(i -> ProcessHandle.current().pid())
        .collect();
    Set<Long> executors = new HashSet<>(pids);
    assertFalse(executors.contains(ProcessHandle.current().pid()), "no task ran in the driver's JVM: " + pids);
    assertEquals(2, executors.size(), "two executor JVMs: " + pids);
  }

  @Test
  void synchronousTrainingOnTheClusterEqualsTrainingInOneProcess() {
    Nn nn = Nn.create();
    String yaml = SparkTrainingTests.IRIS.replace("../examples/data/iris.csv",
        Path.of("../examples/data/iris.csv").toAbsolutePath().normalize().toString());
    Experiment local = nn.parse(yaml, List.of());
    Experiment distributed = nn.parse(yaml, List.of("distributed.partitions=2"));
    double[] a = nn.train(local, TrainingRun.Options.into(runs.resolve("local"))).model().network().parameters()
        .toArray();
    TrainingRun.Result cluster = nn.train(distributed, TrainingRun.Options.into(runs.resolve("cluster")));
    double[] b = cluster.model().network().parameters().toArray();
    double rel = SparkTrainingTests.maxRelativeDifference(a, b);
    assertTrue(rel <= 1e-12, "parameters differ by " + rel + " relative");
    assertTrue(cluster.training().epochs().size() == 3);
  }

  /** Each executor fits the one-hot categories and the targets' scaler from the file itself, as the driver does. */
  @Test
  void executorsPrepareOneHotColumnsAndStandardizedTargetsAsTheDriverDoes() {
    Nn nn = Nn.create();
    String yaml = SparkTrainingTests.PENGUINS.replace("../examples/data/penguins.csv",
        Path.of("../examples/data/penguins.csv").toAbsolutePath().normalize().toString());
    double[] a = nn.train(nn.parse(yaml, List.of()), TrainingRun.Options.into(runs.resolve("local"))).model()
        .network().parameters().toArray();
    TrainingRun.Result cluster = nn.train(nn.parse(yaml, List.of("distributed.partitions=2")),
        TrainingRun.Options.into(runs.resolve("cluster")));
    double rel = SparkTrainingTests.maxRelativeDifference(a, cluster.model().network().parameters().toArray());
    assertTrue(rel <= 1e-12, "parameters differ by " + rel + " relative");
  }

  /**
   * A stale copy of the data on the executors' machine: the file changes after the driver read it and before the
   * executors read theirs. Each executor checks its copy against the driver's SHA-256, so the run ends with one
   * line naming the file, the executor and both hashes, instead of training on other data.
   */
  @Test
  void anExecutorWhoseCopyOfTheDataDiffersFromTheDriversEndsTheRun() throws Exception {
    Path copy = Files.copy(Path.of("../examples/data/iris.csv").toAbsolutePath().normalize(), runs.resolve("iris.csv"));
    Nn nn = Nn.create();
    Experiment distributed = nn.parse(SparkTrainingTests.IRIS.replace("../examples/data/iris.csv", copy.toString()),
        List.of("distributed.partitions=2"));
    String driverRead = Sha256.of(copy);
    TrainingListener staleCopy = new TrainingListener() {
      @Override
      public void onStart(Trainer trainer) {
        // before the first round, when the executors read their copies: class labels 0 and 2 swapped
        try {
          Files.writeString(copy, Files.readString(copy).replaceAll(",0\n", ",x\n").replaceAll(",2\n", ",0\n")
              .replaceAll(",x\n", ",2\n"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    DataException e = assertThrows(DataException.class, () -> nn.train(distributed,
        TrainingRun.Options.into(runs.resolve("stale")).withListener(staleCopy)));
    System.out.println("stale copy: " + e.getMessage());
    String executorRead = Sha256.of(copy);
    assertTrue(e.getMessage().matches("executor \\d+ on \\S+ read " + Pattern.quote(copy.toString())
        + " with SHA-256 " + executorRead + ", but the driver read " + driverRead
        + ": the file differs between machines; copy the same file to every machine"), e.getMessage());
  }
}
