package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        + "  training   40 epochs, batch size 8\n"
        + "  network    2-4-1 (tanh, identity), 17 parameters\n", o.out());
    assertEquals("", o.err());
    // on a narrow terminal each line is folded between words (the terminal cut "identity" and "schedule")
    Cli.Outcome narrow = Cli.run(java.util.Map.of("COLUMNS", "30"), true, "validate", Cli.XOR);
    assertEquals(0, narrow.code(), narrow.describe());
    assertTrue(narrow.out().lines().allMatch(l -> DisplayWidth.of(l) < 30 || !l.strip().contains(" ")),
        narrow.out());
    assertTrue(narrow.out().contains("\n    identity") || narrow.out().contains(" identity\n"), narrow.out());
  }

  /**
   * Without a cluster engine on the class path (nn-spark; the distribution's launcher has none), a distributed
   * experiment is one BackendUnavailable problem for nn validate as for nn train, which says it before "starting
   * Spark" (validate called it valid, and train refused it after announcing Spark). With nn-spark, StartingSparkIT.
   */
  @Test
  void aDistributedExperimentWithoutAClusterEngineIsOneProblemForValidateAndTrain() throws Exception {
    String distributed = "distributed={master: \"local[2]\", partitions: 2}";
    Cli.Outcome validate = Cli.run("validate", Cli.DIABETES, "--set", distributed);
    assertEquals(2, validate.code(), validate.describe());
    assertTrue(validate.err().contains("[nn/BackendUnavailable] distributed: the experiment trains on a cluster, but no"
        + " cluster engine is on the class path"), validate.err());
    assertTrue(validate.err().contains("the distribution's bin/nn has no Spark"), validate.err());
    Cli.Outcome train = Cli.run("train", Cli.DIABETES, "--set", distributed, "--output", tmp.toString());
    assertEquals(2, train.code(), train.describe());
    assertEquals(validate.err(), train.err());
    assertFalse(train.out().contains("starting Spark"), train.out());
  }

  /** A network too large for one buffer is told the java backend only when that backend's buffers would hold it. */
  @Test
  void theJavaBackendIsOfferedOnlyWhenItsBuffersWouldHoldTheNetwork() {
    Cli.Outcome fits = Cli.run("validate", Cli.XOR, "--set", "network.layers[1].units=50000000", "--set",
        "compute.backend=blas");
    assertEquals(2, fits.code(), fits.describe());
    assertTrue(fits.err().contains("or compute.backend: java, whose buffers hold up to"), fits.err());
    Cli.Outcome beyond = Cli.run("validate", Cli.XOR, "--set", "network.layers[1].units=2000000000", "--set",
        "compute.backend=blas");
    assertEquals(2, beyond.code(), beyond.describe());
    assertTrue(beyond.err().contains("one buffer holds at most"), beyond.err());
    assertFalse(beyond.err().contains("compute.backend: java"), beyond.err());
  }

  /** A --set key with a Cyrillic letter: the letter is named and the key it looks like suggested, exit 2. */
  @Test
  void aSetKeyWithALookAlikeLetterNamesTheLetter() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "training.\u0435pochs=3");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("unknown key \"\u0435pochs\" (its \"\u0435\" is U+0435 CYRILLIC SMALL LETTER IE, not an"
        + " ASCII letter)"), o.err());
    assertTrue(o.err().contains("Did you mean: epochs"), o.err());
  }

  /** A master URL Spark cannot parse is reported by validate, at its key, with the forms allowed (it was "valid"). */
  @Test
  void aMasterUrlSparkCannotParseIsInvalid() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "distributed.master=bogus://x");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("1) [nn/OutOfRange] distributed.master"), o.err());
    assertTrue(o.err().contains(": \"bogus://x\" is not a Spark master URL (from --set distributed.master=bogus://x)\n"
        + "   Allowed: local, local[N] or local[*] (N threads), local[N,F] (F attempts per task), spark://host:port"),
        o.err());
  }

  @Test
  void overridesAreAppliedBeforeTheSummary() {
    Cli.Outcome o = Cli.run("validate", Cli.DIABETES, "--set", "network.layers[1]={units: 32, activation:"
        + " {name: leaky-relu, slope: 0.1}}", "--set", "training.epochs=7");
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("  layers     auto → 32 leaky-relu (slope 0.1) → 1 identity"), o.outLines("  layers"));
    assertEquals(List.of("  l2         0.001"), o.outLines("  l2"));
    assertEquals(List.of("  training   7 epochs, batch size 16, early stopping on val-loss (patience 20)"),
        o.outLines("  training"));
  }

  /** Warm-up, clipping and early stopping's settings are part of what the summary confirms, as dropout and l2 are. */
  @Test
  void theSummaryConfirmsWarmUpClippingAndEarlyStopping() {
    Cli.Outcome o = Cli.run("validate", Cli.DIABETES, "--set", "optimizer={name: adam, learning-rate: 0.003, warmup:"
        + " 500, clip-norm: 1.0}", "--set", "training.early-stopping={patience: 5, min-delta: 0.001}");
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("  optimizer  adam, learning rate 0.003, schedule constant, warm-up 500 updates, clip-norm 1"),
        o.outLines("  optimizer"));
    assertTrue(o.outLines("  training").get(0).endsWith(", early stopping on val-loss (patience 5, min-delta 0.001)"),
        o.out());
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

  /** What reading the data notes (here a header of numbers: a file without one) validate says as train does. */
  @Test
  void theDatasNotesArePrintedAsTrainingPrintsThem() throws Exception {
    Path csv = tmp.resolve("bare.csv");
    Files.writeString(csv, "5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n5.8,2.7,5.1,1.9,2\n");
    Path yaml = tmp.resolve("bare.yaml");
    Files.writeString(yaml, "name: bare\ndata:\n  train: {source: csv, path: bare.csv, target: last, task:"
        + " regression}\nnetwork:\n  layers:\n    - {units: auto}\n    - {units: 1, activation: identity}\n"
        + "loss: squared\noptimizer: {name: sgd, learning-rate: 0.01}\ntraining: {epochs: 1, batch-size: 2}\n");
    String note = "nn: " + csv + ":1: the header's names are numbers (5.1, 3.5, 1.4, 0.2, 0), so line 1 may be a"
        + " row of data: nn reads line 1 as the column names; if the file has no header, add a line naming its"
        + " columns\n";
    Cli.Outcome validate = Cli.run("validate", yaml.toString());
    assertEquals(0, validate.code(), validate.describe());
    assertEquals(note, validate.err());
    Cli.Outcome train = Cli.run("train", yaml.toString(), "--output", tmp.resolve("runs").toString());
    assertEquals(0, train.code(), train.describe());
    assertEquals(note, train.err());
  }

  /**
   * Through the command as a user runs it: class names in a regression's target, and a number listed in
   * missing-values, each one message naming the file or key and what to do, exit 2, and no run directory.
   */
  @Test
  void aRegressionOfClassNamesAndANumberAsAMissingValueAreRefusedWithWhatToDo() throws Exception {
    Path csv = tmp.resolve("species.csv");
    Files.writeString(csv, "a,b,species\n1,2,setosa\n2,3,virginica\n3,1,setosa\n4,4,virginica\n");
    String rest = "network:\n  layers:\n    - {units: auto}\n    - {units: 1, activation: identity}\n"
        + "loss: squared\noptimizer: {name: sgd, learning-rate: 0.01}\ntraining: {epochs: 1, batch-size: 2}\n"
        + "output: {dir: " + tmp.resolve("runs") + "}\n";
    Path names = tmp.resolve("names.yaml");
    Files.writeString(names, "name: names\ndata:\n  train: {source: csv, path: species.csv, target: species}\n"
        + rest);
    for (String command : List.of("validate", "train")) {
      Cli.Outcome o = Cli.run(command, names.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: " + csv + ":2: column \"species\": \"setosa\" is not a number, and a regression's target is"
          + " a number; if the column holds classes, set task: classification on the source, which reads its values"
          + " as class names\n", o.err());
    }
    Path marked = tmp.resolve("marked.yaml");
    Files.writeString(marked, "name: marked\ndata:\n  train: {source: csv, path: species.csv, target: b,"
        + " features: [a], missing-values: [\"?\", \"0\"]}\n" + rest);
    Cli.Outcome o = Cli.run("train", marked.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("data.train.missing-values[1] (line 3, col"), o.err());
    assertTrue(o.err().contains("\"0\" is a number, which would hide real values"), o.err());
    assertTrue(!Files.exists(tmp.resolve("runs")), "nothing is written");
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

  /** Iris, trained with {@code training}. */
  private Path iris(String training) throws Exception {
    return Files.writeString(tmp.resolve("iris.yaml"), "name: iris\n"
        + "data:\n"
        + "  train: {source: csv, path: " + Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath() + ", target: target,"
        + " task: classification}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 4, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: {name: adam, learning-rate: 0.01}\n"
        + "training: " + training + "\n"
        + "output: {dir: runs}\n");
  }

  @Test
  void classWeightsOfAnotherCountThanTheClassesAreRefusedAtTheirLineAsTrainRefusesThem() throws Exception {
    Path yaml = iris("{epochs: 1, batch-size: 16, class-weights: [1, 2]}");
    String problem = "[nn/ShapeMismatch] training.class-weights (line 8, col 54): 2 weights for 3 classes (0, 1, 2,"
        + " in that order)";
    Cli.Outcome validated = Cli.run("validate", yaml.toString());
    assertEquals(2, validated.code(), validated.describe());
    assertTrue(validated.err().contains(problem), validated.err());
    Cli.Outcome trained = Cli.run("train", yaml.toString(), "--plain");
    assertEquals(2, trained.code(), trained.describe());
    assertTrue(trained.err().contains(problem), trained.err());
  }

  @Test
  void anOutputDirWhereNoFolderCanBeMadeIsRefusedThoughItsPermissionsSayWritable() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
    Cli.Outcome o = Cli.run("validate", iris("{epochs: 1, batch-size: 16}").toString(), "--set",
        "output.dir=/proc/nn-validate-test");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: the run directory would go in /proc/nn-validate-test, but "), o.err());
  }

  @Test
  void aLongUnknownPluginNameIsQuotedAsEveryLongValueIs() {
    String name = "x".repeat(300);
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "loss=" + name);
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("unknown loss \"" + "x".repeat(40) + "…(300 characters)\""), o.err());
    assertTrue(o.err().contains("(from --set loss=" + "x".repeat(40) + "…(300 characters))"), o.err());
    assertTrue(!o.err().contains("x".repeat(41)), o.err());
  }

  @Test
  void anInfiniteL2IsSaidToBeNoFiniteNumber() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "l2=.inf");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/OutOfRange] l2: must be a finite number >= 0, found .inf"), o.err());
  }

  /**
   * A key of 100,000 characters given with --set or --sweep: the report quotes its start and its length, not the
   * key whole (twice, in 200 KB; 400 KB under --sweep).
   */
  @Test
  void aHugeKeyIsQuotedByItsStartAndLength() {
    String key = "x" + "a".repeat(100_000);
    Cli.Outcome set = Cli.run("validate", Cli.XOR, "--set", key + "=1");
    assertEquals(2, set.code(), set.err().substring(0, Math.min(500, set.err().length())));
    assertTrue(set.err().length() < 2_000, set.err().length() + " characters");
    assertTrue(set.err().contains("…(100001 characters)"), set.err());
    Cli.Outcome sweep = Cli.run("train", Cli.XOR, "--sweep", key + "=1,2", "--output", "/nonexistent-never-made");
    assertEquals(2, sweep.code());
    assertTrue(sweep.err().length() < 3_000, sweep.err().length() + " characters");
  }

  /** A key written twice in one --set value is placed in that value, not at "line 0, col 0" of the file. */
  @Test
  void aKeyTwiceInOneSetValueIsPlacedInIt() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "optimizer={name: sgd, name: adam}");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("duplicate key \"name\"; first written before it in the same --set value"), o.err());
    assertTrue(!o.err().contains("line 0"), o.err());
  }

  /** A key with a Cyrillic letter that looks Latin names the letter: "еpochs" and "epochs" read the same. */
  @Test
  void aLookAlikeLetterInAKeyIsNamed() throws Exception {
    Path yaml = Files.writeString(Files.createTempDirectory("lookalike").resolve("x.yaml"),
        Files.readString(Path.of(Cli.XOR)).replace("epochs: 40", "\u0435pochs: 40"));
    Cli.Outcome o = Cli.run("validate", yaml.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("unknown key \"\u0435pochs\" (its \"\u0435\" is U+0435 CYRILLIC SMALL LETTER IE, not"
        + " an ASCII letter)"), o.err());
  }
}
