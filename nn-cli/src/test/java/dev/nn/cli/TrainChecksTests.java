package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn validate} finds what {@code nn train} would refuse before its first epoch, with the same message,
 * and {@code nn train} refuses it as bad input (exit 2), writing nothing: sizes too large for the JVM, a name
 * too long for a directory, generator settings, data files and their columns.
 */
class TrainChecksTests {
  @TempDir
  Path tmp;

  static Stream<Arguments> refused() {
    String longName = "a".repeat(150);
    return Stream.of(
        // a hidden layer of 10^9 units: more parameters than one buffer can hold
        Arguments.of(List.of("--set", "network.layers[1].units=1000000000"), "[nn/TooLarge] network.layers[1].units: the network ("),
        Arguments.of(List.of("--set", "network.layers[1].units=100000000"), "[nn/TooLarge] network.layers[1].units: the network ("),
        // a batch of two million rows of a 1,000-unit layer (a batch larger than the rows takes only the rows)
        Arguments.of(List.of("--set", "training.batch-size=2000000", "--set", "data.train.samples=2000000", "--set",
            "network.layers[1].units=1000"), "[nn/TooLarge] training.batch-size"),
        Arguments.of(List.of("--set", "name=" + longName), "…(150 characters)\" (from --set name=" + "a".repeat(40) + "…(150 characters))"),
        Arguments.of(List.of("--set", "data.train.noise=-1"),
            "[nn/InvalidSetting] data.train.noise: setting \"noise\" of generator \"xor\" must be >= 0, found -1"
                + " (from --set data.train.noise=-1)"),
        Arguments.of(List.of("--set", "data.train={source: generator, name: lecture-regression, inputs: 1000,"
            + " samples: 2000000}", "--set", "loss=squared"), "the data set holds 2,002,000,000 values"),
        Arguments.of(List.of("--set", "data.train.nois=1"), "[nn/UnknownSetting] data.train.nois"),
        Arguments.of(List.of("--set", "data.train={source: csv, path: no-such.csv}"), "no-such.csv"),
        Arguments.of(List.of("--set", "network.layers[0].units=3"), "[nn/ShapeMismatch]"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void validateAndTrainRefuseAlikeAndTrainWritesNothing(List<String> overrides, String expected) throws Exception {
    List<String> validate = new ArrayList<>(List.of("validate", Cli.XOR));
    validate.addAll(overrides);
    Cli.Outcome v = Cli.run(validate.toArray(String[]::new));
    assertEquals(2, v.code(), v.describe());
    assertTrue(v.err().contains(expected), v.describe());
    assertFalse(v.err().contains("at dev.nn"), v.describe());
    assertEquals("", v.out(), v.describe());

    Path output = tmp.resolve("runs");
    List<String> train = new ArrayList<>(List.of("train", Cli.XOR, "--output", output.toString()));
    train.addAll(overrides);
    Cli.Outcome t = Cli.run(train.toArray(String[]::new));
    assertEquals(2, t.code(), t.describe());
    assertEquals(v.err(), t.err(), "train reports what validate reported");
    assertFalse(Files.exists(output), "no run directory is created");
  }

  @Test
  void aNetworkTooLargeForTheHeapIsRefusedWithTheEstimateAndTheOptionThatRaisesTheLimit() {
    // the java kernels keep their buffers on the heap; 2-u-1 has 4u parameters, each with a gradient and
    // optimizer state (128u bytes), more than this JVM's heap, while no one buffer is too long
    long heap = Runtime.getRuntime().maxMemory();
    long units = Math.min(200_000_000L, Math.max(1_000_000L, heap / 64));
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "compute.backend=java",
        "--set", "network.layers[1].units=" + units, "--set", "training.batch-size=1");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/TooLarge] network.layers[1].units: the network ("), o.describe());
    // the limit is the share a run may take, said with what it is a share of: 5.7 GB "more than" 5.9 GB read wrong
    assertTrue(o.err().matches("(?s).*need an estimated [0-9.]+ [MG]B of heap, more than the [0-9.]+ [MG]B a run may"
        + " take \\(90% of the [0-9.]+ [MG]B this JVM may use.*"), o.describe());
    assertTrue(o.err().matches("(?s).*Allowed: fewer units in the widest layer, or more memory: NN_JAVA_OPTS=-Xmx"
        + "\\d+g.*"), o.describe());
  }

  /**
   * With the kernels' buffers off the heap, the heap still holds the optimizer's state and a checkpoint's copies (8
   * doubles a parameter without early stopping, uncounted before): a network whose buffers fit direct memory but whose
   * copies do not fit the heap is refused, where it ran out of heap at its first checkpoint. 2-u-1 has 4u parameters:
   * 64u bytes in the buffers, 256u on the heap.
   */
  @Test
  void aNetworkWhoseCheckpointCopiesDoNotFitTheHeapIsRefused() {
    long heap = Runtime.getRuntime().maxMemory();
    long units = heap / 160;
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "compute.backend=blas",
        "--set", "network.layers[1].units=" + units, "--set", "training.batch-size=1");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/TooLarge] network.layers[1].units: the network's "), o.describe());
    assertTrue(o.err().contains(" of heap for the optimizer's state and a checkpoint's copies, more than the "),
        o.describe());
    Path output = tmp.resolve("heap-runs");
    Cli.Outcome t = Cli.run("train", Cli.XOR, "--set", "compute.backend=blas", "--set", "network.layers[1].units="
        + units, "--set", "training.batch-size=1", "--output", output.toString());
    assertEquals(2, t.code(), t.describe());
    assertEquals(o.err(), t.err(), "train refuses as validate does");
    assertFalse(Files.exists(output), "no run directory is created");
  }

