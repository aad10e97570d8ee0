package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GradcheckCommandTests {
  private static final Pattern CHECKED = Pattern.compile("(\\d+) parameters checked, (\\d+) skipped at kinks, (\\d+)"
      + " mismatched");

  @Test
  void backpropOnTheXorNetworkAgreesWithFiniteDifferencesAndExitsWith0() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR);
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("network 2-4-1 (tanh, identity), 17 parameters; checking on 4 training samples\n"),
        o.out());
    assertTrue(o.out().contains("gradient check passed: "), o.out());
    Matcher m = CHECKED.matcher(o.out());
    assertTrue(m.find(), o.out());
    assertEquals(17, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)));
    assertEquals("0", m.group(3));
    assertTrue(o.out().contains("; seed 7"), o.out());
  }

  @Test
  void aWrongDerivativeFailsTheCheckWithExit1AndNamesTheParameters() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR, "--samples", "8", "--set",
        "network.layers[1].activation=" + SlightlyWrongTanhProvider.NAME);
    assertEquals(1, o.code(), o.describe());
    assertTrue(o.out().contains("checking on 8 training samples"), o.out());
    assertTrue(o.out().contains("gradient check FAILED: "), o.out());
    // a wrong φ′ of layer 1 spoils the gradients of W(1) and b(1), not those of the output layer
    assertTrue(o.out().contains("\n  layers[1]."), o.out());
    assertEquals("", o.err());
  }

  @Test
  void theL2TermIsPartOfTheCheckedObjective() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.DIABETES, "--samples", "3");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("193 parameters; checking on 3 training samples"), o.out());
    assertTrue(o.out().contains("gradient check passed: 193 parameters checked, 0 skipped"), o.out());
  }

  /** Backprop through dropout's masks, each mask held fixed while the parameters move. */
  @Test
  void anExperimentWithDropoutIsCheckedWithItsMasksHeldFixed() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.DIABETES, "--samples", "6", "--set", "network.layers[0].dropout=0.3",
        "--set", "network.layers[1].dropout=0.5");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("193 parameters, dropout 0.3 (layer 0), 0.5 (layer 1); checking on 6 training samples"
        + " with dropout, its masks held fixed"), o.out());
    assertTrue(o.out().contains("gradient check passed: 193 parameters checked, 0 skipped"), o.out());
  }

  /** The objective checked is the one trained: each row's loss times its class's weight. */
  @Test
  void anExperimentWithClassWeightsIsCheckedOnTheWeightedLoss() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.EXAMPLES.resolve("pima.yaml").toString(), "--samples", "8");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("161 parameters; checking on 8 training samples, the loss weighing classes 0.7677,"
        + " 1.434"), o.out());
    assertTrue(o.out().contains("gradient check passed: 161 parameters checked"), o.out());
  }

  @Test
  void theSampleCountMustBePositive() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR, "--samples", "0");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: --samples must be >= 1, found 0"), o.err());
  }
}
