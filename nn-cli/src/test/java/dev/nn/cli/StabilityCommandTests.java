package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn stability} end to end, on the real data sets of {@code examples/data}. */
class StabilityCommandTests {
  private static final String LOGISTIC = Cli.EXAMPLES.resolve("stability-logistic.yaml").toString();
  private static final String MLP = Cli.EXAMPLES.resolve("stability-mlp.yaml").toString();
  private static final Pattern CONSTANTS = Pattern.compile("with L = ([0-9.]+), β = ([0-9.]+) from the data");

  @TempDir
  Path out;

  /** The CSV's rows as columns by name; {@code mean} rows when {@code means}, else the pairs' own rows. */
  private static List<String[]> rows(Path study, boolean means) throws Exception {
    List<String> lines = Files.readAllLines(study.resolve("stability.csv"));
    assertEquals("pair,replaced,replacement,epoch,updates,distance,relative_distance,replaced_loss_diff,"
        + "test_loss_diff,gap,gap_prime,bound", lines.get(0));
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[0].equals("mean") == means) {
        rows.add(f);
      }
    }
    return rows;
  }

  @Test
  void onIrisLogisticRegressionTheMeanDistanceStaysUnderTheConvexBound() throws Exception {
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--pairs", "6", "--set", "training.epochs=6", "--output",
        out.toString());
    assertEquals(0, o.code(), o.describe());
    Path study = Cli.onlyRun(out);
    assertTrue(study.getFileName().toString().startsWith("stability-logistic-stability-"), study.toString());
    List<String[]> means = rows(study, true);
    assertEquals(6, means.size());
    Matcher m = CONSTANTS.matcher(o.out());
    assertTrue(m.find(), o.out());
    double lipschitz = Double.parseDouble(m.group(1));
    double smoothness = Double.parseDouble(m.group(2));
    // softmax cross-entropy: L = √2·max‖(x,1)‖ and β = max‖(x,1)‖²/2, so β = L²/4
    assertEquals(lipschitz * lipschitz / 4, smoothness, 1e-3 * smoothness);
    // constant step α = 0.05 on n samples: (2L/n)·Σα_t after e epochs is 2L·α·e
    for (int e = 1; e <= 6; e++) {
      String[] row = means.get(e - 1);
      assertEquals(e, Double.parseDouble(row[3]));
      double distance = Double.parseDouble(row[5]);
      double bound = Double.parseDouble(row[11]);
      assertEquals(2 * lipschitz * 0.05 * e, bound, 1e-3 * bound);
      assertTrue(distance > 0, "the runs differ in one sample, so they part: " + distance);
      assertTrue(distance <= bound, "epoch " + e + ": mean distance " + distance + " > bound " + bound);
    }
    // with a constant step the replaced sample is visited once per epoch, so the bound holds pair by pair too
    List<String[]> pairs = rows(study, false);
    assertEquals(6 * 6, pairs.size());
    for (String[] r : pairs) {
      assertTrue(Double.parseDouble(r[5]) <= Double.parseDouble(r[11]), String.join(",", r));
    }
    // the pairs really differ: more than one replaced position among six random draws
    assertTrue(pairs.stream().map(r -> r[1]).distinct().count() > 1);
    assertTrue(o.out().contains("6 pairs, 6 epochs, n = 90 training samples"), o.out());
    assertFalse(o.out().contains("no convex bound"), o.out());
  }

  /** As nn train's --output: a mistyped path is refused, not built with all its parents; --every says 0 is allowed. */
  @Test
  void aMistypedOutputIsRefusedAndEveryNamesItsDefault() throws Exception {
    Path typo = out.resolve("no-such").resolve("dir");
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--pairs", "1", "--output", typo.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: --output " + typo + ": the folder " + typo.getParent() + " does not exist"),
        o.err());
    assertFalse(Files.exists(typo.getParent()));
    Cli.Outcome every = Cli.run("stability", LOGISTIC, "--pairs", "1", "--every", "-5", "--output", out.toString());
    assertEquals(2, every.code(), every.describe());
    assertTrue(every.err().contains("--every must be at least 1 update, or 0 (the default) for epoch ends only,"
        + " found -5"), every.err());
  }

  /**
   * A hidden folder a kill -9 left between making a study's files and renaming them is removed by a later study of
   * the same experiment once old; a fresh one (a study finishing now), another experiment's, and one holding more
   * than a study's files are left alone.
   */
  @Test
  void aLaterStudyRemovesAnOldAbandonedHiddenFolderOfItsExperimentOnly() throws Exception {
    Path old = Files.createDirectories(out.resolve(".stability-logistic-stability-20260101-000000.partial"));
    Files.writeString(old.resolve("stability.jsonl"), "{\"pair\":");
    Path second = Files.createDirectories(out.resolve(".stability-logistic-stability-20260101-000000-2.partial"));
    Path fresh = Files.createDirectories(out.resolve(".stability-logistic-stability-20260101-000001.partial"));
    Path other = Files.createDirectories(out.resolve(".stability-mlp-stability-20260101-000000.partial"));
    Path kept = Files.createDirectories(out.resolve(".stability-logistic-stability-20260101-000002.partial"));
    Files.writeString(kept.resolve("notes.txt"), "mine");
    java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
    for (Path p : List.of(old, second, other, kept)) {
      Files.setLastModifiedTime(p, longAgo);
    }
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--pairs", "1", "--set", "training.epochs=1", "--output",
        out.toString());
    assertEquals(0, o.code(), o.describe());
    assertFalse(Files.exists(old), "the abandoned folder");
    assertFalse(Files.exists(second), "the abandoned folder of a second study of the same second");
    assertTrue(Files.isDirectory(fresh) && Files.isDirectory(other) && Files.isDirectory(kept));
    try (Stream<Path> studies = Files.list(out)) {
      assertEquals(1, studies.filter(p -> p.getFileName().toString().startsWith("stability-logistic-stability-"))
          .count());
    }
  }

  /**
   * On an 80-column terminal every line fits, broken between figures, never inside one: the table's rows were 88
   * columns, and the terminal cut "+0.0417" into "+" and "0.0417". Piped, the same words, unbroken lines.
   */
  @Test
  void onAnEightyColumnTerminalLinesBreakBetweenFigures() throws Exception {
    Cli.Outcome o = Cli.run(java.util.Map.of("COLUMNS", "80"), true, "stability", LOGISTIC, "--pairs", "2", "--set",
        "training.epochs=3", "--output", out.resolve("a").toString());
    assertEquals(0, o.code(), o.describe());
    o.out().lines().forEach(l -> assertTrue(l.length() <= 80, l.length() + ": " + l));
    // the table is sized to its figures, so each row is one line: nothing of it is folded
    List<String> table = o.out().lines().dropWhile(l -> !l.startsWith("epoch")).limit(4).toList();
    assertTrue(table.get(0).matches("epoch  mean ‖w−w′‖ +relative +bound +Δloss\\(z\\) +Δloss\\(test\\) +gap\\(w\\) +gap\\(w′\\)"),
        o.out());
    for (int e = 1; e <= 3; e++) {
      assertTrue(table.get(e).matches(" {4}" + e + "(  +[+-]?[0-9.e+-]+){7}"), table.get(e));
      assertEquals(table.get(0).indexOf("gap(w′)"), table.get(e).lastIndexOf("  ") + 2, "gap(w′) under its heading");
    }
    Cli.Outcome piped = Cli.run(java.util.Map.of("COLUMNS", "80"), false, "stability", LOGISTIC, "--pairs", "2",
        "--set", "training.epochs=3", "--output", out.resolve("b").toString());
    assertTrue(piped.out().lines().anyMatch(l -> l.length() > 80), "the rows are wider than 80 as they are");
    java.util.function.Function<String, List<String>> words = text -> List.of(text.replaceAll("(?s)written to.*", "")
        .trim().split("\\s+"));
    assertEquals(words.apply(piped.out()), words.apply(o.out()));
  }

  @Test
  void aSampleReplacedByItselfKeepsThePairIdenticalAtEveryEpoch() throws Exception {
    Cli.Outcome o = Cli.run("stability", MLP, "--replace-with", "self", "--pairs", "2", "--set",
        "training.epochs=2", "--set", "data.validation.split=0.7", "--every", "100", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    List<String[]> rows = rows(Cli.onlyRun(out), false);
    // 2 pairs × (every 100 updates over 2 epochs of 179 samples, plus the epoch ends)
    assertEquals(2 * 5, rows.size(), rows.stream().map(r -> r[4]).collect(Collectors.joining(" ")));
    for (String[] r : rows) {
      assertEquals(r[1], r[2], "the replacement is the sample itself");
      assertEquals(0.0, Double.parseDouble(r[5]), "distance at update " + r[4]);
      assertEquals(0.0, Double.parseDouble(r[7]), "loss difference on the sample at update " + r[4]);
      assertEquals(0.0, Double.parseDouble(r[8]), "test loss difference at update " + r[4]);
      assertEquals(r[9], r[10], "the two gaps");
    }
  }

  @Test
  void inANonConvexNetworkTheDistanceGrowsWithEpochsAndNoBoundIsClaimed() throws Exception {
    Cli.Outcome o = Cli.run("stability", MLP, "--pairs", "1", "--set", "training.epochs=3", "--output",
        out.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("no convex bound: the network has 1 hidden layer"), o.out());
    List<String[]> means = rows(Cli.onlyRun(out), true);
    double first = Double.parseDouble(means.get(0)[5]);
    double last = Double.parseDouble(means.get(2)[5]);
    assertTrue(first > 0 && last > first, "distance after epoch 1: " + first + ", after epoch 3: " + last);
    assertEquals("", means.get(2)[11], "no bound column for a network with a hidden layer");
  }

  /**
   * A learning rate that makes nn train stop with a diverged loss stops the study too (exit 3, no folder): it
   * trained on to the last epoch and reported distances between two diverged networks, exit 0. Each pair's end is
   * a line, as the pairs are trained; a study's folder has the permissions any new folder gets.
   */
  @Test
  void aRunThatDivergesAsNnTrainJudgesItStopsTheStudy() throws Exception {
    String diabetes = Cli.EXAMPLES.resolve("diabetes.yaml").toString();
    Cli.Outcome train = Cli.run("train", diabetes, "--set", "optimizer.learning-rate=5000", "--set",
        "training.epochs=20", "--output", out.resolve("train").toString());
    assertEquals(3, train.code(), train.describe());
    Cli.Outcome study = Cli.run("stability", diabetes, "--pairs", "1", "--set", "optimizer.learning-rate=5000",
        "--set", "training.epochs=20", "--output", out.resolve("study").toString());
    assertEquals(3, study.code(), study.describe());
    assertTrue(study.err().startsWith("nn: training diverged: at the end of epoch "), study.err());
    assertFalse(Files.exists(out.resolve("study")), "no folder");
    Cli.Outcome fine = Cli.run("stability", MLP, "--pairs", "2", "--set", "training.epochs=1", "--output",
        out.resolve("fine").toString());
    assertEquals(0, fine.code(), fine.describe());
    assertTrue(fine.out().startsWith("pair 1 of 2 trained\npair 2 of 2 trained\n"), fine.out());
    // the study's folder is made as any folder is, with the umask's permissions; it was private (0700)
    java.nio.file.attribute.PosixFileAttributeView plain = Files.getFileAttributeView(
        Files.createDirectory(out.resolve("plain")), java.nio.file.attribute.PosixFileAttributeView.class);
    assertEquals(plain.readAttributes().permissions(), Files.getPosixFilePermissions(Cli.onlyRun(out.resolve("fine"))));
  }

  @Test
  void theBoundIsRefusedWithItsReasonWhereItsConditionsFail() {
    Cli.Outcome batch = Cli.run("stability", LOGISTIC, "--pairs", "1", "--set", "training.epochs=1", "--set",
        "training.batch-size=4", "--set", "optimizer.name=adam", "--output", out.resolve("a").toString());
    assertEquals(0, batch.code(), batch.describe());
    assertTrue(batch.out().contains("no convex bound: the optimizer is adam, not sgd; the batch size is 4, not 1"),
        batch.out());
    Cli.Outcome step = Cli.run("stability", LOGISTIC, "--pairs", "1", "--set", "training.epochs=1", "--set",
        "optimizer.learning-rate=1", "--output", out.resolve("b").toString());
    assertEquals(0, step.code(), step.describe());
    assertTrue(step.out().contains("no convex bound: a step of 1.000 exceeds 2/β = "), step.out());
  }

  @Test
  void theChartPageDrawsEveryCurveWithFiniteCoordinates() throws Exception {
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--pairs", "2", "--replace", "3", "--set", "training.epochs=4",
        "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("each pair replaces sample 3 by a held-out row of the validation split"), o.out());
    Path study = Cli.onlyRun(out);
    assertEquals(List.of("3"), rows(study, false).stream().map(r -> r[1]).distinct().collect(Collectors.toList()));
    String html = Files.readString(study.resolve("stability.html"));
    List<String> svgs = new ArrayList<>();
    Matcher svg = Pattern.compile("<svg class=\"chart\".*?</svg>", Pattern.DOTALL).matcher(html);
    while (svg.find()) {
      svgs.add(svg.group());
    }
    // distance (mean and bound), relative distance, loss differences (two), gaps (two)
    int[] curves = {2, 1, 2, 2};
    assertEquals(curves.length, svgs.size());
    Pattern polyline = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"");
    for (int c = 0; c < curves.length; c++) {
      Matcher p = polyline.matcher(svgs.get(c));
      int count = 0;
      while (p.find()) {
        count++;
        String[] coordinates = p.group(1).trim().split("[ ,]+");
        assertEquals(2 * 4, coordinates.length, "one point per epoch: " + p.group(1));
        for (String v : coordinates) {
          assertTrue(Double.isFinite(Double.parseDouble(v)), v);
        }
      }
      assertEquals(curves[c], count, "chart " + c);
    }
  }

  @Test
  void zeroPairsIsRefusedWithOneMessage() {
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--pairs", "0", "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: --pairs must be at least 1, found 0; see nn stability --help\n", o.err());
  }

  @Test
  void aReplaceIndexOutsideTheTrainingSplitIsRefusedAndLeavesNothing() throws Exception {
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--replace", "90", "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + LOGISTIC + ": --replace 90 is outside the training split, which has 90 samples: use 0 … 89"
        + " or random\n", o.err());
    assertEmpty(out);
    Cli.Outcome word = Cli.run("stability", LOGISTIC, "--replace", "first", "--output", out.toString());
    assertEquals(2, word.code(), word.describe());
    assertEquals("nn: --replace must be a position in the training split (0, 1, …) or random, found \"first\"; see nn"
        + " stability --help\n", word.err());
  }

  @Test
  void anExperimentWithoutHeldOutRowsIsRefusedAndLeavesNothing() throws Exception {
    Cli.Outcome o = Cli.run("stability", LOGISTIC, "--set", "data.validation.split=0", "--set", "data.test.split=0",
        "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + LOGISTIC + ": experiment stability-logistic has no held-out row to replace a training sample"
        + " with: give it data.validation or data.test (a split such as {split: 0.2}, or a source)\n", o.err());
    assertEmpty(out);
  }

  @Test
  void aGeneratorWithoutHeldOutRowsReplacesByFreshDraws() throws Exception {
    Cli.Outcome o = Cli.run("stability", Cli.XOR, "--pairs", "2", "--set", "training.epochs=2", "--output",
        out.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("each pair replaces a random sample by a fresh draw of generator xor"), o.out());
    for (String[] r : rows(Cli.onlyRun(out), false)) {
      int replacement = Integer.parseInt(r[2]);
      assertTrue(replacement >= 0 && replacement < 512, "a row of the 512 fresh draws: " + replacement);
      // the fresh draws also stand in for the test split the experiment lacks
      assertTrue(Double.isFinite(Double.parseDouble(r[8])) && Double.isFinite(Double.parseDouble(r[9])),
          String.join(",", r));
      assertTrue(Double.parseDouble(r[5]) > 0, "the replaced xor sample moves the runs apart");
    }
  }

  @Test
  void theHelpGivesTheOptionsAndTheExitCodes() {
    Cli.Outcome o = Cli.run("stability", "--help");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("Usage: nn stability"), o.out());
    for (String option : List.of("--pairs=N", "--replace=INDEX|random", "--replace-with=held-out|self", "--every=K",
        "--output=DIR", "--set=KEY.PATH=VALUE")) {
      assertTrue(o.out().contains(option), option + " in\n" + o.out());
    }
    assertTrue(o.out().contains("Exit codes: 0 done, 2 invalid"), o.out());
  }

  private static void assertEmpty(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.collect(Collectors.toList()));
    }
  }
}
