package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn train --sweep}: a grid of ordinary runs and the sweep's table of results. */
class SweepTests {
  @TempDir
  Path tmp;

  private static List<Path> children(Path dir, boolean runs) throws Exception {
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(p -> RunRecord.isRunDirectory(p) == runs && Files.isDirectory(p)).sorted().toList();
    }
  }

  /** A point whose master only the cluster's spark-submit reaches is refused with the others, before any trains. */
  @Test
  void aYarnPointIsRefusedBeforeAnyPointTrains() {
    Path out = tmp.resolve("yarn");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "training.epochs=1", "--sweep",
        "distributed.master=local[2],yarn", "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: sweep point 2/2 (distributed.master=yarn) is not valid:\ndistributed.master \"yarn\" needs the"
        + " cluster's spark-submit with nn's submit jar (README, \"Training on Spark\"); nn train runs local[N] and"
        + " spark://host:port masters\n", o.err());
    assertFalse(Files.exists(out), "nothing was written");
  }

  /**
   * A sweep stopped by SIGTERM while its second point trains (the crash point's {@code :exit} form, in a child
   * JVM): the table says that point is interrupted, in which run directory and how to resume it, not that it is
   * still running; the first stays completed and the third pending.
   */
  @Test
  void aStoppedSweepMarksThePointInTrainingInterruptedWithItsRunDirectory() throws Exception {
    Path out = tmp.resolve("stopped");
    sweepStoppedAt("epoch-0002.ckpt:2:temp:exit", out, 143);
    List<Path> runs = children(out, true);
    assertEquals(2, runs.size(), runs.toString());
    List<String> csv = Files.readAllLines(children(out, false).get(0).resolve("sweep.csv"));
    assertEquals(4, csv.size(), csv.toString());
    assertTrue(csv.get(1).startsWith("0.1,completed," + runs.get(0) + ","), csv.get(1));
    assertTrue(csv.get(2).startsWith("0.03,interrupted," + runs.get(1) + ","), csv.get(2));
    assertTrue(csv.get(2).endsWith("\"stopped by Ctrl-C, SIGTERM or SIGHUP; nn train --resume " + runs.get(1) + " continues it\""),
        csv.get(2));
    assertTrue(csv.get(3).startsWith("0.01,pending,,"), csv.get(3));
    assertEquals(List.of(), RunFiles.temporaryFiles(out));
  }

  /**
   * A sweep killed outright (kill -9, here a halt at the second point's checkpoint) cannot mark its point, but its
   * table already names the point's run directory, written as soon as the run had one: what to resume.
   */
  @Test
  void aKilledSweepsTableNamesThePointsRunDirectory() throws Exception {
    Path out = tmp.resolve("killed");
    sweepStoppedAt("epoch-0002.ckpt:2:temp", out, 137);
    List<Path> runs = children(out, true);
    assertEquals(2, runs.size(), runs.toString());
    List<String> csv = Files.readAllLines(children(out, false).get(0).resolve("sweep.csv"));
    assertTrue(csv.get(2).startsWith("0.03,running," + runs.get(1) + ","), csv.get(2));
    assertTrue(csv.get(3).startsWith("0.01,pending,,"), csv.get(3));
  }

  /**
   * A sweep of three XOR points of 3 epochs into {@code out}, in a child JVM stopped at the crash point
   * {@code point} (its second point's second checkpoint, say), which must end with {@code code}.
   */
  private static void sweepStoppedAt(String point, Path out, int code) throws Exception {
    List<String> properties = List.of("--add-modules", "jdk.incubator.vector", "-Dnn.crash-at=" + point);
    Process p = ChildJvm.start(properties, Main.class, "train", Cli.XOR, "--set", "training.epochs=3", "--sweep",
        "optimizer.learning-rate=0.1,0.03,0.01", "--output", out.toString(), "--plain");
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), text);
    assertEquals(code, p.exitValue(), text);
  }

  @Test
  void aTwoByTwoSweepTrainsFourRunsAndTablesThem() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "training.epochs=2", "--set", "data.validation.split=0.25",
        "--sweep", "optimizer.learning-rate=0.1,0.03", "--sweep", "training.batch-size=8,16", "--output",
        out.toString());
    assertEquals(0, o.code(), o.describe());
    List<Path> runs = children(out, true);
    assertEquals(4, runs.size(), runs.toString());
    List<Path> sweeps = children(out, false);
    assertEquals(1, sweeps.size());
    Path sweep = sweeps.get(0);
    assertTrue(sweep.getFileName().toString().matches("xor-sweep-\\d{8}-\\d{6}"), sweep.toString());
    List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
    assertEquals("optimizer.learning-rate,training.batch-size,status,run_directory,validation_metric,validation,"
        + "test_metric,test,message", csv.get(0));
    assertEquals(5, csv.size(), csv.toString());
    String[][] points = {{"0.1", "8"}, {"0.1", "16"}, {"0.03", "8"}, {"0.03", "16"}};
    for (int i = 0; i < 4; i++) {
      String[] cells = csv.get(i + 1).split(",", -1);
      assertEquals(points[i][0], cells[0]);
      assertEquals(points[i][1], cells[1]);
      assertEquals("completed", cells[2]);
      Path dir = Path.of(cells[3]);
      assertTrue(runs.contains(dir), cells[3]);
      String experiment = Files.readString(dir.resolve("experiment.yaml"));
      assertTrue(experiment.contains("learning-rate: " + points[i][0] + ","), experiment);
      assertTrue(experiment.contains("batch-size: " + points[i][1] + ","), experiment);
      assertEquals("accuracy", cells[4]);
      double accuracy = Double.parseDouble(cells[5]);
      assertTrue(accuracy >= 0 && accuracy <= 1, cells[5]);
      assertEquals("", cells[8]);
      // the point's provenance holds the command that trains it alone
      String provenance = Files.readString(dir.resolve("provenance.yaml"));
      assertFalse(provenance.contains("--sweep"), provenance);
      assertTrue(provenance.contains("- optimizer.learning-rate=" + points[i][0] + "\n"), provenance);
    }
    String md = Files.readString(sweep.resolve("sweep.md"));
    assertTrue(md.contains("4 of 4 points done."), md);
    assertTrue(md.contains("| `optimizer.learning-rate` | `training.batch-size` | status | run directory |"
        + " validation | test | message |"), md);
    assertTrue(o.out().contains("sweep point 4/4: optimizer.learning-rate=0.03 training.batch-size=16\n"), o.out());
    assertTrue(o.out().endsWith("sweep: 4 of 4 points completed\nsweep table    " + sweep.resolve("sweep.md")
        + "\n"), o.out());
  }

  /**
   * A point whose data fails (here: too few rows to split) is marked failed with nn's message and the others still
   * run; a later point failing the same way refers to the first instead of repeating it.
   */
  @Test
  void aFailingPointIsMarkedAndTheOthersStillRun() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "training.epochs=1", "--set", "data.validation.split=0.5",
        "--sweep", "data.train.samples=1,64,1", "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals(1, children(out, true).size());
    Path sweep = children(out, false).get(0);
    List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
    assertTrue(csv.get(1).startsWith("1,failed,,,,,,\"generator xor (samples 1, noise 0.1, seed 7): "), csv.get(1));
    assertTrue(csv.get(1).contains("classification needs at least 2 classes"), csv.get(1));
    assertTrue(csv.get(2).startsWith("64,completed," + children(out, true).get(0) + ","), csv.get(2));
    assertEquals(csv.get(1), csv.get(3));
    assertEquals(1, o.err().lines().filter(l -> l.contains("at least 2 classes")).count(), o.err());
    assertTrue(o.err().endsWith("nn: sweep point 3 failed as point 1 did\n"), o.err());
    assertTrue(o.out().contains("sweep: 1 of 3 points completed, 2 failed\n"), o.out());
    assertTrue(Files.readString(sweep.resolve("sweep.md")).contains("| 1 | failed |  |  |  | generator xor"));
  }

  @Test
  void aDivergedPointMakesTheExitCodeThree() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "training.epochs=2", "--set", "optimizer.name=sgd", "--sweep",
        "optimizer.learning-rate=1e6,0.1", "--output", out.toString());
    assertEquals(3, o.code(), o.describe());
    List<Path> runs = children(out, true);
    assertEquals(2, runs.size(), "the diverged run's directory stays");
    List<String> csv = Files.readAllLines(children(out, false).get(0).resolve("sweep.csv"));
    assertTrue(csv.get(1).startsWith("1e6,diverged," + runs.get(0) + ",,,,,\"training diverged: at the end of"
        + " epoch 1 "), csv.get(1));
    assertTrue(csv.get(2).startsWith("0.1,completed,"), csv.get(2));
    assertTrue(o.out().contains("sweep: 1 of 2 points completed, 1 diverged\n"), o.out());
    // the report's lines stay sentences of their own in the table's one line: "…; run directory: …"
    assertTrue(csv.get(1).contains("; run directory: " + runs.get(0)), csv.get(1));
  }

  /**
   * Every point's experiment is checked before anything is trained or written: a value that is not valid, or a
   * misspelt swept key, is one message naming the point, and nothing is created.
   */
  @Test
  void anInvalidPointStopsTheSweepBeforeAnyRun() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome badValue = Cli.run("train", Cli.XOR, "--set", "training.epochs=1", "--sweep",
        "optimizer.learning-rate=0.1,abc", "--output", out.toString());
    assertEquals(2, badValue.code(), badValue.describe());
    assertTrue(badValue.err().startsWith("nn: sweep point 2/2 (optimizer.learning-rate=abc) is not valid:\n"
        + "Invalid experiment " + Cli.XOR + " — 1 problem:"), badValue.err());
    assertTrue(badValue.err().contains("[nn/WrongType] optimizer.learning-rate: expected a number > 0, found \"abc\""),
        badValue.err());
    assertEquals("", badValue.out(), "nothing trained");
    // every invalid point is reported, not only the first: the values are mended at once
    Cli.Outcome two = Cli.run("train", Cli.XOR, "--sweep", "optimizer.learning-rate=0.1,-1,0", "--output",
        out.toString());
    assertEquals(2, two.code(), two.describe());
    assertTrue(two.err().contains("nn: sweep point 2/3 (optimizer.learning-rate=-1) is not valid:\n"), two.err());
    assertTrue(two.err().contains("nn: sweep point 3/3 (optimizer.learning-rate=0) is not valid:\n"), two.err());
    // the value came from --sweep, not from a --set the user did not give
    assertTrue(two.err().contains("(from --sweep optimizer.learning-rate=-1)"), two.err());
    assertFalse(two.err().contains("--set"), two.err());
    Cli.Outcome misspelt = Cli.run("train", Cli.XOR, "--sweep", "trainin.epochs=1,2", "--output", out.toString());
    assertEquals(2, misspelt.code(), misspelt.describe());
    assertEquals(1, misspelt.err().lines().filter(l -> l.contains("unknown key \"trainin\"")).count(),
        misspelt.err());
    assertTrue(misspelt.err().contains("nn: sweep point 2/2 (trainin.epochs=2) is not valid, as point 1 is\n"),
        misspelt.err());
    assertFalse(Files.exists(out), "nothing is created");
  }

  /**
   * A problem of the data that no point escapes is found by reading it before the sweep: said once, and nothing
   * is written, not a point header and a reference per point.
   */
  @Test
  void aSweepNoPointOfWhichCanTrainSaysSoOnceAndWritesNothing() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "data.validation.split=0.5", "--sweep",
        "data.train.samples=1", "--sweep", "seed=1,2", "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("", o.out());
    // each point's generator names its own seed: two problems, each said once, under the point it is of
    assertEquals(2, o.err().lines().filter(l -> l.contains("at least 2 classes")).count(), o.err());
    assertTrue(o.err().contains("(samples 1, noise 0.1, seed 2)"), o.err());
    assertTrue(o.err().startsWith("nn: sweep point 1/2 (data.train.samples=1 seed=1) cannot train:\n"), o.err());
    assertTrue(o.err().contains("\nnn: sweep point 2/2 (data.train.samples=1 seed=2) cannot train:\n"), o.err());
    assertTrue(o.err().endsWith("nn: none of the 2 sweep points can train; nothing was written\n"), o.err());
    assertFalse(Files.exists(out), "no output folder either");
    Cli.Outcome folds = Cli.run("train", Cli.EXAMPLES.resolve("linnerud.yaml").toString(), "--folds", "30",
        "--output", out.toString());
    assertEquals(2, folds.code(), folds.describe());
    assertTrue(folds.err().endsWith("20 rows are too few for 30 folds; each fold needs a row at least\n"
        + "nn: none of the 30 folds' runs can train; nothing was written\n"), folds.err());
    assertEquals("", folds.out());
    // a folder that was there before stays, with what else it holds
    Files.createDirectories(out.resolve("earlier-run"));
    Cli.Outcome again = Cli.run("train", Cli.XOR, "--set", "data.validation.split=0.5", "--sweep",
        "data.train.samples=1", "--sweep", "seed=1,2", "--output", out.toString());
    assertEquals(2, again.code(), again.describe());
    try (var left = Files.list(out)) {
      assertEquals(List.of(out.resolve("earlier-run")), left.toList());
    }
  }

  @Test
  void sweepAndResumeAreRefused() throws Exception {
    Cli.Outcome o = Cli.run("train", "--resume", tmp.toString(), "--sweep", "optimizer.learning-rate=0.1,0.2");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("nn: --sweep trains new runs and cannot be combined with --resume;"), o.err());
  }

  @Test
  void malformedSweepsAndABadBaseExperimentStopBeforeAnyRun() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome noValues = Cli.run("train", Cli.XOR, "--sweep", "optimizer.learning-rate", "--output",
        out.toString());
    assertEquals(2, noValues.code());
    assertEquals("nn: --sweep \"optimizer.learning-rate\": expected KEY.PATH=VALUE,VALUE,…, e.g."
        + " optimizer.learning-rate=0.1,0.01; see nn train --help\n", noValues.err());
    Cli.Outcome empty = Cli.run("train", Cli.XOR, "--sweep", "training.batch-size=8,,16", "--output",
        out.toString());
    assertEquals(2, empty.code());
    assertEquals("nn: --sweep \"training.batch-size=8,,16\": an empty value in the list; separate values by single"
        + " commas, e.g. training.batch-size=8,16; see nn train --help\n", empty.err());
    Cli.Outcome twice = Cli.run("train", Cli.XOR, "--sweep", "training.batch-size=8", "--sweep",
        "training.batch-size=16", "--output", out.toString());
    assertEquals(2, twice.code());
    assertTrue(twice.err().startsWith("nn: --sweep training.batch-size is given twice; list all its values in one"
        + " option, e.g. training.batch-size=8,16"), twice.err());
    Cli.Outcome badBase = Cli.run("train", Cli.XOR, "--set", "training.epochs=0", "--sweep",
        "training.batch-size=8,16", "--output", out.toString());
    assertEquals(2, badBase.code());
    assertTrue(badBase.err().contains("training.epochs"), badBase.err());
    assertFalse(Files.exists(out), "nothing is created");
  }

  @Test
  void valuesSplitOnCommasOutsideBracketsAndQuotes() {
    assertEquals(List.of("[64,32]", "[8]", "'a,b'", "{name: adam, learning-rate: 0.1}", "3"),
        SweepAxis.split("[64,32], [8],'a,b',{name: adam, learning-rate: 0.1},3"));
    assertEquals(new SweepAxis("network.layers[1].units", List.of("4", "8")),
        SweepAxis.parse("network.layers[1].units=4,8"));
  }

  @Test
  void theGridVariesTheLastAxisFastest() {
    SweepGrid grid = SweepGrid.of(List.of("a=1,2", "b=x,y,z"));
    assertEquals(List.of(List.of("1", "x"), List.of("1", "y"), List.of("1", "z"), List.of("2", "x"),
        List.of("2", "y"), List.of("2", "z")), grid.points());
    assertEquals(List.of("a=2", "b=y"), grid.sets(List.of("2", "y")));
  }

  @Test
  void aPointsCommandLineDropsTheSweepAndAddsItsValues() {
    assertEquals(List.of("nn", "train", "x.yaml", "--set", "l2=0", "--set", "a=1"),
        SweepRunner.pointCommandLine(List.of("nn", "train", "x.yaml", "--sweep", "a=1,2", "--set", "l2=0",
            "--sweep=b=3"), List.of("a=1")));
  }
}
