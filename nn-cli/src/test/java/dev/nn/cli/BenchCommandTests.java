package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn bench} runs benchmark experiments through the trainer and reports rates; it is not a timing test. */
class BenchCommandTests {

  @Test
  void oneWorkloadAsJsonHasTheAgreedFields() {
    Cli.Outcome o = Cli.run("bench", "--workload", "W1", "--repetitions", "1", "--seconds", "0.05", "--json",
        "--set", "data.train.samples=500");
    assertEquals(0, o.code(), o.describe());
    String[] lines = o.out().strip().split("\n");
    assertEquals(1, lines.length, o.out());
    assertTrue(lines[0].startsWith("{\"workload\":\"w1\",\"mode\":\"train\",\"samples_per_s\":"), lines[0]);
    assertTrue(lines[0].contains("\"gflops\":") && lines[0].contains("\"flops_per_sample\":29056,"), lines[0]);
  }

  /**
   * On a terminal a line says what is being measured (a workload is silent for its warm-up and repetitions
   * otherwise), erased before each result; off a terminal the output is the results alone.
   */
  @Test
  void onATerminalALineSaysWhatIsMeasuredAndIsErasedBeforeTheResult() {
    String[] args = {"bench", "--workload", "W1", "--repetitions", "1", "--seconds", "0.05", "--products", "--set",
        "data.train.samples=500"};
    Cli.Outcome o = Cli.run(java.util.Map.of("COLUMNS", "80", "TERM", "xterm"), true, args);
    assertEquals(0, o.code(), o.describe());
    // each result folded at its gaps to 80 columns, never inside a figure
    String[] lines = o.out().split("\n(?!  )");
    assertEquals(2, lines.length, o.out());
    o.out().lines().forEach(l -> assertTrue(l.replace("\r" + ProgressBar.ERASE_TO_END, "").replaceFirst(
        "^\rw1: measuring [a-z ]*" + java.util.regex.Pattern.quote(ProgressBar.ERASE_TO_END), "").length() < 80, l));
    assertTrue(lines[0].startsWith("\rw1: measuring training" + ProgressBar.ERASE_TO_END + "\r"
        + ProgressBar.ERASE_TO_END + "w1                   train"), lines[0]);
    assertTrue(lines[1].startsWith("\rw1: measuring the products alone" + ProgressBar.ERASE_TO_END + "\r"
        + ProgressBar.ERASE_TO_END + "w1                   products"), lines[1]);
    assertEquals("", o.err());
    Cli.Outcome piped = Cli.run(args);
    assertTrue(piped.out().startsWith("w1 ") && piped.out().indexOf('\r') < 0, piped.out());
  }

  @Test
  void anInferenceWorkloadIsTimedAsForwardPasses(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tiny-infer.yaml"), String.join("\n",
        "data: {train: {source: generator, name: sine, samples: 300}, validation: {split: 0.0}}",
        "network: {layers: [{units: 1}, {units: 8, activation: tanh}, {units: 1, activation: identity}]}",
        "loss: squared",
        "training: {batch-size: 100}", ""));
    Cli.Outcome o = Cli.run("bench", "--dir", dir.toString(), "--repetitions", "2", "--seconds", "0.02");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("tiny-infer"), o.out());
    assertTrue(o.out().contains(" infer "), o.out());
  }

  @Test
  void severalWorkloadsRunEachInAJvmOfItsOwnAndPrintALineEach(@TempDir Path dir) throws Exception {
    writeTwoWorkloads(dir);
    Cli.Outcome o = Cli.run("bench", "--dir", dir.toString(), "--repetitions", "1", "--seconds", "0.02", "--json");
    assertEquals(0, o.code(), o.describe());
    String[] lines = o.out().split("\n");
    assertEquals(2, lines.length, o.out());
    assertTrue(lines[0].startsWith("{\"workload\":\"first\",\"mode\":\"train\""), lines[0]);
    assertTrue(lines[1].startsWith("{\"workload\":\"second-infer\",\"mode\":\"infer\""), lines[1]);
  }

  @Test
  void withProductsEachWorkloadGetsASecondLineForItsMatrixProductsAlone(@TempDir Path dir) throws Exception {
    writeTwoWorkloads(dir);
    Cli.Outcome o = Cli.run("bench", "--dir", dir.toString(), "--repetitions", "1", "--seconds", "0.02", "--json",
        "--products");
    assertEquals(0, o.code(), o.describe());
    String[] lines = o.out().split("\n");
    assertEquals(4, lines.length, o.out());
    assertTrue(lines[0].startsWith("{\"workload\":\"first\",\"mode\":\"train\""), lines[0]);
    // 1-4-1: training 2·2·(4 + 4) + 2·4 = 40 operations a sample, inference 2·(4 + 4) = 16
    assertTrue(lines[1].startsWith("{\"workload\":\"first\",\"mode\":\"products\""), lines[1]);
    assertTrue(lines[1].contains("\"flops_per_sample\":40,"), lines[1]);
    assertTrue(lines[2].startsWith("{\"workload\":\"second-infer\",\"mode\":\"infer\""), lines[2]);
    assertTrue(lines[3].startsWith("{\"workload\":\"second-infer\",\"mode\":\"products\""), lines[3]);
    assertTrue(lines[3].contains("\"flops_per_sample\":16,"), lines[3]);
  }

  /** Two small 1-4-1 workloads: {@code first} (training) and {@code second-infer} (inference). */
  private static void writeTwoWorkloads(Path dir) throws Exception {
    for (String name : new String[] {"first", "second-infer"}) {
      Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
          "data: {train: {source: generator, name: sine, samples: 200}, validation: {split: 0.0}}",
          "network: {layers: [{units: 1}, {units: 4, activation: tanh}, {units: 1, activation: identity}]}",
          "loss: squared",
          "training: {batch-size: 50}", ""));
    }
  }

  @Test
  void anUnknownWorkloadIsABadInput() {
    Cli.Outcome o = Cli.run("bench", "--workload", "W9");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("no benchmark experiment matches [W9]"), o.err());
  }
}
