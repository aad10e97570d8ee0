package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A count of one is followed by its noun in the singular: "1 epoch", never "1 epochs". */
class SingularCountsTests {
  @TempDir
  Path tmp;

  @Test
  void validateSaysOneEpoch() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "training.epochs=1");
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("  training   1 epoch, batch size 8"), o.outLines("  training"));
  }

  @Test
  void anIndexPastAListOfOneEntrySaysOneEntry() {
    Cli.Outcome o = Cli.run("validate", Cli.EXAMPLES.resolve("digits-conv.yaml").toString(), "--set",
        "network.ties[1].x=3");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("network.ties has 1 entry, so an index must be < 1"), o.err());
  }

  @Test
  void oneClassWeightForTwoClassesSaysOneWeight() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "training.class-weights=[2]");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/ShapeMismatch] training.class-weights: 1 weight for 2 classes (0, 1, in that"
        + " order)"), o.err());
  }

  @Test
  void aBatchOfOneSampleThatDoesNotFitSaysOneSample() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "network.layers[1].units=400000000", "--set",
        "training.batch-size=1");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains(") and a batch of 1 sample ("), o.err());
  }

  @Test
  void gradcheckOnOneSampleSaysOneTrainingSample() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR, "--samples", "1");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("network 2-4-1 (tanh, identity), 17 parameters; checking on 1 training sample\n"),
        o.out());
  }

  @Test
  void evaluateOnOneRowSaysOneRow() throws Exception {
    Path runs = tmp.resolve("runs");
    Cli.Outcome train = Cli.run("train", Cli.XOR, "--output", runs.toString());
    assertEquals(0, train.code(), train.describe());
    Path model = Cli.onlyRun(runs).resolve("model.nnm");
    Path csv = tmp.resolve("one.csv");
    Files.writeString(csv, "x1,x2,xor\n0.1,0.9,1\n");
    Cli.Outcome o = Cli.run("evaluate", model.toString(), "--data", csv.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals(model + " on " + csv + ": 1 row", o.out().lines().findFirst().orElseThrow());
  }

  @Test
  void aSweepOfOnePointOfOneEpochSaysOnePointAndOneEpoch() throws Exception {
    Path runs = tmp.resolve("runs");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--output", runs.toString(), "--sweep", "training.epochs=1");
    assertEquals(0, o.code(), o.describe());
    assertEquals(1, o.outLines("sweep of 1 point into ").size(), o.out());
    assertEquals(List.of("sweep: 1 of 1 point completed"), o.outLines("sweep: "));
    Path run;
    try (var dirs = Files.list(runs)) {
      run = dirs.filter(d -> Files.isRegularFile(d.resolve("status.yaml"))).findFirst().orElseThrow();
    }
    String status = Files.readString(run.resolve("status.yaml"));
    assertTrue(status.contains("message: trained 1 of 1 epoch\n"), status);
  }
}
