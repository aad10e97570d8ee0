package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.ProblemReport;
import dev.nn.core.run.MetricsCsv;
import dev.nn.core.run.RunDirectory;
import dev.nn.spi.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTests {
  @TempDir
  Path tmp;

  @Test
  void aTiedNetworkReportsItsFreeParametersNextToItsEdges(@org.junit.jupiter.api.io.TempDir Path tmp) {
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("digits-conv.yaml").toString(), "--set",
        "training.epochs=1", "--output", tmp.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("network 64-288-10 (relu, identity), 2,970 free parameters on 21,610 edges"),
        o.describe());
  }

  @Test
  void trainingXorPrintsTheNetworkOneLinePerEpochTheRunDirectoryAndTheModel() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "training.epochs=3", "--output", tmp.toString());
    assertEquals(0, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp);
    assertTrue(o.out().contains("network 2-4-1 (tanh, identity), 17 parameters"), o.describe());
    // W(1) is 2x4, b(1) 4, W(2) 4x1, b(2) 1: 8 + 4 + 4 + 1 = 17
    assertEquals(List.of("run directory  " + run), o.outLines("run directory"));
    assertEquals(List.of("model          " + run.resolve(RunDirectory.MODEL)), o.outLines("model "));
    assertTrue(Files.isRegularFile(run.resolve(RunDirectory.MODEL)));
    List<String> epochs = o.outLines("epoch ");
    List<String> rows = metricsRows(run);
    assertEquals(3, epochs.size(), o.describe());
    assertEquals(3, rows.size());
    for (int k = 0; k < 3; k++) {
      double trainLoss = Double.parseDouble(rows.get(k).split(",")[3]);
      assertTrue(epochs.get(k).startsWith(String.format(Locale.ROOT, "epoch %d/3  train-loss %.6g  ", k + 1, trainLoss)),
          epochs.get(k) + " vs metrics.csv " + rows.get(k));
    }
    assertEquals("", o.err());
  }

  @Test
  void pipedOutputHasExactlyOneLinePerEpochWithTheValidationFiguresOfMetricsCsv() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=2", "--output", tmp.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> rows = metricsRows(Cli.onlyRun(tmp));
    List<String> lines = o.out().lines().filter(l -> l.matches("epoch \\d+/\\d+ .*")).collect(Collectors.toList());
    assertEquals(2, lines.size(), o.describe());
    for (int k = 0; k < 2; k++) {
      String[] m = rows.get(k).split(",");
      String expected = String.format(Locale.ROOT,
          "epoch %d/2  train-loss %.6g  val-loss %.6g  val-rmse %.6g  val-mae %.6g  val-r2 %.4f  ", k + 1,
          Double.parseDouble(m[3]), Double.parseDouble(m[4]), Double.parseDouble(m[6]), Double.parseDouble(m[7]),
          Double.parseDouble(m[8]));
      assertTrue(lines.get(k).startsWith(expected), lines.get(k) + "\nexpected to start with\n" + expected);
      assertTrue(lines.get(k).matches(".*  \\d+\\.\\ds"), lines.get(k));
    }
    assertEquals(1, o.outLines("validation ").size(), o.describe());
    assertEquals(1, o.outLines("test ").size(), o.describe());
  }

  @Test
  void aMisspeltKeyExitsWith2AndPrintsExactlyTheProblemReport() throws Exception {
    Path yaml = tmp.resolve("typo.yaml");
    String text = Files.readString(Path.of(Cli.XOR)).replace("epochs: 40", "epoch: 40");
    Files.writeString(yaml, text);
    ConfigException expected = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> Nn.create().load(yaml, List.of()));
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", tmp.resolve("runs").toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals(ProblemReport.format(yaml.toString(), expected.problems()), o.err());
    assertTrue(o.err().contains("training.epoch"), o.err());
    assertFalse(Files.exists(tmp.resolve("runs")), "no run directory for an invalid experiment");
  }

  @Test
  void anUnknownPluginGivenBySetExitsWith2NamingItAndTheNearestName() {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "network.layers[1].activation=rleu", "--output",
        tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/UnknownPlugin] network.layers[1].activation"), o.err());
    assertTrue(o.err().contains("unknown activation \"rleu\""), o.err());
    assertTrue(o.err().contains("Did you mean: relu"), o.err());
    assertNoStackTrace(o);
  }

  @Test
  void softmaxAndCrossEntropyWrittenAsElsewhereExitWith2PointingAtNnsNames() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "network.layers[2].activation=softmax", "--set",
        "loss=cross-entropy", "--output", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("unknown activation \"softmax\"; in nn softmax belongs to the loss: use loss"
        + " softmax-cross-entropy, with activation identity on the output layer (from --set"
        + " network.layers[2].activation=softmax)\n   Did you mean: identity\n"), o.err());
    assertTrue(o.err().contains("unknown loss \"cross-entropy\" (from --set loss=cross-entropy)\n"
        + "   Did you mean: softmax-cross-entropy, binary-cross-entropy\n"), o.err());
    assertNoStackTrace(o);
    try (var left = Files.list(tmp)) {
      assertEquals(0, left.count(), "no run directory for an invalid experiment");
    }
  }

  @Test
  void aMissingExperimentFileExitsWith2NamingTheFile() {
    String missing = tmp.resolve("nowhere.yaml").toString();
    Cli.Outcome o = Cli.run("train", missing);
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + missing + ": no such file; expected an experiment YAML file\n", o.err());
  }

  @Test
  void aMissingDataFileExitsWith2NamingTheFileThoughItIsReadWhileTheRunIsWired() {
    Path missing = tmp.resolve("absent.csv");
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "data.train.path=" + missing, "--output",
        tmp.resolve("runs").toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + missing + ": file not found; data.train.path names it\n", o.err());
    Cli.Outcome relative = Cli.run("train", Cli.DIABETES, "--set", "data.train.path=absent.csv", "--output",
        tmp.resolve("runs").toString());
    assertEquals(2, relative.code(), relative.describe());
    assertEquals("nn: " + Path.of("absent.csv").toAbsolutePath() + ": file not found; data.train.path names it\n",
        relative.err());
  }

  /**
   * A path off by the case of a letter or without its extension is told the file there is; a shell's ~ or $HOME,
   * which an experiment does not expand, is told so (each was a bare "file not found").
   */
  @Test
  void aMissingDataFileIsToldWhatWasLikelyMeant() throws Exception {
    Path data = Files.copy(Cli.EXAMPLES.resolve("data/diabetes.csv"), tmp.resolve("diabetes.csv"));
    for (String written : List.of("Diabetes.csv", "diabetes", "DIABETES.CSV")) {
      Cli.Outcome o = Cli.run("validate", Cli.DIABETES, "--set", "data.train.path=" + tmp.resolve(written));
      assertEquals(2, o.code(), o.describe());
      assertTrue(o.err().contains(": file not found; data.train.path names it; did you mean " + data + "?"),
          written + ": " + o.err());
    }
    for (String written : List.of("~/diabetes.csv", "$HOME/diabetes.csv")) {
      Cli.Outcome o = Cli.run("validate", Cli.DIABETES, "--set", "data.train.path=" + written);
      assertTrue(o.err().contains("~ and $VARIABLES are not expanded"), written + ": " + o.err());
    }
    // a Windows path in double quotes: \t and \n became a tab and a line break
    Cli.Outcome quoted = Cli.run("validate", Cli.DIABETES, "--set", "data.train.path=\"C:\\tmp\\new.csv\"");
    assertEquals(2, quoted.code(), quoted.describe());
    assertTrue(quoted.err().contains("(the path holds a tab or a line break: in a double-quoted YAML value"),
        quoted.err());
  }

  @Test
  void aDivergingRunExitsWith3NamingEpochAndUpdateAndKeepsTheLastGoodCheckpoint() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=2", "--set", "optimizer.name=sgd",
        "--set", "optimizer.learning-rate=1e9", "--output", tmp.toString());
    assertEquals(3, o.code(), o.describe());
    Matcher m = Pattern.compile("training diverged: the loss became (\\S+) at epoch (\\d+), update (\\d+)")
        .matcher(o.err());
    assertTrue(m.find(), o.describe());
    assertFalse(Double.isFinite(Double.parseDouble(m.group(1))), m.group(1));
    int epoch = Integer.parseInt(m.group(2));
    long update = Long.parseLong(m.group(3));
    // diabetes: 442 rows, 70% for training (309), batches of 16: 20 updates per epoch
    assertTrue(update > 20L * (epoch - 1) && update <= 20L * epoch, "update " + update + " in epoch " + epoch);
    Path run = Cli.onlyRun(tmp);
    assertTrue(o.err().contains("run directory: " + run), o.err());
    List<Path> checkpoints;
    try (var files = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      checkpoints = files.sorted().collect(Collectors.toList());
    }
    if (epoch == 1) {
      assertEquals(List.of(), checkpoints);
      assertTrue(o.err().contains("no checkpoint was written"), o.err());
    } else {
      Path last = run.resolve(RunDirectory.CHECKPOINTS).resolve(String.format("epoch-%04d.ckpt", epoch - 1));
      assertEquals(last, checkpoints.get(checkpoints.size() - 1));
      assertTrue(o.err().contains("the best checkpoint before it is kept: " + last), o.err());
    }
    assertFalse(Files.exists(run.resolve(RunDirectory.MODEL)));
    assertNoStackTrace(o);
  }

  @Test
  void resumeTakesNoExperimentFileAndTrainNeedsOneOrTheOther() {
    Cli.Outcome both = Cli.run("train", Cli.XOR, "--resume", tmp.toString());
    assertEquals(2, both.code(), both.describe());
    assertTrue(both.err().startsWith("nn: --resume continues a run with the experiment it recorded"), both.err());
    Cli.Outcome neither = Cli.run("train");
    assertEquals(2, neither.code(), neither.describe());
    assertEquals("nn: missing required parameter: 'EXPERIMENT.yaml' (or --resume RUN_DIR); see nn train --help\n",
        neither.err());
  }

  @Test
  void resumingSomethingThatIsNotARunDirectoryExitsWith2() {
    Cli.Outcome o = Cli.run("train", "--resume", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + tmp + ": not a run directory: it has no experiment.yaml\n", o.err());
  }

  @Test
  void onATerminalTheProgressBarStopsWithTheRunAndPlainAsksForLinesOnly() throws Exception {
    Cli.Outcome o = Cli.run(Map.of(), true, "train", Cli.XOR, "--set", "training.epochs=3", "--output",
        tmp.toString());
    assertEquals(0, o.code(), o.describe());
    // what a terminal shows of each line: the text after its last carriage return (String.lines() would also
    // split at \r, counting every redraw of the bar as a line of its own whenever the bar drew at all)
    assertEquals(3, java.util.Arrays.stream(o.out().split("\n"))
        .map(l -> l.substring(l.lastIndexOf('\r') + 1)).filter(l -> l.startsWith("epoch ")).count(), o.out());
    ProgressBarTests.assertNoProgressThreadWithin(Duration.ofSeconds(2));
    Cli.Outcome plain = Cli.run(Map.of(), true, "train", Cli.XOR, "--plain", "--set", "training.epochs=2",
        "--output", tmp.resolve("plain").toString());
    assertEquals(0, plain.code(), plain.describe());
    assertFalse(plain.out().contains("\r"), plain.out());
    assertEquals(2, plain.outLines("epoch ").size(), plain.out());
  }

  /** A dumb terminal (Emacs's shell, some IDE consoles) shows a carriage return as a character: no bar there. */
  @Test
  void progressIsDrawnInPlaceOnATerminalUnlessItIsADumbOne() {
    assertTrue(new NnCommand(System.out, System.err, Map.of("TERM", "xterm-256color"), true, List.of()).drawsInPlace());
    assertTrue(new NnCommand(System.out, System.err, Map.of(), true, List.of()).drawsInPlace());
    assertFalse(new NnCommand(System.out, System.err, Map.of("TERM", "dumb"), true, List.of()).drawsInPlace());
    assertFalse(new NnCommand(System.out, System.err, Map.of("TERM", "xterm"), false, List.of()).drawsInPlace());
  }

  static List<String> metricsRows(Path run) throws Exception {
    List<String> lines = Files.readAllLines(run.resolve(RunDirectory.METRICS), StandardCharsets.UTF_8);
    assertEquals(MetricsCsv.HEADER, lines.get(0));
    return lines.subList(1, lines.size());
  }

  static void assertNoStackTrace(Cli.Outcome o) {
    assertFalse(o.err().contains("\tat "), o.err());
    assertFalse(o.err().contains("Exception"), o.err());
  }

  @Test
  void unreadableDataExitsWith2NamingTheFileAndLeavesNoRunDirectory() throws Exception {
    java.nio.file.Path yaml = tmp.resolve("missing-data.yaml");
    java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(java.nio.file.Path.of(Cli.XOR))
        .replace("{source: generator, name: xor, samples: 200, noise: 0.1}",
            "{source: csv, path: missing.csv, target: label, task: classification}"));
    java.nio.file.Path out = tmp.resolve("runs-missing");
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("missing.csv"), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertNoStackTrace(o);
    assertTrue(!java.nio.file.Files.exists(out), "no run directory: " + out);
  }
}
