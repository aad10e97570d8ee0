package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin on the plugin path trains on a local master as in one process: the tasks, which rebuild
 * the experiment in the driver's JVM, use the driver's plugins. They loaded plugins from nn's class loader alone,
 * which does not see the plugin path, and every run that named a plugin failed (its report a
 * NullPointerException).
 */
class PluginsOnSparkTests {
  @TempDir
  static Path work;
  static Nn nn;

  @BeforeAll
  static void buildThePlugin() throws Exception {
    LocalSpark.get();
    nn = Nn.withPluginPath(List.of(PluginExampleJar.build(work)));
  }

  private static String example(String overrides) throws Exception {
    return Files.readString(PluginExampleJar.EXAMPLE.resolve("experiment.yaml")).replace("epochs: 30", "epochs: 4")
        + overrides;
  }

  @Test
  void thePluginExampleTrainsOnFilesInBothModes() throws Exception {
    for (String mode : List.of("synchronous", "averaging")) {
      TrainingRun.Result run = nn.train(nn.parse(example("distributed: {partitions: 2, mode: " + mode + "}\n"),
          List.of()), TrainingRun.Options.into(work.resolve("runs-" + mode)));
      List<Double> losses = run.training().epochs().stream().map(e -> e.trainLoss()).toList();
      assertEquals(4, losses.size(), mode);
      assertTrue(losses.get(3) < losses.get(0), mode + ": losses " + losses);
      assertTrue(Files.readString(run.directory().path().resolve("provenance.yaml")).contains("acme-swish"), mode);
    }
  }

  @Test
  void thePluginExampleTrainsOnATable() throws Exception {
    Path table = work.resolve("diabetes.parquet");
    LocalSpark.get().read().option("header", "true").option("inferSchema", "true")
        .csv(Path.of("../examples/data/diabetes.csv").toAbsolutePath().toString()).repartition(2)
        .write().mode(SaveMode.Overwrite).parquet(table.toString());
    String yaml = example("distributed: {partitions: 2}\n").replace(
        "train: {source: generator, name: sine, samples: 400}",
        "train: {source: spark, format: parquet, path: \"" + table + "\", target: target, task: regression}\n"
            + "  standardize: true").replace("- {units: 1}\n", "- {units: auto}\n");
    TrainingRun.Result run = nn.train(nn.parse(yaml, List.of()), TrainingRun.Options.into(work.resolve("runs-table")));
    List<Double> losses = run.training().epochs().stream().map(e -> e.trainLoss()).toList();
    assertTrue(losses.get(losses.size() - 1) < losses.get(0), "losses " + losses);
  }
}
