package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.ProblemReport;
import dev.nn.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTests {
  @TempDir
  Path tmp;

  @Test
  void aValidExperimentIsSummarised() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR);
    assertEquals(0, o.code(), o.describe());
    assertEquals(Cli.XOR + " is valid\n"
        + "  name       xor\n"
        + "  layers     auto → 4 tanh → auto identity\n"
        + "  loss       binary-cross-entropy\n"
        + "  optimizer  adam, learning rate 0.05, schedule constant\n"
        + "  training   40 epochs, batch size 8\n", o.out());
    assertEquals("", o.err());
  }

  @Test
  void overridesAreAppliedBeforeTheSummary() {
    Cli.Outcome o = Cli.run("validate", Cli.DIABETES, "--set", "network.layers[1]={units: 32, activation:"
        + " {name: leaky-relu, slope: 0.1}}", "--set", "training.epochs=7");
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("  layers     auto → 32 leaky-relu (slope 0.1) → 1 identity"), o.outLines("  layers"));
    assertEquals(List.of("  l2         0.001"), o.outLines("  l2"));
    assertEquals(List.of("  training   7 epochs, batch size 16"), o.outLines("  training"));
  }

  @Test
  void theSummaryNamesClassWeights() {
    Cli.Outcome list = Cli.run("validate", Cli.XOR, "--set", "training.class-weights=[1, 2.5]");
    assertEquals(0, list.code(), list.describe());
    assertEquals(List.of("  training   40 epochs, batch size 8, class weights 1, 2.5"), list.outLines("  training"));
    Cli.Outcome balanced = Cli.run("validate", Cli.EXAMPLES.resolve("pima.yaml").toString());
    assertEquals(List.of("  training   30 epochs, batch size 16, class weights balanced"),
        balanced.outLines("  training"));
  }

  @Test
  void anInvalidExperimentPrintsEveryProblemAsTheProblemReportAndExitsWith2() throws Exception {
    Path yaml = tmp.resolve("broken.yaml");
    Files.writeString(yaml, Files.readString(Path.of(Cli.XOR)).replace("learning-rate: 0.05", "learning-rate: -1")
        .replace("batch-size: 8", "batch-sise: 8"));
    ConfigException expected = assertThrows(ConfigException.class, () -> Nn.create().load(yaml, List.of()));
    assertEquals(2, expected.problems().size());
    Cli.Outcome o = Cli.run("validate", yaml.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals(ProblemReport.format(yaml.toString(), expected.problems()), o.err());
    assertEquals("", o.out());
  }

  @Test
  void aBadOverrideIsReportedLikeAProblemOfTheFile() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "training.epochs=0");
    assertEquals(2, o.code(), o.describe());
    String first = o.err().lines().findFirst().orElse("");
    assertEquals("Invalid experiment " + Cli.XOR + " — 1 problem:", first);
    TrainCommandTests.assertNoStackTrace(o);
  }

  @Test
  void debugBeforeOrAfterTheCommandAddsTheStackTrace() {
    Cli.Outcome after = Cli.run("validate", Cli.XOR, "--set", "training.epochs=0", "--debug");
    assertEquals(2, after.code(), after.describe());
    assertTrue(after.err().contains("\tat dev.nn."), after.err());
    Cli.Outcome before = Cli.run("--debug", "validate", Cli.XOR, "--set", "training.epochs=0");
    assertEquals(2, before.code(), before.describe());
    assertTrue(before.err().contains("\tat dev.nn."), before.err());
  }
}
