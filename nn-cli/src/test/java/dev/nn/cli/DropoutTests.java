package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropout as a user meets it: {@code nn train} of the digits with dropout on the input and the hidden layer learns,
 * repeats bit for bit (at any thread count, and across an interruption and {@code --resume}, the masks being drawn
 * from the update number), and a rate of 0 trains what no key does; dropout on the output layer is one message with
 * exit 2 and no run directory.
 */
class DropoutTests {
  private static final String DIGITS_CSV = Cli.EXAMPLES.resolve("data/digits.csv").toAbsolutePath().toString();

  /** The digits, 64-64-10; INPUT, HIDDEN and OUTPUT end the layers' mappings, the output layer on line 11. */
  private static final String DIGITS =
      "name: digits-dropout\n"
          + "seed: 42\n"
          + "data:\n"
          + "  train: {source: csv, path: '" + DIGITS_CSV + "', target: last, task: classification}\n"
          + "  validation: {split: 0.1}\n"
          + "  test: {split: 0.2}\n"
          + "network:\n"
          + "  layers:\n"
          + "    - {units: autoINPUT}\n"
          + "    - {units: 64, activation: reluHIDDEN}\n"
          + "    - {units: auto, activation: identityOUTPUT}\n"
          + "  init: he-uniform\n"
          + "loss: softmax-cross-entropy\n"
          + "optimizer: {name: sgd, learning-rate: 0.05}\n"
          + "training: {epochs: 6, batch-size: 16}\n";

  @TempDir
  Path tmp;

  private Path experiment(String name, String input, String hidden, String output) throws Exception {
    return Files.writeString(tmp.resolve(name + ".yaml"),
        DIGITS.replace("INPUT", input).replace("HIDDEN", hidden).replace("OUTPUT", output));
  }

  /** The digits with dropout 0.2 on the input layer and 0.5 on the hidden one. */
  private Path dropping() throws Exception {
    return experiment("dropping", ", dropout: 0.2", ", dropout: 0.5", "");
  }

  /** {@code nn train} of {@code yaml} into a fresh output directory {@code output}; returns the run directory. */
  private Path train(Path yaml, String output, String... sets) throws Exception {
    List<String> args = new ArrayList<>(List.of("train", yaml.toString(), "--output",
        tmp.resolve(output).toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.describe());
    return Cli.onlyRun(tmp.resolve(output));
  }

  private static List<String> metrics(Path run) throws Exception {
    return ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(run));
  }

  private static double[] parameters(Path run) {
    return Nn.create().loadModel(run.resolve(RunDirectory.MODEL)).network().parameters().toArray();
  }

  @Test
  void aNetworkWithDropoutLearnsTheDigitsAndItsRunKeepsTheKey() throws Exception {
    Cli.Outcome o = Cli.run("train", dropping().toString(), "--output", tmp.resolve("runs").toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("", o.err());
    Path run = Cli.onlyRun(tmp.resolve("runs"));
    String written = Files.readString(run.resolve(RunDirectory.EXPERIMENT));
    assertTrue(written.contains("  - {units: auto, dropout: 0.2}\n"), written);
    assertTrue(written.contains("  - {units: 64, activation: relu, dropout: 0.5}\n"), written);
    assertTrue(written.contains("  - {units: auto, activation: identity}\n"), written);
    // predictions drop nothing: 0.955 of the 359 held-out digits with this seed
    String test = o.outLines("test ").get(0);
    double accuracy = Double.parseDouble(test.replaceAll(".*accuracy ([0-9.]+).*", "$1"));
    assertTrue(accuracy > 0.93, test);
    // the training loss is taken with half the hidden units dropped, the validation loss with none
    String last = o.outLines("epoch 6/6 ").get(0);
    double trainLoss = Double.parseDouble(last.replaceAll(".*train-loss ([0-9.]+).*", "$1"));
    double valLoss = Double.parseDouble(last.replaceAll(".*val-loss ([0-9.]+).*", "$1"));
    assertTrue(trainLoss > 2 * valLoss, last);
  }

  @Test
  void trainingTwiceOrOnAnotherNumberOfThreadsGivesTheSameMetricsAndWeights() throws Exception {
    Path yaml = dropping();
    Path first = train(yaml, "first");
    Path second = train(yaml, "second");
    assertEquals(6, metrics(first).size());
    assertEquals(metrics(first), metrics(second));
    assertArrayEquals(parameters(first), parameters(second));
    Path one = train(yaml, "one", "compute.threads=1");
    Path three = train(yaml, "three", "compute.threads=3");
    assertEquals(metrics(first), metrics(one));
    assertEquals(metrics(first), metrics(three));
    assertArrayEquals(parameters(first), parameters(three));
  }

  @Test
  void aRunInterruptedAfterEpoch3AndResumedDrawsTheMasksOfAnUninterruptedRun() throws Exception {
    Path yaml = dropping();
    Nn nn = Nn.create();
    Experiment e = nn.load(yaml, List.of());
    Path run = ResumeTests.interruptedAfterEpoch3(nn, e, tmp.resolve("interrupted"));

    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 3 of 6"), resumed.out());
    assertEquals(3, resumed.outLines("epoch ").size(), resumed.out());

    Path whole = train(yaml, "whole");
    assertEquals(metrics(whole), metrics(run));
    assertArrayEquals(parameters(whole), parameters(run));
  }

  @Test
  void dropoutOnTheOutputLayerIsOneMessageWithItsKeyAndLineExit2AndNoRun() throws Exception {
    Path yaml = experiment("output", "", ", dropout: 0.5", ", dropout: 0.1");
    String report = "Invalid experiment " + yaml + " — 1 problem:\n"
        + "\n"
        + "1) [nn/OutOfRange] network.layers[2].dropout (line 11, col 52): the output layer takes no dropout: its"
        + " values are the network's answer\n"
        + "   Allowed: dropout on the input or a hidden layer\n"
        + "\n"
        + "1 problem\n";

    Cli.Outcome v = Cli.run("validate", yaml.toString());
    assertEquals(2, v.code(), v.describe());
    assertEquals(report, v.err());
    assertEquals("", v.out());

    Path output = tmp.resolve("never");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", output.toString());
    assertEquals(2, t.code(), t.describe());
    assertEquals(report, t.err());
    TrainCommandTests.assertNoStackTrace(t);
    assertEquals(List.of(), RunFiles.names(output));
  }

  @Test
  void aRateOf0TrainsWhatNoKeyDoesAndARateAbove0Differs() throws Exception {
    Path plain = experiment("none", "", "", "");
    Path none = train(plain, "none");
    Path zero = train(experiment("zero", ", dropout: 0", ", dropout: 0.0", ""), "zero");
    assertEquals(metrics(none), metrics(zero));
    assertArrayEquals(parameters(none), parameters(zero));
    assertFalse(Files.readString(zero.resolve(RunDirectory.EXPERIMENT)).contains("dropout:"));

    // the same file with a rate above 0 takes other steps from the first epoch on
    Path some = train(plain, "some", "network.layers[1].dropout=0.1");
    assertNotEquals(metrics(none).get(0), metrics(some).get(0));
  }
}
