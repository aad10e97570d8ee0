package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.ExperimentGradientCheck;
import dev.nn.core.train.Gradient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    // which the report says, naming the activation: φ′ 1% too large scales layer 1's gradients by 1.01
    assertTrue(o.out().endsWith("\n  hint: the gradients of layers[2] and above agree and those of layers[1] do not,"
        + " so δ first goes wrong at layers[1], where it is multiplied by φ′ of its activation "
        + SlightlyWrongTanhProvider.NAME + ": check that its φ′ is the derivative of its φ, and that its forward and backward leave z and x as they"
        + " found them (every mismatched gradient"
        + " is 1.010 times its finite difference)\n"), o.out());
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

  @TempDir
  Path tmp;

  /**
   * On a terminal the check says how many parameters are done, on a line it erases before the report, on the same
   * stream as the report (stderr passes the nn script's filter, and an erase there could come after the report);
   * elsewhere nothing.
   */
  @Test
  void onATerminalTheCheckCountsItsParametersOnALineItErases() {
    Cli.Outcome terminal = Cli.run(java.util.Map.of(), true, "gradcheck", Cli.XOR);
    assertEquals(0, terminal.code(), terminal.describe());
    String out = terminal.out();
    int counted = out.indexOf("\rgradient check: 0 of 17 parameters" + ProgressBar.ERASE_TO_END);
    int erased = out.lastIndexOf("\r" + ProgressBar.ERASE_TO_END + "gradient check passed");
    assertTrue(counted > 0 && erased > counted, "counted, then erased before the report: " + out);
    Cli.Outcome file = Cli.run("gradcheck", Cli.XOR);
    assertEquals("", file.err());
    assertTrue(file.out().indexOf('\r') < 0, file.out());
  }


  /**
   * {@code --csv} writes the network's every parameter, the value it was checked at and its backpropagated
   * gradient: the numbers the Java API gives for the same experiment, in the lecture's order (W(1) row by row,
   * b(1), W(2), b(2)).
   */
  @Test
  void theCsvHoldsEveryParametersValueAndGradientAsTheJavaApiGivesThem() throws Exception {
    Path csv = tmp.resolve("xor-gradient.csv");
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR, "--csv", csv.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().endsWith("every parameter's value and gradient written to " + csv + "\n"), o.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("parameter,value,gradient", lines.get(0));
    assertEquals(1 + 17, lines.size(), "a header and the 2-4-1 network's 17 parameters");

    Nn nn = Nn.create();
    ExperimentGradientCheck check = nn.gradientCheck(nn.load(Path.of(Cli.XOR), List.of()));
    Gradient g = check.gradient(4);
    double[][] w1 = check.network().weights(1);
    double[][] gw1 = g.weights(1);
    assertEquals("layers[1].W[0][0]," + w1[0][0] + "," + gw1[0][0], lines.get(1));
    assertEquals("layers[1].W[1][3]," + w1[1][3] + "," + gw1[1][3], lines.get(8));
    assertEquals("layers[1].b[2]," + check.network().biases(1)[2] + "," + g.biases(1)[2], lines.get(11));
    assertEquals("layers[2].W[3][0]," + check.network().weights(2)[3][0] + "," + g.weights(2)[3][0],
        lines.get(16));
    assertEquals("layers[2].b[0]," + check.network().biases(2)[0] + "," + g.biases(2)[0], lines.get(17));
    // the gradient is J's at the parameters written: the report's J is the same number to six digits
    assertTrue(o.out().contains(String.format(Locale.ROOT, "J = %.6g;", g.objective())), o.out());
  }

  @Test
  void aCsvIntoAMissingFolderIsRefusedBeforeTheCheck() {
    Path missing = tmp.resolve("no-such-folder").resolve("g.csv");
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR, "--csv", missing.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("does not exist; create it first"), o.err());
    assertFalse(o.out().contains("gradient check"), o.out());
    assertFalse(Files.exists(missing.getParent()));
  }

  @Test
  void aCsvOverTheExperimentsDataIsRefused() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.DIABETES, "--csv", Cli.EXAMPLES.resolve("data/diabetes.csv").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: --csv "), o.err());
    assertTrue(o.err().contains("a data file of " + Cli.DIABETES + ", "), o.err());
  }

  @Test
  void theSampleCountMustBePositive() {
    Cli.Outcome o = Cli.run("gradcheck", Cli.XOR, "--samples", "0");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: --samples must be >= 1, found 0"), o.err());
  }
}
