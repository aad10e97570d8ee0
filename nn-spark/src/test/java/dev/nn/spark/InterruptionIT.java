package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM during a training on Spark, sent to a JVM of its own (the submit jar's main class, as the nn launcher
 * runs nn): Spark's shutdown hook stops the SparkContext while a job is running, and the job's failure must not
 * be reported after the interruption's notice. The run is left interrupted, and the JVM exits with 143.
 */
class InterruptionIT {
  @TempDir
  Path work;

  @ParameterizedTest
  @ValueSource(strings = {"synchronous", "averaging", "spark-source"})
  void sigtermDuringSparkTrainingSaysOnlyThatItWasInterrupted(String kind) throws Exception {
    Path yaml = SubmitIT.experiment(work);
    String text = Files.readString(yaml).replace("epochs: 3", "epochs: 100000");
    if (kind.equals("spark-source")) {
      Path data = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize();
      text = text.replace("{source: csv, path: " + data + ", target: last, task: classification}",
          "{source: spark, format: csv, path: \"" + data + "\", target: target, task: classification}")
          .replace("distributed: {partitions: 2}", "distributed: {partitions: 2, mode: averaging}");
    } else {
      text = text.replace("distributed: {partitions: 2}", "distributed: {partitions: 2, mode: " + kind + "}");
    }
    Files.writeString(yaml, text);
    Path runs = work.resolve("runs");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("nn.jvmOptions").trim().split("\\s+")));
    command.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
    command.addAll(List.of("-cp", SubmitIT.SUBMIT_JAR + File.pathSeparator + SubmitIT.sparkClassPath(),
        "dev.nn.spark.Submit", yaml.toString(), "--output", runs.toString(),
        "--set", "distributed.master=local[2]"));
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    // a few epochs in: the next one is running Spark jobs when the signal comes
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (read(out).lines().filter(l -> l.startsWith("epoch ")).count() < 3) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, () -> "the run trained: " + read(out) + read(err));
      Thread.sleep(50);
    }
    p.toHandle().destroy(); // SIGTERM
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ended within 120 s");
    String said = read(err);
    assertEquals(143, p.exitValue(), said);
    List<String> nnLines = said.lines().filter(l -> l.startsWith("nn:")).toList();
    assertEquals(1, nnLines.size(), said);
    assertTrue(nnLines.get(0).startsWith("nn: training was interrupted"), said);
    assertTrue(said.contains("Resume the run with: nn train --resume "), said);
    assertFalse(said.contains("unexpected error") || said.contains("Spark could not finish")
        || said.contains("SparkContext"), said);
    Path run;
    try (Stream<Path> dirs = Files.list(runs)) {
      run = dirs.findFirst().orElseThrow();
    }
    assertTrue(Files.readString(run.resolve("status.yaml")).contains("state: interrupted"));
    String log = Files.readString(run.resolve("run.log"));
    assertFalse(log.contains("SparkContext") || log.contains("Spark could not finish"), log);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }
}
