package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An autoencoder ({@code task: reconstruction}) read from a CSV file drops its target column unread: a file of
 * measurements with a column of class names, named as the target or left last, trains on the measurements.
 */
class ReconstructionDataTests {
  @TempDir
  Path tmp;

  @Test
  void aColumnOfWordsAsTheDroppedTargetIsNotReadAsNumbers() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,c,species\n");
    for (int i = 0; i < 30; i++) {
      csv.append(i % 5).append(',').append(Math.sin(i)).append(',').append(i % 3 * 0.5).append(',')
          .append(i % 2 == 0 ? "setosa" : "\"Iris, virginica\"").append('\n');
    }
    Files.writeString(tmp.resolve("flowers.csv"), csv);
    for (String target : new String[] {", target: species", ""}) {
      Path yaml = Files.writeString(tmp.resolve("ae.yaml"), "name: ae\n"
          + "data:\n"
          + "  train: {source: csv, path: flowers.csv, task: reconstruction" + target + "}\n"
          + "  validation: {split: 0.2}\n"
          + "network:\n"
          + "  layers: [{units: auto}, {units: 2, activation: tanh}, {units: auto, activation: identity}]\n"
          + "loss: squared\n"
          + "optimizer: {name: adam, learning-rate: 0.01}\n"
          + "training: {epochs: 3, batch-size: 4}\n");
      Cli.Outcome valid = Cli.run("validate", yaml.toString());
      assertEquals(0, valid.code(), target + ": " + valid.describe());
      Cli.Outcome trained = Cli.run("train", yaml.toString(), "--output", Files.createDirectories(
          tmp.resolve("runs" + target.length())).toString(), "--plain");
      assertEquals(0, trained.code(), target + ": " + trained.describe());
      assertTrue(trained.out().contains("network 3-2-3 (tanh, identity)"), trained.out());
    }
  }
}
