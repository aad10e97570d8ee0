package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train} says that Spark starts (its start is the longest silence of a run) on every path that starts
 * it: a sweep's points and a resume as well as a new run.
 */
class StartingSparkIT {
  @TempDir
  Path work;

  SubmitIT.Outcome nn(List<String> jvm, String... args) throws Exception {
    List<String> command = new ArrayList<>(jvm);
    command.addAll(List.of("-cp", SubmitIT.SUBMIT_JAR + File.pathSeparator + SubmitIT.sparkClassPath(),
        "dev.nn.cli.Main"));
    command.addAll(List.of(args));
    return SubmitIT.run(work, command);
  }

  Path experiment() throws Exception {
    Path yaml = SubmitIT.experiment(work);
    Files.writeString(yaml, Files.readString(yaml).replace("distributed: {partitions: 2}",
        "distributed: {master: \"local[2]\", partitions: 2}"));
    return yaml;
  }

  static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  @Test
  void eachSweepPointSaysThatSparkStarts() throws Exception {
    SubmitIT.Outcome o = nn(List.of(), "train", experiment().toString(), "--plain", "--set", "training.epochs=1",
        "--sweep", "distributed.mode=synchronous,averaging", "--output", work.resolve("runs").toString());
    assertEquals(0, o.status(), o.err());
    assertEquals(1, count(o.out(), "starting Spark (master local[2], 2 parts, synchronous); its start takes some"
        + " seconds"), o.out());
    assertEquals(1, count(o.out(), "starting Spark (master local[2], 2 parts, averaging)"), o.out());
  }

  /**
   * A distributed experiment's data is read once Spark has started: validate checks that its files are there (a
   * missing one named with its key, exit 2) and says that the rest of the data's checks are nn train's.
   */
  @Test
  void validateChecksADistributedExperimentsFilesAndSaysTheRestComeWithSpark() throws Exception {
    Path yaml = experiment();
    SubmitIT.Outcome valid = nn(List.of(), "validate", yaml.toString());
    assertEquals(0, valid.status(), valid.err());
    assertEquals(1, count(valid.out(), "  data       its files are there; read, and checked against the network, when"
        + " nn train starts Spark"), valid.out());
    Path missing = work.resolve("nosuch.csv");
    SubmitIT.Outcome refused = nn(List.of(), "validate", yaml.toString(), "--set", "data.train.path=" + missing);
    assertEquals(2, refused.status(), refused.err());
    assertEquals("nn: " + missing + ": file not found; data.train.path names it\n", refused.err());
  }

  /**
   * A scratch folder Spark cannot use (a file named as spark.local.dir) is refused before "starting Spark" is said,
   * by nn train and by nn validate: exit 2, one line naming the setting and the folder, no run directory.
   */
  @Test
  void anUnusableScratchFolderIsRefusedBeforeSparkIsSaidToStart() throws Exception {
    Path file = Files.writeString(work.resolve("not-a-folder"), "x");
    Path runs = Files.createDirectories(work.resolve("scratch-runs"));
    String refusal = "nn: distributed.conf's spark.local.dir names no folder Spark can keep its scratch files in: "
        + file + " is a file, not a folder; name a folder that can be written, or leave it out for the temporary"
        + " folder\n";
    SubmitIT.Outcome train = nn(List.of(), "train", experiment().toString(), "--plain", "--set", "training.epochs=1",
        "--set", "distributed.conf={spark.local.dir: " + file + "}", "--output", runs.toString());
    assertEquals(2, train.status(), train.err());
    assertEquals(refusal, train.err());
    assertEquals(0, count(train.out(), "starting Spark"), train.out());
    try (java.util.stream.Stream<Path> made = Files.list(runs)) {
      assertEquals(List.of(), made.toList(), "no run directory");
    }
    SubmitIT.Outcome validate = nn(List.of(), "validate", experiment().toString(), "--set",
        "distributed.conf={spark.local.dir: " + file + "}");
    assertEquals(2, validate.status(), validate.err());
    assertEquals(refusal, validate.err());
  }

  /** nn train's driver is running before the experiment is read: spark.driver.memory gets one note, and the run trains. */
  @Test
  void driverMemoryInTheConfIsNotedOnce() throws Exception {
    SubmitIT.Outcome o = nn(List.of(), "train", experiment().toString(), "--plain", "--set", "training.epochs=1",
        "--set", "distributed.conf={spark.driver.memory: 16g}", "--output", work.resolve("runs").toString());
    assertEquals(0, o.status(), o.err());
    assertEquals(List.of("nn: distributed.conf's spark.driver.memory (16g) has no effect outside spark-submit: the"
        + " driver is the JVM nn runs in, already started; give it its memory with NN_JAVA_OPTS=-Xmx16g (or -Xmx16g"
        + " for a program of your own)"), o.err().lines().filter(l -> l.contains("spark.driver.memory")).toList(),
        o.err());
  }

  /** Spark's scratch folders are made in a folder of nn's, which a run that ends removes with them. */
  @Test
  void sparksScratchFoldersAreGoneAfterARun() throws Exception {
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    SubmitIT.Outcome o = nn(List.of("-Djava.io.tmpdir=" + tmp), "train", experiment().toString(), "--plain", "--set",
        "training.epochs=1", "--output", work.resolve("runs").toString());
    assertEquals(0, o.status(), o.err());
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("nn-spark-") || n.startsWith("spark-") || n.startsWith("blockmgr-")).toList());
    }
  }

  @Test
  void aResumeSaysThatSparkStarts() throws Exception {
    Path runs = work.resolve("runs");
    // every attempt of a round of the second epoch fails: the run is kept, marked failed, to be resumed
    SubmitIT.Outcome failed = nn(List.of("-D" + SparkBackend.FAIL_ROUND + "=-8"), "train", experiment().toString(),
        "--plain", "--output", runs.toString());
    assertEquals(2, failed.status(), failed.err());
    Path run;
    try (var dirs = Files.list(runs)) {
      run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    // a resume reads the experiment the run recorded: a distributed.conf setting that caused it is mended there
    assertEquals(1, count(failed.err(), "continues it (it reads the run's " + run.resolve("experiment.yaml") + ": if"
        + " one of its distributed.conf settings caused this, mend it there, or start a new run without it)"),
        failed.err());
    SubmitIT.Outcome o = nn(List.of(), "train", "--resume", run.toString(), "--plain");
    assertEquals(0, o.status(), o.err());
    assertEquals(1, count(o.out(), "starting Spark (master local[2], 2 parts, synchronous); its start takes some"
        + " seconds"), o.out());
  }
}
