package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentWriterTests {
  private static final String RICH =
      "name: rich\n"
          + "seed: -3\n"
          + "data:\n"
          + "  train: {source: csv, path: data/iris.csv, target: species, task: classification}\n"
          + "  validation: {source: idx, images: a.gz, labels: b.gz, limit: 100}\n"
          + "  test: {split: 0.25}\n"
          + "  standardize: false\n"
          + "network:\n"
          + "  layers:\n"
          + "    - {units: 8}\n"
          + "    - {units: 6, activation: {name: leaky-relu, slope: 0.2}}\n"
          + "    - {units: 8, activation: sigmoid}\n"
          + "    - {units: 2, activation: identity}\n"
          + "    - {units: 3, activation: identity}\n"
          + "  init: {name: normal, std: 0.05}\n"
          + "  ties:\n"
          + "    - share: ['layers[1].W[0][1]', 'layers[3].b[1]']\n"
          + "    - {tie: 'layers[2].W', to: 'layers[1].W', transpose: true}\n"
          + "    - absent: ['layers[3].W[0..3][*]']\n"
          + "    - conv1d: {layer: 4, input: [1, 2], kernel: 2, channels: 3}\n"
          + "loss: {name: huber, delta: 0.5}\n"
          + "optimizer: {name: adam, learning-rate: 0.002, beta1: 0.85, schedule: {name: cosine, period: 40, unit: epochs}}\n"
          + "l2: 1.0e-4\n"
          + "training: {epochs: 3, batch-size: 8, shuffle: false, early-stopping: {patience: 2, monitor: val-accuracy}, checkpoint-every: 2, checkpoint-minutes: off}\n"
          + "compute: {backend: java, threads: 1}\n"
          + "output: {dir: ../runs}\n";

  @Test
  void readingTheWrittenLectureExperimentGivesAnEqualExperiment() throws IOException {
    ExperimentReader reader = Resources.reader();
    Experiment original = reader.read(Resources.path("good/lecture.yaml"), List.of());

    String text = ExperimentWriter.write(original);
    Experiment again = reader.read(text, "elsewhere.yaml", Path.of("/somewhere/else"), List.of());

    assertEquals(original, again);
  }

  @Test
  void readingTheWrittenTextOfEveryKindOfSettingGivesAnEqualExperiment() {
    ExperimentReader reader = Resources.reader();
    Experiment original = reader.read(RICH, "rich.yaml", Path.of("/exp/dir"), List.of());

    Experiment again = reader.read(ExperimentWriter.write(original), "x.yaml", Path.of("/tmp"), List.of());

    assertEquals(original, again);
    assertEquals(original.network().ties(), again.network().ties());
    assertEquals(Double.POSITIVE_INFINITY, again.training().checkpointMinutes(), "checkpoint-minutes: off");
    assertEquals(Path.of("/exp/dir/data/iris.csv"), ((SourceSpec.Csv) again.data().train()).path().resolved());
    assertEquals(Path.of("/exp/runs"), again.output().dir().resolved());
  }

  @Test
  void aListOfRegressionTargetsIsWrittenAsAListAndReadBack() {
    ExperimentReader reader = Resources.reader();
    Experiment original = reader.read(RICH.replace("target: species, task: classification", "target: [a, last],"
        + " task: regression").replace("loss: {name: huber, delta: 0.5}", "loss: squared")
        .replace("monitor: val-accuracy", "monitor: val-loss"), "rich.yaml",
        Path.of("/exp/dir"), List.of());
    String text = ExperimentWriter.write(original);
    assertTrue(text.contains("target: [a, last]"), text);
    assertTrue(!text.contains("standardize-targets"), "written only when set: " + text);
    Experiment scaled = reader.read(text + "", "x.yaml", Path.of("/tmp"), List.of("data.standardize-targets=true"));
    Experiment scaledAgain = reader.read(ExperimentWriter.write(scaled), "y.yaml", Path.of("/tmp"), List.of());
    assertTrue(scaledAgain.data().standardizesTargets());
    Experiment chosen = reader.read(text, "x.yaml", Path.of("/tmp"), List.of("data.standardize-targets=false"));
    assertEquals(Boolean.FALSE, reader.read(ExperimentWriter.write(chosen), "z.yaml", Path.of("/tmp"), List.of())
        .data().standardizeTargets(), "a choice of raw targets is kept, so that a resume gives no advice either");
    assertEquals(scaled, scaledAgain);
    Experiment again = reader.read(text, "x.yaml", Path.of("/tmp"), List.of());
    assertEquals(original, again);
    assertEquals(List.of("a", "last"), ((SourceSpec.Csv) again.data().train()).targets());
  }

  @Test
  void aCsvSourcesFeaturesMissingPolicyAndIndexColumnAreWrittenAndReadBack() {
    ExperimentReader reader = Resources.reader();
    for (String keys : List.of("features: [b, a], missing: drop", "features: {ignore: [id]}, missing: mean,"
        + " index-column: false", "index-column: true")) {
      Experiment original = reader.read(RICH.replace("task: classification}", "task: classification, " + keys + "}"),
          "rich.yaml", Path.of("/exp/dir"), List.of());
      Experiment again = reader.read(ExperimentWriter.write(original), "x.yaml", Path.of("/tmp"), List.of());
      assertEquals(original, again, keys);
      assertEquals(((SourceSpec.Csv) original.data().train()).options(),
          ((SourceSpec.Csv) again.data().train()).options(), keys);
    }
    SourceSpec.Csv listed = (SourceSpec.Csv) reader.read(RICH.replace("task: classification}",
        "task: classification, features: [b, a], missing: drop}"), "rich.yaml", Path.of("/exp/dir"), List.of())
        .data().train();
    assertEquals(new dev.nn.core.data.CsvOptions(List.of("b", "a"), List.of(), dev.nn.core.data.CsvOptions.Missing.DROP,
        dev.nn.core.data.CsvOptions.IndexColumn.AUTO), listed.options());
  }

  @Test
  void theWrittenTextFillsInEveryDefaultWithAbsolutePathsAndNoTags() {
    Experiment e =
        Resources.reader()
            .read(
                "data: {train: {source: generator, name: lecture-regression, samples: 100, inputs: 3}}\n"
                    + "network: {layers: [{units: auto}, {units: 1, activation: identity}]}\n"
                    + "loss: squared\n",
                "minimal.yaml",
                Path.of("/exp"),
                List.of());

    String text = ExperimentWriter.write(e);

    assertEquals(
        "# Experiment minimal with every default filled in; train on this file to repeat the run.\n"
            + "name: minimal\n"
            + "seed: 42\n"
            + "data:\n"
            + "  train: {source: generator, name: lecture-regression, samples: 100, inputs: 3}\n"
            + "  validation: {split: 0.1}\n"
            + "  test: {split: 0.0}\n"
            + "  standardize: true\n"
            + "network:\n"
            + "  layers:\n"
            + "  - {units: auto}\n"
            + "  - {units: 1, activation: identity}\n"
            + "  init: xavier-uniform\n"
            + "  ties: []\n"
            + "loss: squared\n"
            + "optimizer: {name: sgd, learning-rate: 0.01, schedule: constant}\n"
            + "l2: 0.0\n"
            + "training: {epochs: 20, batch-size: 1, shuffle: true, early-stopping: false, checkpoint-every: 1, checkpoint-minutes: 10.0}\n"
            + "compute: {backend: auto, threads: 2}\n"
            + "output: {dir: /exp/runs}\n",
        text);
    assertFalse(text.contains("!!"));
    assertTrue(text.endsWith("\n"));
  }
}
