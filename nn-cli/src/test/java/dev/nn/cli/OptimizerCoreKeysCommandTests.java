package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer's core keys as a user meets them: a run that clips ({@code clip-norm}) and a run that warms up
 * ({@code warmup}), their written experiments, and bad values.
 */
class OptimizerCoreKeysCommandTests {
  @TempDir
  Path tmp;

  @Test
  void aRunWithClippingTrainsKeepsTheKeyAndTakesOtherStepsThanOneWithout() throws Exception {
    Cli.Outcome clipped = Cli.run("train", Cli.DIABETES, "--output", tmp.resolve("clipped").toString(), "--set",
        "optimizer.clip-norm=1", "--set", "training.epochs=5");
    assertEquals(0, clipped.code(), clipped.describe());
    Path run = Cli.onlyRun(tmp.resolve("clipped"));
    String written = Files.readString(run.resolve("experiment.yaml"));
    assertTrue(written.contains("clip-norm: 1.0"), written);

    Cli.Outcome plain = Cli.run("train", Cli.DIABETES, "--output", tmp.resolve("plain").toString(), "--set",
        "training.epochs=5");
    assertEquals(0, plain.code(), plain.describe());
    // diabetes' targets are in the hundreds: its squared-loss gradients are far longer than 1 at the start
    assertNotEquals(clipped.outLines("epoch 1/5").get(0).replaceAll("\\s+\\S+s$", ""),
        plain.outLines("epoch 1/5").get(0).replaceAll("\\s+\\S+s$", ""));
  }

  @Test
  void aLimitOfZeroIsOneMessageWithExit2AndNoRun() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--output", tmp.resolve("never").toString(), "--set",
        "optimizer.clip-norm=0");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/OutOfRange] optimizer.clip-norm: must be > 0, found 0"), o.err());
    assertTrue(o.err().contains("1 problem"), o.err());
    assertTrue(!Files.exists(tmp.resolve("never")) || RunFiles.names(tmp.resolve("never")).isEmpty());
  }

  /** The learning rate in metrics.csv after each epoch's last update t: η·t/W while t < W, then η. */
  @Test
  void aWarmupRaisesTheRateInEqualStepsAsMetricsCsvRecordsIt() throws Exception {
    double rate = dev.nn.core.Nn.create().load(Path.of(Cli.XOR), java.util.List.of()).optimizer().learningRate();
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--output", tmp.resolve("warm").toString(), "--set",
        "optimizer.warmup=60", "--set", "training.epochs=4");
    assertEquals(0, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp.resolve("warm"));
    assertTrue(Files.readString(run.resolve("experiment.yaml")).contains("warmup: 60"));
    java.util.List<String> rows = TrainCommandTests.metricsRows(run);
    assertEquals(4, rows.size());
    for (String row : rows) {
      String[] f = row.split(",");
      long t = Long.parseLong(f[1]);
      double expected = t < 60 ? rate * t / 60 : rate;
      assertEquals(expected, Double.parseDouble(f[2]), 1e-15, row);
    }
    assertTrue(Long.parseLong(rows.get(0).split(",")[1]) < 60, "the first epoch ends inside the warm-up");
  }
}
