package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optimizer.clip-norm} as a user meets it: a run that clips, its written experiment, and a bad limit. */
class ClipNormCommandTests {
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
}
