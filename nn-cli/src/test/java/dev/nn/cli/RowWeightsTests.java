package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A csv source's {@code weight:} column as a user meets it, on the iris data with half of its rows given a wrong
 * class: those rows given weight 0 train exactly as if they were not in the file (full-batch descent, the rate
 * scaled by B/B′ since J is a mean over all B rows), while with weight 1 they cost accuracy; the run keeps the key;
 * {@code nn evaluate} and {@code nn predict} read such a file with the weight column left aside.
 */
class RowWeightsTests {
  private static final Path IRIS = Cli.EXAMPLES.resolve("data").resolve("iris.csv");

  @TempDir
  Path tmp;

  @BeforeEach
  void writeFiles() throws Exception {
    List<String> lines = Files.readAllLines(IRIS);
    List<String> weighted = new ArrayList<>(List.of("trust," + lines.get(0)));
    List<String> clean = new ArrayList<>(List.of(lines.get(0)));
    for (int r = 1; r < lines.size(); r++) {
      String line = lines.get(r);
      if (r % 2 == 0) {
        // a wrong class, not trusted
        int c = Integer.parseInt(line.substring(line.lastIndexOf(',') + 1));
        weighted.add("0," + line.substring(0, line.lastIndexOf(',') + 1) + (c + 1) % 3);
      } else {
        weighted.add("1," + line);
        clean.add(line);
      }
    }
    Files.write(tmp.resolve("weighted.csv"), weighted);
    Files.write(tmp.resolve("clean.csv"), clean);
  }

  private Path experiment(String name, String csv, String weight, int batch, double rate) throws Exception {
    return Files.writeString(tmp.resolve(name + ".yaml"), "name: " + name + "\n"
        + "seed: 3\n"
        + "data:\n"
        + "  train: {source: csv, path: " + csv + ", target: target, task: classification" + weight + "}\n"
        + "  validation: {split: 0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 8, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: {name: sgd, learning-rate: " + rate + "}\n"
        + "training: {epochs: 40, batch-size: " + batch + "}\n");
  }

  private TrainingRun.Result train(Path experiment) {
    Nn nn = Nn.create();
    return nn.train(nn.load(experiment, List.of()), TrainingRun.Options.into(tmp.resolve("runs")));
  }

  @Test
  void rowsOfWeight0TrainAsIfTheyWereNotThere() throws Exception {
    // 150 rows of which 75 weigh 0: J = (1/150)·Σ over the 75 others, so the rate is 150/75 times the clean one's
    double[] weighted = train(experiment("weighted", "weighted.csv", ", weight: trust", 150, 0.4)).model().network()
        .parameters().toArray();
    double[] clean = train(experiment("clean", "clean.csv", "", 75, 0.2)).model().network().parameters().toArray();
    double worst = 0;
    for (int i = 0; i < clean.length; i++) {
      worst = Math.max(worst, Math.abs(weighted[i] - clean[i]) / Math.max(1, Math.abs(clean[i])));
    }
    assertTrue(worst < 1e-12, "largest relative difference " + worst);
  }

  @Test
  void theWrongClassesCostAccuracyUnlessTheyWeigh0() throws Exception {
    Path clean = tmp.resolve("clean.csv");
    Path trusted = experiment("trusted", "weighted.csv", ", weight: trust", 16, 0.1);
    Path untrusted = experiment("untrusted", "weighted.csv", ", features: {ignore: [trust]}", 16, 0.1);
    Cli.Outcome a = Cli.run("train", trusted.toString(), "--output", tmp.resolve("a").toString());
    Cli.Outcome b = Cli.run("train", untrusted.toString(), "--output", tmp.resolve("b").toString());
    assertEquals(0, a.code(), a.describe());
    assertEquals(0, b.code(), b.describe());
    // 150 rows of which the 75 untrusted weigh 0; after the split of the experiment (none), all are training rows
    assertTrue(a.out().contains("\nrow weights mean 0.5 over 150 rows, 75 of them 0\n"), a.out());
    assertFalse(b.out().contains("row weights"), b.out());
    Path runA = Cli.onlyRun(tmp.resolve("a"));
    Path runB = Cli.onlyRun(tmp.resolve("b"));
    assertTrue(Files.readString(runA.resolve(RunDirectory.EXPERIMENT)).contains("weight: trust"));
    // measured on the rows with their true classes, the weight column is not a feature of the model
    Cli.Outcome ea = Cli.run("evaluate", runA.resolve("model.nnm").toString(), "--data", clean.toString());
    Cli.Outcome eb = Cli.run("evaluate", runB.resolve("model.nnm").toString(), "--data", clean.toString());
    assertEquals(0, ea.code(), ea.describe());
    double accuracyA = accuracy(ea.out());
    double accuracyB = accuracy(eb.out());
    assertTrue(accuracyA > 0.95 && accuracyA > accuracyB + 0.1, "weight 0: " + accuracyA + ", weight 1: "
        + accuracyB);

    // a file with the weight column predicts as one without
    Cli.Outcome p = Cli.run("predict", runA.resolve("model.nnm").toString(), "--input",
        tmp.resolve("weighted.csv").toString(), "--output", tmp.resolve("p.csv").toString());
    assertEquals(0, p.code(), p.describe());
    assertEquals(151, Files.readAllLines(tmp.resolve("p.csv")).size());
  }

  private static double accuracy(String evaluateOutput) {
    for (String line : evaluateOutput.split("\n")) {
      String t = line.strip();
      if (t.startsWith("accuracy")) {
        return Double.parseDouble(t.split("\\s+")[1]);
      }
    }
    throw new AssertionError("no accuracy line in\n" + evaluateOutput);
  }

  /**
   * A hold-out file needs no weight column (its figures are unweighted); a weight key beside another key's problem is
   * no unknown key; a row of weight 0 may hold a target no loss can take.
   */
  @Test
  void holdOutsNeedNoWeightsAndAWeight0RowMayHoldAnyTarget() throws Exception {
    Path trusted = experiment("held", "weighted.csv", ", weight: trust", 16, 0.1);
    Cli.Outcome o = Cli.run("train", trusted.toString(), "--set", "data.test={source: csv, path: " + tmp.resolve("clean.csv") + "}",
        "--output", tmp.resolve("held").toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("test "), o.out());

    Cli.Outcome bad = Cli.run("validate", trusted.toString(), "--set", "data.train.separator=\"#\"");
    assertEquals(2, bad.code(), bad.describe());
    assertTrue(bad.err().contains("1 problem"), bad.err());
    assertFalse(bad.err().contains("unknown key"), bad.err());

    List<String> rows = new ArrayList<>(List.of("a,b,w,y"));
    for (int r = 0; r < 30; r++) {
      rows.add(r % 7 + "," + r % 5 + ",1," + (0.5 * (r % 7) - 0.2 * (r % 5)));
    }
    rows.add("3,3,0,1e200");
    Path csv = Files.write(tmp.resolve("huge.csv"), rows);
    Path yaml = Files.writeString(tmp.resolve("huge.yaml"), "name: huge\n"
        + "data: {train: {source: csv, path: huge.csv, target: y, weight: w}, validation: {split: 0}}\n"
        + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
        + "loss: squared\n"
        + "training: {epochs: 2, batch-size: 31}\n");
    Cli.Outcome huge = Cli.run("train", yaml.toString(), "--set", "data.standardize-targets=false", "--output",
        tmp.resolve("huge").toString());
    assertEquals(0, huge.code(), huge.describe() + csv);
  }
}
