package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit jar as a cluster runs it: Spark's own {@code SparkSubmit} (what the {@code spark-submit} script
 * starts) with {@code --class dev.nn.spark.Submit} on a class path of Spark's jars alone, nn coming from the
 * submit jar. And the jar's main class on its own, with a master that does not exist.
 */
class SubmitIT {
  @TempDir
  Path work;

  static final Path SUBMIT_JAR = Path.of(System.getProperty("nn.submitJar", "target/missing.jar"));

  /** Spark and its libraries, without nn's own jars (the submit jar brings those). */
  static String sparkClassPath() throws IOException {
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("nn.sparkLib")))) {
      return jars.filter(j -> !j.getFileName().toString().startsWith("nn-"))
          .map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
  }

  record Outcome(int status, String out, String err) {}

  Outcome run(List<String> args) throws Exception {
    return run(work, args);
  }

  /** Runs {@code java args} in {@code work} with Spark's JVM options; its status, stdout and stderr. */
  static Outcome run(Path work, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("nn.jvmOptions").trim().split("\\s+")));
    command.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
    command.addAll(args);
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished within 180 s");
    return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  Path experiment() throws IOException {
    return experiment(work);
  }

  /** The iris experiment of SparkTrainingTests with two parts, written into {@code work}. */
  static Path experiment(Path work) throws IOException {
    Path data = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize();
    Path yaml = work.resolve("iris.yaml");
    Files.writeString(yaml, SparkTrainingTests.IRIS.replace("../examples/data/iris.csv", data.toString())
        + "distributed: {partitions: 2}\n");
    return yaml;
  }

  @Test
  void sparkSubmitTrainsAnExperimentWithTheSubmitJar() throws Exception {
    Path yaml = experiment();
    Outcome o = run(List.of("-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", "dev.nn.spark.Submit",
        SUBMIT_JAR.toString(), yaml.toString(), "--output", work.resolve("runs").toString()));
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("test ") && l.contains("accuracy")), o.out());
    // Spark's start-up is the longest silence of a run: a line says what the wait is
    assertTrue(o.out().contains("starting Spark (spark-submit's master, 2 parts, synchronous)"), o.out());
    Path run;
    try (Stream<Path> dirs = Files.list(work.resolve("runs"))) {
      run = dirs.findFirst().orElseThrow();
    }
    assertTrue(Files.isRegularFile(run.resolve("model.nnm")));
    String provenance = Files.readString(run.resolve("provenance.yaml"));
    assertTrue(provenance.contains("master: local[2]"), provenance);
    assertTrue(provenance.contains("engine: Apache Spark"), provenance);
  }

  /** A master URL Spark cannot parse is a problem of the experiment, at its key, before Spark starts. */
  @Test
  void aMasterThatCannotBeParsedIsAProblemOfTheExperimentAndExitTwo() throws Exception {
    Path yaml = experiment();
    Outcome o = run(List.of("-cp", SUBMIT_JAR + File.pathSeparator + sparkClassPath(), "dev.nn.spark.Submit",
        yaml.toString(), "--set", "distributed.master=nowhere://x", "--output", work.resolve("runs").toString()));
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().contains("[nn/OutOfRange] distributed.master"), o.err());
    assertTrue(o.err().contains("\"nowhere://x\" is not a Spark master URL"), o.err());
    assertFalse(o.out().contains("starting Spark"), "Spark is not started for it: " + o.out());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertFalse(Files.exists(work.resolve("runs")) && Files.list(work.resolve("runs")).findAny().isPresent(),
        "no run directory");
  }

  /**
   * A standalone master whose host does not resolve, or at which nothing listens, is one line naming that, exit 2,
   * at once: Spark's client tried to register for about a minute first, and then could only guess why.
   */
  @Test
  void aStandaloneMasterThatIsNotThereIsOneLineNamingWhyAtOnce() throws Exception {
    Path yaml = experiment();
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    for (String[] master : new String[][] {{"spark://nohost.invalid:7077", "cannot resolve host nohost.invalid"},
        {"spark://127.0.0.1:" + port, "nothing listens at 127.0.0.1:" + port + " (connection refused)"}}) {
      long start = System.nanoTime();
      Outcome o = run(List.of("-cp", SUBMIT_JAR + File.pathSeparator + sparkClassPath(), "dev.nn.cli.Main", "train",
          yaml.toString(), "--set", "distributed.master=" + master[0], "--output", work.resolve("runs").toString()));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(2, o.status(), o.err());
      assertEquals(List.of("nn: cannot start Spark with master \"" + master[0] + "\": " + master[1]),
          o.err().lines().filter(l -> l.startsWith("nn:")).toList(), o.err());
      assertTrue(seconds < 40, "at once, not after Spark's minute of retries: " + seconds + " s");
      assertFalse(Files.exists(work.resolve("runs")) && Files.list(work.resolve("runs")).findAny().isPresent(),
          "no run directory");
    }
  }

  /**
   * A Spark setting Spark refuses names no key in Spark's words ("Size must be specified as bytes …"): the line
   * lists the experiment's distributed.conf. And spark.master is distributed.master, refused in distributed.conf,
   * where it silently won over the experiment's master.
   */
  @Test
  void aSettingSparkRefusesIsNamedAndTheMasterIsNoSetting() throws Exception {
    Path yaml = experiment();
    Outcome o = run(List.of("-cp", SUBMIT_JAR + File.pathSeparator + sparkClassPath(), "dev.nn.spark.Submit",
        yaml.toString(), "--set", "distributed.master=local[1]", "--set",
        "distributed.conf={spark.driver.maxResultSize: abc}", "--output", work.resolve("runs").toString()));
    assertEquals(2, o.status(), o.err());
    List<String> lines = o.err().lines().filter(l -> l.startsWith("nn:")).toList();
    assertEquals(1, lines.size(), o.err());
    assertTrue(lines.get(0).startsWith("nn: cannot start Spark with master \"local[1]\" and distributed.conf"
        + " {spark.driver.maxResultSize=abc}: "), o.err());
    Outcome master = run(List.of("-cp", SUBMIT_JAR + File.pathSeparator + sparkClassPath(), "dev.nn.spark.Submit",
        yaml.toString(), "--set", "distributed.conf={spark.master: 'local[1]'}", "--output",
        work.resolve("runs").toString()));
    assertEquals(2, master.status(), master.err());
    assertTrue(master.err().contains("distributed.conf.spark.master"), master.err());
    assertTrue(master.err().contains("the master is distributed.master, not a setting of distributed.conf"),
        master.err());
  }

  @Test
  void anExperimentWithoutADistributedSectionIsRefusedUnderSparkSubmit() throws Exception {
    Path yaml = work.resolve("local.yaml");
    Files.writeString(yaml, Files.readString(experiment()).replace("distributed: {partitions: 2}\n", ""));
    Outcome o = run(List.of("-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", "dev.nn.spark.Submit",
        SUBMIT_JAR.toString(), yaml.toString(), "--output", work.resolve("runs").toString()));
    assertEquals(2, o.status(), o.err());
    assertEquals(List.of("nn: " + yaml + " has no distributed section, so under spark-submit it would train in the"
        + " driver alone; add a distributed section (e.g. distributed: {partitions: 8}) or --set"
        + " distributed.partitions=N"), o.err().lines().filter(l -> l.startsWith("nn:")).toList(), o.err());
    assertFalse(Files.exists(work.resolve("runs")), "no run directory");
  }

  @Test
  void yarnAndKubernetesMastersOutsideSparkSubmitAreOneClearLineAndExitTwo() throws Exception {
    Path yaml = experiment();
    for (String master : List.of("yarn", "k8s://https://127.0.0.1:1")) {
      Outcome o = run(List.of("-cp", SUBMIT_JAR + File.pathSeparator + sparkClassPath(), "dev.nn.spark.Submit",
          yaml.toString(), "--set", "distributed.master=" + master, "--output", work.resolve("runs").toString()));
      assertEquals(2, o.status(), o.err());
      assertEquals(List.of("nn: distributed.master \"" + master + "\" needs the cluster's spark-submit with nn's"
          + " submit jar (README, \"Training on Spark\"); nn train runs local[N] and spark://host:port masters"),
          o.err().lines().filter(l -> l.startsWith("nn:")).toList(), o.err());
      assertFalse(o.out().contains("starting Spark"), "Spark is not started for it: " + o.out());
    }
  }

  @Test
  void aSparkTableWithoutTheTargetColumnIsOneLineAndExitTwo() throws Exception {
    Path data = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize();
    Path yaml = work.resolve("table.yaml");
    Files.writeString(yaml, SparkTrainingTests.IRIS.replace(
        "{source: csv, path: ../examples/data/iris.csv, target: last, task: classification}",
        "{source: spark, format: csv, path: \"" + data + "\", target: species, task: classification}")
        + "distributed: {master: \"local[2]\", partitions: 2}\n");
    Outcome o = run(List.of("-cp", SUBMIT_JAR + File.pathSeparator + sparkClassPath(), "dev.nn.spark.Submit",
        yaml.toString(), "--output", work.resolve("runs").toString()));
    assertEquals(2, o.status(), o.err());
    assertEquals(List.of("nn: " + data + " has no column \"species\"; its columns: sepal_length_cm, sepal_width_cm, "
        + "petal_length_cm, petal_width_cm, target"), o.err().lines().filter(l -> l.startsWith("nn:")).toList(),
        o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertFalse(Files.exists(work.resolve("runs")), "no run directory");
  }
}
