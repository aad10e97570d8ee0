package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.sweep.SweepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train --resume SWEEP_FOLDER}: a sweep stopped (SIGTERM) or killed (kill -9) while a point trains goes on
 * from its record — the points done kept, the interrupted point's run resumed, the points that did not start trained
 * — and ends with the table, the figures and the exit code of a sweep never stopped; what cannot be continued is
 * refused in one line, before anything changes.
 */
class SweepResumeTests {
  @TempDir
  Path tmp;

  private static final String[] SWEEP = {"train", Cli.XOR, "--set", "training.epochs=3", "--sweep",
      "optimizer.learning-rate=0.1,0.03,0.01", "--plain"};

  private static List<String> with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all;
  }

  /** The sweep folder in {@code out}. */
  private static Path folder(Path out) throws Exception {
    try (Stream<Path> all = Files.list(out)) {
      return all.filter(SweepRecord::isSweepFolder).findFirst().orElseThrow();
    }
  }

  /** Each point's row of sweep.csv without its run directory, which differs between two sweeps. */
  private static List<String> rowsWithoutRuns(Path folder) throws Exception {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(folder.resolve("sweep.csv"))) {
      rows.add(line.replaceFirst(",[^,]*/xor-\\d{8}-\\d{6}(-\\d+)?,", ",RUN,"));
    }
    return rows;
  }

  /**
   * The sweep in a child JVM stopped at the crash point {@code point}, which must end with {@code code}; what it
   * printed.
   */
  private static String sweepStoppedAt(String point, Path out, int code) throws Exception {
    return stoppedAt(point, code, with(SWEEP, "--output", out.toString()).toArray(String[]::new));
  }

  /**
   * The folder of the three-point XOR sweep stopped by SIGTERM in its second point's third epoch, made in {@code
   * name}.
   */
  private Path stoppedInPoint2(String name) throws Exception {
    Path out = tmp.resolve(name);
    sweepStoppedAt("epoch-0002.ckpt:2:temp:exit", out, 143);
    return folder(out);
  }

  /**
   * The names of the files and folders under {@code dir}, with each file's content hash: what a refused command must
   * leave as it found it (no run directory begun, no file half-written).
   */
  private static java.util.Map<String, Integer> listing(Path dir) throws Exception {
    java.util.Map<String, Integer> files = new java.util.TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        files.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? java.util.Arrays.hashCode(
            Files.readAllBytes(p)) : 0);
      }
    }
    return files;
  }

  /** nn with {@code args} in a child JVM stopped at the crash point {@code point}, ending with {@code code}. */
  private static String stoppedAt(String point, int code, String... args) throws Exception {
    List<String> properties = List.of("--add-modules", "jdk.incubator.vector", "-Dnn.crash-at=" + point);
    Process p = ChildJvm.start(properties, Main.class, args);
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), text);
    assertEquals(code, p.exitValue(), text);
    return text;
  }

  private List<String> neverStopped() throws Exception {
    Path out = tmp.resolve("whole");
    Cli.Outcome o = Cli.run(with(SWEEP, "--output", out.toString()).toArray(String[]::new));
    assertEquals(0, o.code(), o.describe());
    return rowsWithoutRuns(folder(out));
  }

  /**
   * Stopped by SIGTERM in the second point's third epoch and resumed: point 1 is kept, point 2's run continues (the
   * same directory), point 3 is trained, and every figure is the one of the sweep never stopped. Each point's
   * model is the same, bit for bit.
   */
  @Test
  void aStoppedSweepResumedEndsAsOneNeverStopped() throws Exception {
    Path out = tmp.resolve("stopped");
    String stopped = sweepStoppedAt("epoch-0002.ckpt:2:temp:exit", out, 143);
    Path folder = folder(out);
    // how to go on is the sweep's to say: the point's run alone would leave the point after it untrained
    assertTrue(stopped.contains("; nn train --resume " + folder + " continues the sweep\n"), stopped);
    assertFalse(stopped.contains("Resume the run with"), stopped);
    List<String> before = Files.readAllLines(folder.resolve("sweep.csv"));
    assertTrue(before.get(2).startsWith("0.03,interrupted,"), before.get(2));
    String interruptedRun = before.get(2).split(",")[2];

    Cli.Outcome o = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("resuming the sweep " + folder + ": 1 of 3 points done, 2 to train\n"), o.out());
    assertTrue(o.out().contains("sweep point 2/3: optimizer.learning-rate=0.03\nresuming " + interruptedRun + "\n"),
        o.out());
    assertFalse(o.out().contains("sweep point 1/3"), o.out());
    assertTrue(o.out().endsWith("sweep: 3 of 3 points completed\nsweep table    " + folder.resolve("sweep.md")
        + "\n"), o.out());
    List<String> after = Files.readAllLines(folder.resolve("sweep.csv"));
    assertEquals(before.get(1), after.get(1));
    assertEquals(interruptedRun, after.get(2).split(",")[2]);
    assertEquals(neverStopped(), rowsWithoutRuns(folder));
    assertTrue(Files.readString(folder.resolve("sweep.md")).contains("3 of 3 points done."));

    // the point trained by the resume records the command that trains it alone, from the sweep's
    Path third = Path.of(after.get(3).split(",")[2]);
    String provenance = Files.readString(third.resolve("provenance.yaml"));
    assertFalse(provenance.contains("--resume"), provenance);
    assertTrue(provenance.contains("- optimizer.learning-rate=0.01\n"), provenance);

    // and a sweep with nothing left is refused, unchanged
    String table = Files.readString(folder.resolve("sweep.csv"));
    java.util.Map<String, Integer> files = listing(folder.getParent());
    Cli.Outcome again = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, again.code(), again.describe());
    assertEquals("nn: " + folder + ": every point of the sweep is done (its table " + folder.resolve("sweep.md")
        + "); there is nothing to resume, and nothing was changed\n", again.err());
    assertEquals(table, Files.readString(folder.resolve("sweep.csv")));
    assertEquals(files, listing(folder.getParent()), "nothing begun or left half-written");
  }

  /**
   * Killed outright (a halt at the second point's checkpoint): the table still says the point is running, in its run
   * directory; the resume continues that run and ends as a sweep never stopped.
   */
  @Test
  void aKilledSweepResumedEndsAsOneNeverStopped() throws Exception {
    Path out = tmp.resolve("killed");
    sweepStoppedAt("epoch-0002.ckpt:2:temp", out, 137);
    Path folder = folder(out);
    assertTrue(Files.readAllLines(folder.resolve("sweep.csv")).get(2).startsWith("0.03,running,"));
    Cli.Outcome o = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertEquals(neverStopped(), rowsWithoutRuns(folder));
  }

  /**
   * Killed as a point's run directory was just made, before its provenance.yaml was written: the run's overrides are
   * read from overrides.yaml, so the resume continues the sweep (it said the table "was changed", naming no
   * overrides).
   */
  @Test
  void aSweepKilledBeforeAPointsProvenanceIsWrittenResumes() throws Exception {
    Path out = tmp.resolve("early");
    sweepStoppedAt("provenance.yaml:3:temp", out, 137);
    Path folder = folder(out);
    String row = Files.readAllLines(folder.resolve("sweep.csv")).get(2);
    assertTrue(row.startsWith("0.03,running,"), row);
    Path run = Path.of(row.split(",")[2]);
    assertFalse(Files.exists(run.resolve("provenance.yaml")), "killed before its provenance was written");
    Cli.Outcome o = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertEquals(neverStopped(), rowsWithoutRuns(folder));
  }

  /**
   * Killed as it began: before its record is in place, the folder holds its lock alone, and a resume says what
   * happened and what to do (it said "not a run directory"); after its record and before its table, the resume makes
   * the table and trains every point, ending as a sweep never stopped (it said sweep.csv could not be read).
   */
  @Test
  void aSweepKilledAsItBeganSaysWhatToDoOrGoesOn() throws Exception {
    Path early = tmp.resolve("no-record");
    sweepStoppedAt("sweep.yaml:1:temp", early, 137);
    Path lockOnly;
    try (Stream<Path> all = Files.list(early)) {
      lockOnly = all.findFirst().orElseThrow();
    }
    assertTrue(Files.exists(lockOnly.resolve(".lock")) && !Files.exists(lockOnly.resolve("sweep.yaml")));
    Cli.Outcome refused = Cli.run("train", "--resume", lockOnly.toString(), "--plain");
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + lockOnly + ": a sweep's folder that holds no sweep.yaml: the sweep was stopped as it began,"
        + " before it recorded how it was started, and trained nothing; delete the folder and start the sweep again\n",
        refused.err());
    Path later = tmp.resolve("no-table");
    sweepStoppedAt("sweep.csv:1:temp", later, 137);
    Path untabled = folder(later);
    assertTrue(Files.exists(untabled.resolve("sweep.yaml")) && !Files.exists(untabled.resolve("sweep.csv")));
    Cli.Outcome o = Cli.run("train", "--resume", untabled.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertEquals(neverStopped(), rowsWithoutRuns(untabled));
  }

  /**
   * What cannot be continued is one line, exit 2, and the table is not touched: an experiment file changed since the
   * sweep started, one that is gone, a sweep started in another directory, a damaged record.
   */
  @Test
  void whatCannotBeContinuedIsRefusedBeforeAnythingChanges() throws Exception {
    Path experiment = tmp.resolve("xor.yaml");
    Files.copy(Path.of(Cli.XOR), experiment);
    Path out = tmp.resolve("runs");
    stoppedAt("epoch-0002.ckpt:2:temp:exit", 143, "train", experiment.toString(), "--set", "training.epochs=3",
        "--sweep", "seed=1,2", "--output", out.toString(), "--plain");
    Path folder = folder(out);
    String table = Files.readString(folder.resolve("sweep.csv"));

    Files.writeString(experiment, Files.readString(experiment) + "# a note\n");
    Cli.Outcome changed = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, changed.code(), changed.describe());
    assertTrue(changed.err().startsWith("nn: " + experiment + " changed since the sweep " + folder + " started, and"
        + " the points done trained on it as it was; put back the file the sweep started with (SHA-256 "),
        changed.err());
    assertEquals(1, changed.err().lines().count(), changed.err());

    Files.delete(experiment);
    Cli.Outcome gone = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, gone.code(), gone.describe());
    assertEquals("nn: " + folder + ": the sweep was started from " + experiment + ", which no longer exists; put it"
        + " back to continue the sweep\n", gone.err());

    Path record = folder.resolve(SweepRecord.FILE);
    String recorded = Files.readString(record);
    Files.writeString(record, recorded.replaceFirst("working-directory: .*", "working-directory: " + tmp));
    Cli.Outcome elsewhere = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, elsewhere.code(), elsewhere.describe());
    assertEquals("nn: " + folder + ": the sweep was started in " + tmp + ", and its --set and --sweep values may name"
        + " files relative to it; continue it from there (cd " + tmp + ")\n", elsewhere.err());
    Files.writeString(record, recorded.replaceFirst("working-directory: .*", "working-directory: /gone"));
    Cli.Outcome gone2 = Cli.run("train", "--resume", folder.toString());
    assertEquals("nn: " + folder + ": the sweep was started in /gone, and its --set and --sweep values may name"
        + " files relative to it; that folder is gone, and a sweep is continued only from the folder it was started"
        + " in\n", gone2.err());

    Files.writeString(record, recorded.replaceFirst("sweeps:", "sweeps: 3"));
    Cli.Outcome damaged = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, damaged.code(), damaged.describe());
    assertTrue(damaged.err().startsWith("nn: " + record + ": damaged"), damaged.err());
    assertEquals(1, damaged.err().lines().count(), damaged.err());

    assertEquals(table, Files.readString(folder.resolve("sweep.csv")));
  }

  /** A cross-validation resumed ends with the mean and spread of all its folds, those done before the stop included. */
  @Test
  void aResumedCrossValidationSummarisesEveryFold() throws Exception {
    Path out = tmp.resolve("folds");
    String stopped = stoppedAt("epoch-0002.ckpt:2:temp:exit", 143, "train", Cli.XOR, "--set", "training.epochs=3",
        "--folds", "3", "--output", out.toString(), "--plain");
    // told in folds, as the cross-validation it is
    assertTrue(stopped.contains("nn: the cross-validation was stopped at fold 2 of 3; its table "), stopped);
    assertTrue(stopped.contains(" continues the cross-validation\n"), stopped);
    Cli.Outcome o = Cli.run("train", "--resume", folder(out).toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("resuming the cross-validation " + folder(out) + ": 1 of 3 folds done, 2 to train"),
        o.out());
    Cli.Outcome whole = Cli.run("train", Cli.XOR, "--set", "training.epochs=3", "--folds", "3", "--output",
        tmp.resolve("whole-folds").toString(), "--plain");
    assertEquals(0, whole.code(), whole.describe());
    String summary = whole.out().lines().filter(l -> l.startsWith("cross-validation: ")).findFirst().orElseThrow();
    assertTrue(summary.startsWith("cross-validation: 3 of 3 folds completed"), summary);
    assertTrue(o.out().contains("\n" + summary + "\n"), o.out());
    assertEquals(rowsWithoutRuns(folder(tmp.resolve("whole-folds"))), rowsWithoutRuns(folder(out)));
  }

  /** A penguins sweep of 3 epochs over {@code experiment} (in a folder of its own), stopped in point 2's epoch 3. */
  private static Path stoppedPenguins(Path experiment, Path out) throws Exception {
    stoppedAt("epoch-0002.ckpt:2:temp:exit", 143, "train", experiment.toString(), "--set", "training.epochs=3",
        "--sweep", "optimizer.learning-rate=0.01,0.003,0.001", "--output", out.toString(), "--plain");
    return folder(out);
  }

  private Path penguinsCopy(String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.createDirectories(dir.resolve("data"));
    Files.copy(Cli.EXAMPLES.resolve("penguins.yaml"), dir.resolve("penguins.yaml"));
    Files.copy(Cli.EXAMPLES.resolve("data").resolve("penguins.csv"), dir.resolve("data").resolve("penguins.csv"));
    return dir.resolve("penguins.yaml");
  }

  /**
   * Data changed since the sweep started: the points left would train on other data than the points done (stopped
   * between points, the resume trained on it in silence; stopped in a point, that point was marked failed for good).
   * Refused, the table as it was; with --allow-changed-data the sweep goes on, and says so.
   */
  @Test
  void aSweepWhoseDataChangedGoesOnOnlyWhenAllowed() throws Exception {
    Path experiment = penguinsCopy("changed");
    Path folder = stoppedPenguins(experiment, tmp.resolve("changed-runs"));
    String table = Files.readString(folder.resolve("sweep.csv"));
    java.util.Map<String, Integer> files = listing(folder.getParent());
    Path data = experiment.resolveSibling("data").resolve("penguins.csv");
    // two rows swapped: other data of as many rows, so that a checkpoint taken partway through an epoch (where the
    // stop lands depends on the machine) still fits the split
    byte[] original = Files.readAllBytes(data);
    List<String> rows = new ArrayList<>(Files.readAllLines(data));
    java.util.Collections.swap(rows, 1, 2);
    Files.writeString(data, String.join("\n", rows) + "\n");
    Cli.Outcome refused = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(2, refused.code(), refused.describe());
    assertTrue(refused.err().startsWith("nn: the data changed since the sweep " + folder + " started: " + data
        + " (SHA-256 "), refused.err());
    assertTrue(refused.err().endsWith("give --allow-changed-data to train the points left on the data as it is now\n"),
        refused.err());
    assertEquals(table, Files.readString(folder.resolve("sweep.csv")));
    assertEquals(files, listing(folder.getParent()), "nothing begun or left half-written");
    // allowed, but the interrupted point's run cannot go on (another process trains in it): nothing trained on the
    // changed data, so the sweep's record is left as it was
    String before = Files.readString(folder.resolve("sweep.yaml"));
    Path run = Path.of(Files.readAllLines(folder.resolve("sweep.csv")).get(2).split(",")[2]);
    dev.nn.core.run.RunLock held = dev.nn.core.run.RunDirectory.open(run).lock();
    try {
      Cli.Outcome busy = Cli.run("train", "--resume", folder.toString(), "--allow-changed-data", "--plain");
      assertEquals(2, busy.code(), busy.describe());
      assertTrue(busy.err().contains("whose run could not be resumed"), busy.err());
    } finally {
      held.close();
    }
    assertEquals(before, Files.readString(folder.resolve("sweep.yaml")));
    Cli.Outcome allowed = Cli.run("train", "--resume", folder.toString(), "--allow-changed-data", "--plain");
    assertEquals(0, allowed.code(), allowed.describe());
    assertTrue(allowed.err().startsWith("nn: note: the data changed since the sweep started"), allowed.err());
    assertTrue(allowed.out().endsWith("sweep: 3 of 3 points completed\nsweep table    " + folder.resolve("sweep.md")
        + "\n"), allowed.out());
    // the resume's files are the sweep's now: the data it started with, put back, is a change since
    String record = Files.readString(folder.resolve("sweep.yaml"));
    assertTrue(record.contains("allowed-changes:\n- 20"), record);
    assertTrue(record.contains(" --allow-changed-data took " + data + " SHA-256 "), record);
    Files.write(data, original);
    Cli.Outcome restored = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(2, restored.code(), restored.describe());
    assertTrue(restored.err().startsWith("nn: the data changed since the sweep " + folder + " was last resumed on"
        + " changed files: " + data + " (SHA-256 "), restored.err());
    assertTrue(restored.err().contains(". The points since then are trained on the data as that resume took it: put"
        + " that back, or"
        + " give --allow-changed-data"), restored.err());
    // every point done: nothing to resume is all there is to say, not what a resume would have taken
    String recorded = Files.readString(folder.resolve("sweep.yaml"));
    java.util.Map<String, Integer> done = listing(folder.getParent());
    Cli.Outcome nothing = Cli.run("train", "--resume", folder.toString(), "--allow-changed-data", "--plain");
    assertEquals(2, nothing.code(), nothing.describe());
    assertEquals("nn: " + folder + ": every point of the sweep is done (its table " + folder.resolve("sweep.md")
        + "); there is nothing to resume, and nothing was changed\n", nothing.err());
    assertEquals(recorded, Files.readString(folder.resolve("sweep.yaml")), "no change taken into the record");
    assertEquals(done, listing(folder.getParent()), "nothing begun");
  }

  /**
   * A point that failed is trained again by the sweep's resume, once what failed is mended: its run resumed where it
   * was kept, or, when it failed before it had one, trained from the start; a point whose run was resumed by itself
   * since is taken as that run ended. The sweep then ends as one in which nothing failed.
   */
  @Test
  void failedPointsAreTrainedAgainOnceMended() throws Exception {
    Path out = tmp.resolve("failing");
    // point 1 fails at update 30, in its second epoch, with its run kept; point 2 (samples 1) before its run starts
    Cli.Outcome failing = Cli.run("train", Cli.XOR, "--set", "training.epochs=3", "--set",
        "optimizer={name: failing-sgd, fail-at-update: 30}", "--sweep", "data.train.samples=200,1,200", "--output",
        out.toString(), "--plain");
    assertEquals(2, failing.code(), failing.describe());
    Path folder = folder(out);
    assertTrue(failing.out().endsWith("sweep: 0 of 3 points completed, 3 failed\nsweep table    "
        + folder.resolve("sweep.md") + "\nonce what failed is mended, nn train --resume " + folder + " trains the"
        + " failed points again\n"), failing.out());
    List<String> rows = Files.readAllLines(folder.resolve("sweep.csv"));
    String third = rows.get(3).split(",")[2];
    try {
      FailingSgdProvider.mended = true;
      // the third point's run resumed by itself, and completed: the sweep takes it as it is
      assertEquals(0, Cli.run("train", "--resume", third, "--plain").code());
      Cli.Outcome resumed = Cli.run("train", "--resume", folder.toString(), "--plain");
      // point 2 still fails as it did (one sample cannot be split): nothing about it was mended
      assertEquals(2, resumed.code(), resumed.describe());
      assertTrue(resumed.out().startsWith("resuming the sweep " + folder + ": 0 of 3 points done, 3 to train\n"),
          resumed.out());
      assertTrue(resumed.out().contains("resuming " + rows.get(1).split(",")[2] + "\n"), resumed.out());
      assertTrue(resumed.out().contains("its run " + third + " had completed; the table now says so\n"),
          resumed.out());
      assertTrue(resumed.out().contains("sweep: 2 of 3 points completed, 1 failed\n"), resumed.out());
      List<String> now = Files.readAllLines(folder.resolve("sweep.csv"));
      assertTrue(now.get(1).startsWith("200,completed,"), now.get(1));
      assertTrue(now.get(2).startsWith("1,failed,,"), now.get(2));
      assertTrue(now.get(3).startsWith("200,completed," + third + ","), now.get(3));
    } finally {
      FailingSgdProvider.mended = false;
    }
  }

  /**
   * A jar of the plugin path changed, went or came since the sweep started: the points left would train with other
   * plugins than the points done (only the interrupted point's run compared them, with the plugins it uses). Refused,
   * the table as it was; the jar moved elsewhere unchanged is the same jar; with --allow-changed-plugins the sweep goes
   * on, and says so.
   */
  @Test
  void aSweepWhosePluginsChangedGoesOnOnlyWhenAllowed() throws Exception {
    Path jar = tmp.resolve("plugins").resolve("extra.jar");
    Files.createDirectories(jar.getParent());
    writeJar(jar, "first");
    Path first = Files.copy(jar, tmp.resolve("first.jar"));
    Path out = tmp.resolve("plugin-runs");
    String stopped = stoppedAt("epoch-0002.ckpt:2:temp:exit", 143, with(SWEEP, "--output", out.toString(),
        "--plugin-path", jar.getParent().toString()).toArray(String[]::new));
    Path folder = folder(out);
    String table = Files.readString(folder.resolve("sweep.csv"));
    java.util.Map<String, Integer> files = listing(out);

    writeJar(jar, "second");
    Cli.Outcome changed = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(2, changed.code(), changed.describe() + stopped);
    assertEquals("nn: the plugins changed since the sweep " + folder + " started: " + jar + " (SHA-256 ", changed.err()
        .substring(0, changed.err().indexOf("SHA-256 ") + 8), changed.err());
    assertTrue(changed.err().endsWith("put back the jars the sweep started with, or give --allow-changed-plugins to"
        + " train the points left with the plugins as they are now\n"), changed.err());
    Path other = tmp.resolve("other.jar");
    writeJar(other, "other");
    Cli.Outcome added = Cli.run("train", "--resume", folder.toString(), "--plain", "--plugin-path",
        jar.getParent() + java.io.File.pathSeparator + other);
    assertTrue(added.err().contains(other + " (not on the plugin path when the sweep started)"), added.err());
    Files.delete(jar);
    Cli.Outcome gone = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertTrue(gone.err().startsWith("nn: the plugins changed since the sweep " + folder + " started: " + jar
        + " (gone). "), gone.err());
    assertEquals(table, Files.readString(folder.resolve("sweep.csv")));
    assertEquals(files, listing(out), "nothing begun or left half-written");

    Path moved = tmp.resolve("moved").resolve("renamed.jar");
    Files.createDirectories(moved.getParent());
    Files.copy(first, moved);
    Cli.Outcome sameJar = Cli.run("train", "--resume", folder.toString(), "--plain", "--plugin-path",
        moved.toString());
    assertEquals(0, sameJar.code(), sameJar.describe());
    assertFalse(sameJar.err().contains("changed"), sameJar.err());
  }

  /** Another stopped sweep with a changed plugin jar goes on when allowed, and says so. */
  @Test
  void aSweepWithChangedPluginsAllowedSaysSo() throws Exception {
    Path jar = tmp.resolve("extra.jar");
    writeJar(jar, "first");
    Path out = tmp.resolve("allowed-runs");
    stoppedAt("epoch-0002.ckpt:2:temp:exit", 143, with(SWEEP, "--output", out.toString(), "--plugin-path",
        jar.toString()).toArray(String[]::new));
    writeJar(jar, "second");
    Cli.Outcome allowed = Cli.run("train", "--resume", folder(out).toString(), "--allow-changed-plugins", "--plain");
    assertEquals(0, allowed.code(), allowed.describe());
    // after the plugin path's own warning, which reading the experiment gives
    assertTrue(allowed.err().contains("\nnn: note: the plugins changed since the sweep started: " + jar
        + " (SHA-256 "), allowed.err());
    assertTrue(allowed.err().contains(" then); --allow-changed-plugins trains the points left with them as they are"
        + " now"), allowed.err());
    assertTrue(allowed.out().endsWith("sweep: 3 of 3 points completed\nsweep table    " + folder(out).resolve(
        "sweep.md") + "\n"), allowed.out());
  }

  /**
   * A sweep whose own table cannot be written (a full disk) stops saying how to go on once that is mended, and the
   * resume then ends the sweep. Where the tests run as root and may mount: on a 300 KB tmpfs, which the second point's
   * checkpoint and then the table fill; made larger for the resume.
   */
  @Test
  void aSweepWhoseTableCannotBeWrittenSaysHowToGoOn() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(shell("id -u | grep -qx 0"), "runs as root, who may mount");
    Path disk = Files.createDirectory(tmp.resolve("small"));
    org.junit.jupiter.api.Assumptions.assumeTrue(shell("mount -t tmpfs -o size=300k tmpfs " + disk),
        "this root may mount a tmpfs");
    try {
      Cli.Outcome full = Cli.run("train", Cli.EXAMPLES.resolve("digits.yaml").toString(), "--set",
          "training.epochs=8", "--set", "training.early-stopping=null", "--sweep",
          "optimizer.learning-rate=0.05,0.1", "--output", disk.toString(), "--plain");
      assertEquals(2, full.code(), full.describe());
      Path folder = folder(disk);
      assertTrue(full.err().endsWith("nn: cannot write " + folder.resolve("sweep.csv") + ": No space left on device\n"
          + "nn: the sweep's table could not be written; once that is mended, nn train --resume " + folder
          + " continues the sweep\n"), full.err());
      assertTrue(shell("mount -o remount,size=8m " + disk));
      Cli.Outcome resumed = Cli.run("train", "--resume", folder.toString(), "--plain");
      assertEquals(0, resumed.code(), resumed.describe());
      assertTrue(resumed.out().contains("sweep: 2 of 2 points completed\n"), resumed.out());
    } finally {
      shell("umount " + disk);
    }
  }

  /** A disk too full for the sweep's first files: it trained nothing, and leaves no folder (one held its lock alone). */
  @Test
  void aSweepThatCannotWriteItsRecordLeavesNoFolder() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(shell("id -u | grep -qx 0"), "runs as root, who may mount");
    Path disk = Files.createDirectory(tmp.resolve("tiny"));
    org.junit.jupiter.api.Assumptions.assumeTrue(shell("mount -t tmpfs -o size=64k tmpfs " + disk),
        "this root may mount a tmpfs");
    try {
      assertTrue(shell("head -c 65536 /dev/zero > " + disk.resolve("filler") + "; true"));
      Path out = Files.createDirectory(disk.resolve("out"));
      Cli.Outcome full = Cli.run(with(SWEEP, "--output", out.toString()).toArray(String[]::new));
      assertEquals(2, full.code(), full.describe());
      assertTrue(full.err().contains(": No space left on device\nnn: the sweep trained nothing; its folder "),
          full.err());
      try (Stream<Path> left = Files.list(out)) {
        assertEquals(List.of(), left.toList());
      }
    } finally {
      shell("umount " + disk);
    }
  }

  private static boolean shell(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  /** A jar holding one text file whose content is {@code text}: a plugin path entry that provides no plugin. */
  private static void writeJar(Path jar, String text) throws Exception {
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("notes.txt"));
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  /**
   * The interrupted point's run refuses to go on (here another process trains in it): nothing is trained, the sweep
   * stops there with its table as it was (the point was marked failed for good, and the next point trained).
   */
  @Test
  void aResumedPointThatRefusesStopsTheSweepAndLeavesItsTable() throws Exception {
    Path folder = stoppedInPoint2("busy");
    String table = Files.readString(folder.resolve("sweep.csv"));
    java.util.Map<String, Integer> files = listing(folder.getParent());
    Path run = Path.of(Files.readAllLines(folder.resolve("sweep.csv")).get(2).split(",")[2]);
    dev.nn.core.run.RunLock held = dev.nn.core.run.RunDirectory.open(run).lock();
    try {
      Cli.Outcome refused = Cli.run("train", "--resume", folder.toString(), "--plain");
      assertEquals(2, refused.code(), refused.describe());
      assertTrue(refused.err().contains("another thread of this process is training in this run directory"), refused.err());
      assertTrue(refused.err().endsWith("nn: the sweep stops at point 2 of 3, whose run could not be resumed; its"
          + " table " + folder.resolve("sweep.md") + " is as it was\n"), refused.err());
    } finally {
      held.close();
    }
    assertEquals(table, Files.readString(folder.resolve("sweep.csv")));
    assertEquals(files, listing(folder.getParent()), "nothing begun or left half-written");
    Cli.Outcome then = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(0, then.code(), then.describe());
    assertEquals(neverStopped(), rowsWithoutRuns(folder));
  }

  /**
   * The interrupted point's run directory removed since: the point is trained from the start (every resume stopped at
   * it), and the sweep ends as one never stopped.
   */
  @Test
  void anInterruptedPointWhoseRunIsGoneIsTrainedFromTheStart() throws Exception {
    Path folder = stoppedInPoint2("gone");
    Path run = Path.of(Files.readAllLines(folder.resolve("sweep.csv")).get(2).split(",")[2]);
    try (Stream<Path> files = Files.walk(run)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Cli.Outcome o = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("its run " + run + " is gone; the point is trained from the start\n"), o.out());
    assertEquals(neverStopped(), rowsWithoutRuns(folder));
  }

  /**
   * Two processes never run one sweep: a second resume while the first holds the sweep is refused before it changes
   * anything (it marked the first one's point failed and trained the next point a second time).
   */
  @Test
  void aSweepAnotherProcessRunsIsRefused() throws Exception {
    Path folder = stoppedInPoint2("held");
    String table = Files.readString(folder.resolve("sweep.csv"));
    java.util.Map<String, Integer> files = listing(folder.getParent());
    SweepRecord.Held held = SweepRecord.lock(folder);
    try {
      Cli.Outcome o = Cli.run("train", "--resume", folder.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: " + folder + ": another nn process is running this sweep (it holds .lock); wait for it to end,"
          + " or stop it, before resuming\n", o.err());
    } finally {
      held.close();
    }
    assertEquals(table, Files.readString(folder.resolve("sweep.csv")));
    assertEquals(files, listing(folder.getParent()), "nothing begun or left half-written");
  }

  /**
   * A table that says otherwise than its runs (a row edited from interrupted to completed) is refused: the resume
   * took the row's word and said every point completed.
   */
  @Test
  void aRowThatContradictsItsRunIsRefused() throws Exception {
    Path folder = stoppedInPoint2("edited");
    Path csv = folder.resolve("sweep.csv");
    String written = Files.readString(csv);
    List<String> lines = Files.readAllLines(csv);
    String first = lines.get(1).split(",")[2];
    String second = lines.get(2).split(",")[2];
    java.util.Map<String, String> edits = new java.util.LinkedHashMap<>();
    edits.put(written.replace(",interrupted,", ",completed,"), "line 3 says point 2 completed, but its run " + second
        + " is interrupted; the table was changed since the sweep wrote it");
    edits.put(written.replace("," + second + ",", "," + first + ","), "line 3 names the run " + first + ", which"
        + " another line names too; the table was changed since the sweep wrote it");
    // XOR holds out no rows: a completed row has no figures, and one given to it is not its run's
    assertTrue(lines.get(1).endsWith("," + first + ",,,,,"), lines.get(1));
    edits.put(written.replace("," + first + ",,,", "," + first + ",accuracy,0.5,"), "line 2 says point 1"
        + " completed with other figures than its run " + first + " records; the table was changed since the sweep"
        + " wrote it");
    for (java.util.Map.Entry<String, String> edit : edits.entrySet()) {
      Files.writeString(csv, edit.getKey());
      java.util.Map<String, Integer> files = listing(folder.getParent());
      Cli.Outcome o = Cli.run("train", "--resume", folder.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: " + csv + ": " + edit.getValue() + "\n", o.err());
      assertEquals(files, listing(folder.getParent()), "nothing begun or left half-written");
    }
  }

  /** A sweep folder moved without its runs is refused: its points would be split between two places. */
  @Test
  void aSweepMovedWithoutItsRunsIsRefused() throws Exception {
    Path out = tmp.resolve("left");
    sweepStoppedAt("epoch-0002.ckpt:2:temp:exit", out, 143);
    Path folder = Files.move(folder(out), Files.createDirectory(tmp.resolve("elsewhere")).resolve("sweep"));
    java.util.Map<String, Integer> files = listing(tmp);
    Cli.Outcome o = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals(files, listing(tmp), "nothing begun or left half-written");
    assertTrue(o.err().startsWith("nn: " + folder + ": the sweep's runs are not beside its folder ("), o.err());
  }

  /**
   * A sweep folder moved with its runs goes on beside its new place: the resume made the old output folder again and
   * trained the point left there.
   */
  @Test
  void aSweepMovedWithItsRunsGoesOnWhereItIsNow() throws Exception {
    Path out = tmp.resolve("before");
    sweepStoppedAt("epoch-0002.ckpt:2:temp:exit", out, 143);
    Path moved = Files.move(out, tmp.resolve("after"));
    Path folder = folder(moved);
    Cli.Outcome o = Cli.run("train", "--resume", folder.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    assertFalse(Files.exists(out), "the old output folder is not made again");
    try (Stream<Path> runs = Files.list(moved)) {
      assertEquals(4, runs.count(), "three runs and the sweep's folder");
    }
    assertEquals(neverStopped(), rowsWithoutRuns(folder));
    for (String file : List.of("sweep.csv", "sweep.md")) {
      String text = Files.readString(folder.resolve(file));
      assertFalse(text.contains(out.toString()), "every run named where it is now: " + text);
      assertEquals(3, text.split(moved + "/xor-", -1).length - 1, text);
    }
  }

  /**
   * A fold's run records the command that trains it alone: the cross-validation's, without --folds (which would train
   * every fold again), with its data.test as a --set.
   */
  @Test
  void aFoldsRunRecordsTheCommandThatTrainsItAlone() {
    assertEquals(List.of("nn", "train", "x.yaml", "--set", "training.epochs=3", "--set", "data.test={fold: 1, of: 3}"),
        SweepRunner.pointCommandLine(List.of("nn", "train", "x.yaml", "--folds", "3", "--set", "training.epochs=3"),
            List.of("data.test={fold: 1, of: 3}")));
    assertEquals(List.of("nn", "train", "x.yaml", "--set", "seed=2"),
        SweepRunner.pointCommandLine(List.of("nn", "train", "x.yaml", "--folds=3", "--sweep=seed=1,2"),
            List.of("seed=2")));
  }

  /** A sweep folder without its sweep.yaml is named as one, with what can be done, not as "not a run directory". */
  @Test
  void aSweepFolderWithoutItsRecordSaysSo() throws Exception {
    Path folder = stoppedInPoint2("no-record");
    Files.delete(folder.resolve(SweepRecord.FILE));
    Cli.Outcome o = Cli.run("train", "--resume", folder.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + folder + ": a sweep's folder without its sweep.yaml"), o.err());
  }
}
