package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster's executors have Spark's classes and none of nn's. {@code nn train} with such a master
 * (here Spark's {@code local-cluster}, a standalone master and worker on this machine, whose executor is a JVM
 * given Spark's jars alone) hands them nn's submit jar itself: the run trains, where the executors failed every
 * task with a ClassCastException about a SerializedLambda. Slow, so it runs with {@code -Pspark-cluster}.
 */
class ClusterJarsIT {
  @TempDir
  Path work;

  @Test
  void theExecutorsGetNnsClassesFromItsSubmitJar() throws Exception {
    SubmitIT.Outcome o = onAStandaloneWorker(SubmitIT.experiment(work));
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("test ") && l.contains("accuracy")), o.out());
  }

  /**
   * A third-party plugin jar (the plugin example, compiled here as its own build would) named on the plugin path
   * reaches the executors too: they rebuild the experiment, and without the jar they do not know its activation
   * and loss.
   */
  @Test
  void theExecutorsGetThePluginPathsJars() throws Exception {
    Path jar = PluginExampleJar.build(work);
    SubmitIT.Outcome o = onAStandaloneWorker(PluginExampleJar.EXAMPLE.resolve("experiment.yaml"), "--plugin-path",
        jar.toString(), "--set", "training.epochs=2", "--set", "distributed.partitions=2");
    assertEquals(0, o.status(), o.err());
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      assertTrue(Files.isRegularFile(runs.findFirst().orElseThrow().resolve("model.nnm")), o.out());
    }
  }

  /**
   * {@code nn train yaml more…} through the submit class on a standalone master and one worker
   * ({@code local-cluster}) whose executor is a JVM with Spark's jars alone.
   */
  private SubmitIT.Outcome onAStandaloneWorker(Path yaml, String... more) throws Exception {
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
    String spark = SubmitIT.sparkClassPath();
    List<String> args = new java.util.ArrayList<>(List.of("-cp", SubmitIT.SUBMIT_JAR + File.pathSeparator + spark,
        "dev.nn.spark.Submit", yaml.toString()));
    args.addAll(List.of(more));
    args.addAll(List.of("--set", "distributed.master=local-cluster[1,1,1024]",
        "--set", "distributed.conf={spark.executor.extraClassPath: '" + spark + "', spark.executor.memory: 512m}",
        "--output", work.resolve("runs").toString()));
    return SubmitIT.run(work, args);
  }
}