  /**
   * Early stopping keeps the best values and a checkpoint copies them: 2 doubles a parameter more on the heap (10 in
   * all), so a network that fits without it is refused with it. 2-u-1 at 72 bytes a parameter on the heap lies
   * between the two (64 and 80).
   */
  @Test
  void earlyStoppingsBestValuesAreWeighed() {
    long heap = Runtime.getRuntime().maxMemory();
    long units = (long) (0.9 * (heap - (16L << 20)) / (4 * 72));
    String[] network = {"--set", "compute.backend=blas", "--set", "network.layers[1].units=" + units, "--set",
        "training.batch-size=1", "--set", "data.validation.split=0.2"};
    Cli.Outcome plain = Cli.run(concat(new String[] {"validate", Cli.XOR}, network));
    Cli.Outcome stopping = Cli.run(concat(new String[] {"validate", Cli.XOR, "--set",
        "training.early-stopping.patience=3"}, network));

    assertEquals(0, plain.code(), plain.describe());
    assertEquals(2, stopping.code(), stopping.describe());
    assertTrue(stopping.err().contains(" of heap for the optimizer's state and a checkpoint's copies, more than the "),
        stopping.describe());
  }

  /**
   * A batch size above the training rows is weighed as the batch that will run, and the message says it was capped
   * ("a batch of 90 samples" for a file that says 4096 read as a mistake); a buffer too long for the batch offers
   * fewer units too.
   */
  @Test
  void aCappedBatchIsNamedAsCappedInTheSizeCheck() {
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--set", "data.train.samples=100", "--set",
        "network.layers[1].units=4000000", "--set", "training.batch-size=4096", "--set", "data.validation.split=0.1",
        "--set", "compute.backend=blas");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("and a batch of 90 samples (8.0 GB, training.batch-size 4,096 capped at the training"
        + " split's 90 rows) need a buffer of 360,000,000 values"), o.err());
    assertTrue(o.err().contains("Allowed: a smaller training.batch-size, or fewer units in the widest layer, or"
        + " compute.backend: java"), o.err());
  }

  /**
   * In float32 the optimizer steps through views in doubles of the float storage: one double a parameter more on the
   * heap, so a network that fits in float64 (64 bytes a parameter) is refused in float32 (72), where it ran out of heap.
   */
  @Test
  void float32sViewsAreWeighed() {
    long heap = Runtime.getRuntime().maxMemory();
    long units = (long) (0.9 * (heap - (16L << 20)) / (4 * 68));
    String[] network = {"--set", "compute.backend=blas", "--set", "network.layers[1].units=" + units, "--set",
        "training.batch-size=1"};
    Cli.Outcome float64 = Cli.run(concat(new String[] {"validate", Cli.XOR}, network));
    Cli.Outcome float32 = Cli.run(concat(new String[] {"validate", Cli.XOR, "--set", "compute.precision=float32"},
        network));

    assertEquals(0, float64.code(), float64.describe());
    assertEquals(2, float32.code(), float32.describe());
    assertTrue(float32.err().contains(" of heap for the optimizer's state and a checkpoint's copies, more than the "),
        float32.describe());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * A batch size above the training split's rows is said once (an epoch is then one update) and trains as a
   * batch of all the rows: the same figures as a batch size of exactly those rows.
   */
  @Test
  void aBatchSizeAboveTheTrainingRowsIsSaidAndTrainsAsAllOfThem() throws Exception {
    Cli.Outcome big = Cli.run("train", Cli.XOR, "--plain", "--set", "training.batch-size=1000", "--set",
        "training.epochs=3", "--output", tmp.resolve("big").toString());
    assertEquals(0, big.code(), big.describe());
    assertTrue(big.err().contains("nn: the batch size, 1000, is more than the training split's 200 rows: each update"
        + " takes all of them, and an epoch is one update\n"), big.describe());
    Cli.Outcome exact = Cli.run("train", Cli.XOR, "--plain", "--set", "training.batch-size=200", "--set",
        "training.epochs=3", "--output", tmp.resolve("exact").toString());
    assertEquals(0, exact.code(), exact.describe());
    assertFalse(exact.err().contains("batch size"), exact.describe());
    java.util.function.Function<Cli.Outcome, List<String>> epochs = o -> o.out().lines()
        .filter(l -> l.startsWith("epoch ")).map(l -> l.replaceAll("  [0-9.]+s$", "")).toList();
    assertEquals(epochs.apply(exact), epochs.apply(big));
    // the memory it is weighed for, and the kernels chosen, are a batch of the rows there are: 200,000,000 rows of
    // room were refused as 49 GB for 200 rows
    Cli.Outcome huge = Cli.run("validate", Cli.XOR, "--set", "training.batch-size=200000000");
    assertEquals(0, huge.code(), huge.describe());
    // on a terminal of 60 columns the notice is folded at spaces, as other messages are
    Cli.Outcome narrow = Cli.run(java.util.Map.of("COLUMNS", "60"), true, "train", Cli.XOR, "--plain", "--set",
        "training.batch-size=1000", "--set", "training.epochs=1", "--output", tmp.resolve("narrow").toString());
    assertEquals(0, narrow.code(), narrow.describe());
    assertTrue(narrow.err().lines().allMatch(l -> l.length() < 60), narrow.err());
    assertTrue(narrow.err().replaceAll("\n +", " ").contains("nn: the batch size, 1000, is more than the training"
        + " split's 200 rows: each update takes all of them, and an epoch is one update"), narrow.err());
  }

  @Test
  void aWidthWrittenInTheFileIsPlacedAtItsLayersLineAndOneGivenByASetIsNot() throws Exception {
    Path yaml = tmp.resolve("wide.yaml");
    Files.writeString(yaml, Files.readString(Path.of(Cli.XOR)).replace("{units: 4,", "{units: 1000000000,"));
    Cli.Outcome file = Cli.run("validate", yaml.toString());
    assertEquals(2, file.code(), file.describe());
    assertTrue(file.err().contains("[nn/TooLarge] network.layers[1].units (line 11, col 7): the network"),
        file.describe());

    Cli.Outcome set = Cli.run("validate", Cli.XOR, "--set", "network.layers[0].units=3");
    assertEquals(2, set.code(), set.describe());
    assertTrue(set.err().contains("[nn/ShapeMismatch] network.layers[0].units: the input layer has 3 units, but"
        + " the data has 2 features"), set.describe());
  }

  @Test
  void validateReadsTheDataFilesAndChecksTheirColumnsAgainstTheLayers() throws Exception {
    Path csv = tmp.resolve("rows.csv");
    Files.writeString(csv, "a,b,c,target\n1,2,3,0.5\n4,5,6,1.5\n7,8,9,2.5\n");
    Cli.Outcome o = Cli.run("validate", Cli.DIABETES, "--set", "data.train.path=" + csv,
        "--set", "network.layers[0].units=10");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/ShapeMismatch]") && o.err().contains("the data has 3 features"), o.describe());
  }

  @Test
  void validateRefusesAnOutputDirThatIsAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("runs"), "not a directory");
    Path yaml = tmp.resolve("xor.yaml");
    Files.writeString(yaml, Files.readString(Path.of(Cli.XOR)).replace("seed: 7", "seed: 7\noutput: {dir: runs/here}"));
    Cli.Outcome o = Cli.run("validate", yaml.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: the run directory would go in " + file.resolve("here") + ", but " + file + " is a file\n",
        o.err());
  }

  @Test
  void validateOfAValidExperimentStillSucceedsAndWritesNothing() throws Exception {
    Path before = Path.of("").toAbsolutePath();
    long entries;
    try (Stream<Path> s = Files.list(before)) {
      entries = s.count();
    }
    Cli.Outcome o = Cli.run("validate", Cli.DIABETES);
    assertEquals(0, o.code(), o.describe());
    try (Stream<Path> s = Files.list(before)) {
      assertEquals(entries, s.count());
    }
  }
}
