package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that compute from an experiment without training it for keeps run in this process: given an
 * experiment with a distributed section, they say that it is nn train's, rather than pass it over without a word.
 */
class ComputedHereTests {
  @TempDir
  Path tmp;

  private static final String DISTRIBUTED = "distributed={master: \"local[2]\", partitions: 2}";
  private static final String NOTE = " computes in this process; the experiment's distributed section is for nn"
      + " train, which alone trains on a cluster\n";

  @Test
  void gradcheckAndLrFindSayTheyComputeHere() {
    Cli.Outcome check = Cli.run("gradcheck", Cli.XOR, "--set", DISTRIBUTED, "--samples", "4");
    assertEquals(0, check.code(), check.describe());
    assertTrue(check.err().startsWith("nn: note: nn gradcheck" + NOTE), check.err());
    Cli.Outcome find = Cli.run("lr-find", Cli.XOR, "--set", DISTRIBUTED);
    assertEquals(0, find.code(), find.describe());
    assertTrue(find.err().startsWith("nn: note: nn lr-find" + NOTE), find.err());
    Cli.Outcome plain = Cli.run("gradcheck", Cli.XOR, "--samples", "4");
    assertFalse(plain.err().contains("computes in this process"), plain.err());
  }
}
