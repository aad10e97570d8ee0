package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier of more classes than a confusion matrix can show: the run's report and {@code nn evaluate} give the
 * commonest confusions instead, so that 10,000 classes do not make a page or a terminal of 10⁸ cells.
 */
class ManyClassesTests {
  @TempDir
  Path tmp;

  @Test
  void theReportAndEvaluateListTheCommonestConfusions() throws Exception {
    int classes = 40;
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int row = 0; row < 4 * classes; row++) {
      int c = row % classes;
      csv.append(c * 0.1).append(',').append(Math.sin(row)).append(",k").append(c).append('\n');
    }
    Files.writeString(tmp.resolve("labels.csv"), csv);
    Files.writeString(tmp.resolve("labels.yaml"), String.join("\n",
        "name: labels",
        "seed: 3",
        "data:",
        "  train: {source: csv, path: labels.csv, target: label, task: classification}",
        "  validation: {split: 0.25}",
        "  stratify: true",
        "network:",
        "  layers: [{units: auto}, {units: 8, activation: tanh}, {units: auto, activation: identity}]",
        "loss: softmax-cross-entropy",
        "optimizer: {name: adam, learning-rate: 0.01}",
        "training: {epochs: 2, batch-size: 16}", ""));
    Path runs = tmp.resolve("runs");
    Cli.Outcome trained = Cli.run("train", tmp.resolve("labels.yaml").toString(), "--output", runs.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path run = Cli.onlyRun(runs);
    String html = Files.readString(run.resolve("report.html"));
    assertFalse(html.contains("Confusion matrix"), "no matrix of 40 classes");
    assertTrue(html.contains("<h2>Commonest confusions · validation, epoch 2</h2>"), html);

    Cli.Outcome evaluated = Cli.run("evaluate", run.resolve("model.nnm").toString(), "--data",
        tmp.resolve("labels.csv").toString());
    assertEquals(0, evaluated.code(), evaluated.describe());
    assertFalse(evaluated.out().contains("confusion matrix"), evaluated.out());
    assertTrue(evaluated.out().contains("commonest confusions (40 classes are too many for a matrix; its 20 largest"
        + " cells off the diagonal)\ntrue  predicted  rows\n"), evaluated.out());
  }
}
