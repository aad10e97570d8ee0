package dev.nn.cli;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ProblemReport;
import dev.nn.core.experiment.TrainingInterruptedException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.sweep.SweepRecord;
import dev.nn.core.sweep.SweepTable;
import dev.nn.core.text.CommandName;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Spread;
import dev.nn.spi.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code nn train EXPERIMENT.yaml --sweep KEY=V1,V2 …}: trains every point of the grid in turn, each as an
 * ordinary run (its own run directory) with the command's {@code --set}s followed by the point's values, and
 * keeps the results in a sweep folder {@code <output>/<name>-sweep-<yyyyMMdd-HHmmss>/} ({@link SweepTable}).
 * A point that fails — an invalid value, bad data, a divergence — is reported and marked, and the sweep goes
 * on with the next.
 *
 * <p>Exit code: 0 when every point completed; 3 when some point diverged; otherwise 2 when some point failed.
 */
final class SweepRunner {
  /** Trains one new run with the given {@code --set}s and prints its result, as {@code nn train} does. */
  @FunctionalInterface
  interface Training {
    /** Trains with {@code sets}, telling {@code runDirectory} where as soon as the run directory exists. */
    TrainingRun.Result train(List<String> sets, java.util.function.Consumer<Path> runDirectory);
  }

  /** Continues an interrupted point's run and prints its result, as {@code nn train --resume} does. */
  @FunctionalInterface
  interface Resuming {
    /** Resumes the run in {@code runDirectory}. */
    TrainingRun.Result resume(Path runDirectory);
  }

  private final NnCommand root;
  private final String experiment;
  private final List<String> sets;
  private final Path output;
  private final Training training;
  private boolean crossValidation;
  private int folds;
  /**
   * A new sweep's record, or a resumed one's {@linkplain SweepRecord#rehashed taken again} as it resumes, against
   * which each point after the first it trains checks its files.
   */
  private SweepRecord started;
  /** What {@link #started}'s digests are from, as its checks say it. */
  private String startedWhen = SweepRecord.STARTED;
  /**
   * The record on disk before this resume wrote the changed files it took, until a point trains on them: put back if
   * the interrupted point's run refuses to go on, when nothing trained on them.
   */
  private SweepRecord untaken;
  /** The --allow-changed-… options a resume was given, which the command to resume again repeats. */
  private List<String> resumeOptions = List.of();
  /** What changed since the sweep and the resume was allowed to take: said once the resume goes on. */
  private List<String> changeNotes = List.of();

  /**
   * @param experiment the experiment file, as typed
   * @param sets the {@code --set}s every point gets before its own values
   * @param output {@code --output}, or null for the experiment's {@code output.dir}
   */
  SweepRunner(NnCommand root, String experiment, List<String> sets, Path output, Training training) {
    this.root = root;
    this.experiment = experiment;
    this.sets = List.copyOf(sets);
    this.output = output;
    this.training = training;
  }

  /**
   * This runner for a cross-validation ({@code --folds}): its last axis is {@code data.test} over the folds, and at
   * the end it gives the mean and spread of the folds' figures, for each combination of the other axes' values.
   */
  SweepRunner crossValidating(int folds) {
    crossValidation = true;
    this.folds = folds;
    return this;
  }

  /** How this sweep's lines name it: a cross-validation alone is K runs, one per fold, not a sweep the user wrote. */
  private SweepWords words(int points) {
    return crossValidation && points == folds ? SweepWords.FOLDS : SweepWords.SWEEP;
  }

  /** Runs the grid of {@code sweepOptions} and returns the exit code. */
  int run(List<String> sweepOptions) {
    SweepGrid grid;
    try {
      grid = SweepGrid.of(sweepOptions);
    } catch (SweepAxis.Invalid e) {
      // a malformed option is a usage error, which says where the options are told
      throw new CommandFailure("nn: " + e.getMessage() + "; see nn train --help");
    }
    // the experiment without the swept values must be valid: a mistake common to all points is reported once
    Experiment base = Failures.readingConfig(experiment, () -> Experiments.load(root.nn(), experiment, sets));
    Path into = output != null ? output : root.nn().outputDirectory(base, TrainingRun.Options.defaults());
    if (crossValidation && base.trainsOnASparkTable()) {
      // said of --folds, once: each point's data.test would be refused as if the user had swept it
      throw new CommandFailure("nn: --folds " + folds + " tests each run on a fold of data.train, but the training"
          + " source of " + experiment + " is a spark table, whose hold-outs are split off it by a fraction where its"
          + " rows lie (data.test: {split: f}), not by folds; cross-validate a csv or idx source, or train without"
          + " --folds");
    }
    if (crossValidation) {
      // the folds replace the experiment's own test data: a file kept for a final test is not read
      base.testSource().ifPresent(test -> root.err().println("nn: note: --folds tests each run on a fold of"
          + " data.train; data.test, " + Printable.of(test) + ", is not used. Without --folds the run tests on it"));
    }
    List<List<String>> points = grid.points();
    // and so must every point, before anything is written: a misspelt swept key or a value that does not
    // parse is one report, not a failure per point and a sweep folder of failed rows; every invalid point is
    // in it, so that the values are mended at once, not one run of nn at a time
    StringBuilder invalid = new StringBuilder();
    RuntimeException first = null;
    // a report the same as an earlier point's (a misspelt swept key) is said once, then referred to
    java.util.Map<String, Integer> reported = new java.util.HashMap<>();
    // the data files some point reads, which the sweep records so that a resume trains on the same data
    Set<Path> dataFiles = new java.util.LinkedHashSet<>();
    for (int i = 0; i < points.size(); i++) {
      List<String> all = new ArrayList<>(sets);
      all.addAll(grid.sets(points.get(i)));
      String sets = String.join(" ", grid.sets(points.get(i)));
      // the point's values as given, whole at any usual length; a key of 100,000 characters is not repeated whole
      String point = "nn: " + words(points.size()).pointLabel() + " " + (i + 1) + "/" + points.size() + " ("
          + (sets.length() <= 200 ? sets : sets.substring(0, 200) + "…(" + sets.length() + " characters)")
          + ") is not valid";
      String report;
      try {
        Experiment loaded = Experiments.load(root.nn(), experiment, all);
        // a YARN or Kubernetes master no point of this command can train: said now, not when its turn comes
        Optional<String> cannot = root.clusterOnly() ? Optional.empty() : loaded.distributed()
            .filter(dev.nn.core.config.DistributedSpec::needsSparkSubmit)
            .map(dev.nn.core.config.DistributedSpec::sparkSubmitNeeded);
        if (cannot.isEmpty()) {
          dataFiles.addAll(loaded.dataFiles());
          continue;
        }
        report = cannot.get() + "\n";
        first = first == null ? new CommandFailure("nn: " + cannot.get()) : first;
      } catch (ConfigException e) {
        report = ProblemReport.format(experiment, e.problems());
        // a swept value came from --sweep, though it is applied as an override
        for (String set : grid.sets(points.get(i))) {
          report = report.replace("(from --set " + set + ")", "(from --sweep " + set + ")")
              .replace("--set " + set + ":", "--sweep " + set + ":");
        }
        first = first == null ? e : first;
      } catch (CommandFailure e) {
        report = e.getMessage().replaceFirst("^nn: ", "") + "\n";
        first = first == null ? e : first;
      }
      // the same but for the point's own --set text (a misspelt swept key's report quotes it)
      String shape = report;
      for (String set : grid.sets(points.get(i))) {
        shape = shape.replace(set, set.substring(0, set.indexOf('=') + 1));
      }
      Integer same = reported.putIfAbsent(shape, i + 1);
      invalid.append(invalid.length() == 0 ? "" : same == null ? "\n" : "").append(point)
          .append(same == null ? ":\n" + report : ", as point " + same + " is\n");
    }
    if (first != null) {
      throw new CommandFailure(invalid.toString(), first);
    }
    // and a problem only reading the data finds (too few rows for the folds, say), when no point escapes it, is
    // said once, before anything is written, rather than once per point beside an empty sweep
    int[] code = new int[1];
    String everyPoint = problemOfEveryPoint(grid, points, code);
    if (everyPoint != null) {
      root.err().print(everyPoint);
      // a cross-validation alone is K runs, one per fold, not a sweep the user wrote
      root.err().println("nn: none of the " + points.size() + (words(points.size()) == SweepWords.FOLDS
          ? " folds' runs" : " sweep points") + " can train; nothing was written");
      return code[0];
    }
    boolean intoExisted = java.nio.file.Files.isDirectory(into);
    Path folder = SweepTable.createFolder(into, base.name());
    // held while the sweep runs: a resume of it in another process is refused
    SweepRecord.Held lock = SweepRecord.lock(folder);
    // named from the start, before the stop's note (which then leaves it): a kill before the record is written leaves
    // the folder holding its lock alone, which the launcher then says to delete; after it, a resume goes on (it makes
    // the table when it is missing)
    LauncherNote.sweep(root.env(), folder);
    SweepTable table = new SweepTable(folder, base.name() + " (" + experiment + ")",
        grid.axes().stream().map(SweepAxis::key).toList(), points);
    // watching from before the table's first write: a stop during it leaves no folder behind
    SweepStop stop = newStop(table, into, words(points.size()));
    PrintStream out = root.out();
    SweepRecord record = SweepRecord.starting(experiment, sets, sweepOptions, folds, into, root.pluginPathEntries(),
        root.commandLineForProvenance(), dataFiles);
    started = record;
    try {
      try {
        stop.finishing(() -> {
          record.write(folder);
          table.write();
        });
      } catch (java.io.UncheckedIOException e) {
        // a sweep that cannot write its record or table (a full disk) trained nothing: no folder, as one never begun
        throw new CommandFailure("nn: " + e.getMessage() + (removed(table) ? "\nnn: the sweep trained nothing; its"
            + " folder " + folder + " was removed" : ""), e);
      }
      out.println(root.fitted(words(points.size()).whole() + " of " + words(points.size()).count(points.size())
          + " into " + folder));
      return keepingTheTable(folder, () -> runPoints(grid, points, table, folder, into, intoExisted, out, stop, null));
    } finally {
      stop.close();
      lock.close();
    }
  }

  /** Removes the folder of a sweep that trained nothing, as far as it can; whether it is gone. */
  private static boolean removed(SweepTable table) {
    try {
      table.delete();
    } catch (java.io.UncheckedIOException leftBehind) {
      // a file it could not remove (or one it does not know) keeps the folder
    }
    return !java.nio.file.Files.exists(table.folder());
  }

  /**
   * Continues the sweep of {@code folder}, which this runner was made from the record of: the points done stay as
   * its table has them, an interrupted point's run is resumed ({@code resuming}), and the points that did not start
   * are trained. Returns the exit code the whole sweep would have had.
   */
  int resume(Path folder, SweepRecord record, Resuming resuming) {
    SweepRecord.Held lock = SweepRecord.lock(folder);
    try {
      // the files the points left train on are those of now, which a resume may have been allowed to take
      started = record.rehashed(root.pluginPathEntries());
      startedWhen = "when the sweep was resumed";
      return resumeHolding(folder, record, resuming);
    } finally {
      lock.close();
    }
  }

  private int resumeHolding(Path folder, SweepRecord record, Resuming resuming) {
    SweepGrid grid;
    try {
      grid = SweepGrid.of(record.sweeps());
    } catch (SweepAxis.Invalid e) {
      throw new CommandFailure("nn: " + folder.resolve(SweepRecord.FILE) + ": damaged: " + e.getMessage());
    }
    List<List<String>> points = grid.points();
    Experiment base = Failures.readingConfig(experiment, () -> Experiments.load(root.nn(), experiment, sets));
    String title = base.name() + " (" + experiment + ")";
    List<String> keys = grid.axes().stream().map(SweepAxis::key).toList();
    // stopped after its record and before its table (neither file there): no point began, and every one is to train
    boolean untabled = !java.nio.file.Files.exists(folder.resolve(SweepTable.CSV))
        && !java.nio.file.Files.exists(folder.resolve(SweepTable.MARKDOWN));
    SweepTable table = untabled ? new SweepTable(folder, title, keys, points)
        : SweepTable.continuing(folder, title, keys, points);
    int left = 0;
    for (int i = 0; i < points.size(); i++) {
      left += kept(table.row(i).status()) ? 0 : 1;
    }
    SweepWords words = words(points.size());
    if (left == 0) {
      throw new CommandFailure("nn: " + folder + ": every " + words.one() + " of the " + words.whole() + " is done (its table "
          + folder.resolve(SweepTable.MARKDOWN) + "); there is nothing to resume, and nothing was changed");
    }
    // a sweep's runs are beside its folder, wherever the folder was moved with them since
    Path into = folder.toAbsolutePath().normalize().getParent();
    requireRunsAgree(folder, table, grid, points);
    for (String note : changeNotes) {
      root.err().println(root.fittedErr(note));
    }
    if (!resumeOptions.isEmpty()) {
      // what the resume was allowed to take is recorded, for a later one to be checked against the files the points
      // from here on train on
      SweepRecord taking = record.takingChangesNow(root.pluginPathEntries(), resumeOptions, java.time.Instant.now());
      if (taking != record) {
        taking.write(folder);
        untaken = record;
      }
    }
    SweepStop stop = newStop(table, into, words).continuing();
    PrintStream out = root.out();
    LauncherNote.sweep(root.env(), folder);
    try {
      out.println(root.fitted("resuming the " + words.whole() + " " + folder + ": " + (points.size() - left) + " of "
          + words.count(points.size()) + " done, " + left + " to train"));
      return keepingTheTable(folder, () -> runPoints(grid, points, table, folder, into, true, out, stop, resuming));
    } finally {
      stop.close();
    }
  }

  /**
   * Refuses a table that does not say what its runs say, as an edit of sweep.csv would leave it: a completed,
   * diverged or failed point whose run (where it is still there) ended otherwise, or a completed one with other figures
   * than its run's, or naming no run; a row that names another point's run (its overrides lack the point's values), or
   * a run that another row names too; and runs that are not beside the sweep's folder, where its points go on (a folder
   * moved without its runs would split them between two places).
   */
  private void requireRunsAgree(Path folder, SweepTable table, SweepGrid grid, List<List<String>> points) {
    Path into = folder.toAbsolutePath().normalize().getParent();
    Set<Path> named = new HashSet<>();
    for (int i = 0; i < table.points(); i++) {
      SweepTable.Row row = table.row(i);
      String status = row.status();
      String line = "nn: " + folder.resolve(SweepTable.CSV) + ": line " + (i + 2) + " ";
      Path run = table.runDirectoryOf(i);
      if (run == null) {
        if (status.equals("completed") || status.equals("diverged")) {
          throw new CommandFailure(line + "says point " + (i + 1) + " " + status + ", but it names no run directory;"
              + " the table was changed since the sweep wrote it");
        }
        continue;
      }
      if (!RunRecord.isRunDirectory(run)) {
        continue;
      }
      Path where = run.toAbsolutePath().normalize();
      if (!into.equals(where.getParent())) {
        throw new CommandFailure("nn: " + folder + ": the sweep's runs are not beside its folder (" + run + " is in "
            + where.getParent() + "), where the points left would be trained; move the folder back beside its runs,"
            + " or its runs beside it");
      }
      if (!named.add(where)) {
        throw new CommandFailure(line + "names the run " + run + ", which another line names too; the table was"
            + " changed since the sweep wrote it");
      }
      RunRecord record = RunRecord.read(run);
      List<String> values = grid.sets(points.get(i));
      if (!record.overrides().containsAll(values)) {
        throw new CommandFailure(line + "names the run " + run + ", which trained another point (its overrides are "
            + String.join(" ", record.overrides()) + ", not " + String.join(" ", values) + "); the table was changed"
            + " since the sweep wrote it");
      }
      boolean ended = kept(status);
      if (ended && !record.status().equals(status) || status.equals("completed")
          && !(java.util.Objects.equals(row.validation(), RunRecord.inTable(record.validation()))
              && java.util.Objects.equals(row.test(), RunRecord.inTable(record.test())))) {
        throw new CommandFailure(line + "says point " + (i + 1) + " " + status + (ended && !record.status()
            .equals(status) ? ", but its run " + run + " is " + record.status() : " with other figures than its run "
                + run + " records") + "; the table was changed since the sweep wrote it");
      }
    }
  }

  /**
   * The watch of a sweep whose table is {@code table}: the bar stopped, and on a terminal the line of the echoed ^C
   * erased, before the sweep speaks.
   */
  private SweepStop newStop(SweepTable table, Path into, SweepWords words) {
    SweepStop stop = new SweepStop(table, into, root.err(), words, root::fittedErr, () -> {
      ProgressBar.stopLive();
      if (root.errDrawsInPlace()) {
        root.err().print(LauncherWatch.launcherGone() ? "\n" : "\r" + ProgressBar.ERASE_TO_END);
        root.err().flush();
      }
    });
    LauncherNote.stopsSaid(root.env());
    return stop;
  }

  /**
   * Runs the sweep's points; a table that cannot be written (a full disk) ends the sweep with how to go on once that
   * is mended: the point it was at is marked running, which a resume takes for interrupted.
   */
  private static int keepingTheTable(Path folder, java.util.function.IntSupplier points) {
    try {
      return points.getAsInt();
    } catch (java.io.UncheckedIOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("cannot write " + folder)) {
        throw new CommandFailure("nn: " + e.getMessage() + "\nnn: the sweep's table could not be written; once that is"
            + " mended, " + CommandName.resume(folder) + " continues the sweep", e);
      }
      throw e;
    }
  }

  /**
   * Whether a resume leaves a point of this status as it is: it completed, or diverged (at the same settings it would
   * again). A failed point is trained again — its run resumed, once the cause (a full disk, a plugin's bug) is
   * mended, or taken as it is when it was resumed by itself since.
   */
  private static boolean kept(String status) {
    return List.of("completed", "diverged").contains(status);
  }

  /** Trains every point in turn, keeping the table, and returns the exit code. */
  private int runPoints(SweepGrid grid, List<List<String>> points, SweepTable table, Path folder, Path into,
      boolean intoExisted, PrintStream out, SweepStop stop, Resuming resuming) {
    int completed = 0;
    int diverged = 0;
    boolean anyRun = resuming != null;
    boolean trainedOne = false;
    SweepWords words = words(points.size());
    // the report of the last point that failed before its run directory existed, and that point's number
    String lastEarlyFailure = null;
    int lastEarlyPoint = 0;
    for (int i = 0; i < points.size(); i++) {
      if (dev.nn.core.experiment.JvmShutdown.inProgress()) {
        // stopped between points: the sweep's hook says so; no further point starts
        dev.nn.core.experiment.JvmShutdown.awaitEnd();
      }
      String status = table.row(i).status();
      if (resuming != null && kept(status)) {
        // done before the sweep was interrupted: kept as its table has it
        completed += status.equals("completed") ? 1 : 0;
        diverged += status.equals("diverged") ? 1 : 0;
        continue;
      }
      if (started != null && trainedOne) {
        requireUnchangedSinceStart(folder, i, points.size());
      }
      trainedOne = true;
      List<String> pointSets = grid.sets(points.get(i));
      out.println();
      out.println(root.fitted(words.pointLabel() + " " + (i + 1) + "/" + points.size() + ": "
          + String.join(" ", pointSets)));
      // an interrupted point's run (or one killed as it trained) continues where it stopped
      Path started = resuming == null ? null : table.runDirectoryOf(i);
      if (started != null && !Files.isDirectory(started)) {
        // its run directory was removed since: nothing to resume, so the point trains from the start
        out.println(root.fitted("its run " + started + " is gone; the point is trained from the start"));
        started = null;
      }
      RunRecord ended = started == null ? null : endedByItself(started);
      if (ended != null) {
        // the run had ended by itself as the sweep was stopped or killed, before its table said so
        out.println(root.fitted("its run " + started + " had " + ended.status() + "; the table now says so"));
        stop.set(i, ended.sweepRow(points.get(i)), null);
        completed += ended.status().equals("completed") ? 1 : 0;
        diverged += ended.status().equals("diverged") ? 1 : 0;
        continue;
      }
      SweepTable.Row previous = table.row(i);
      Set<Path> before = runDirectories(into);
      if (started != null) {
        before.remove(started.toAbsolutePath().normalize());
        before.remove(started);
      }
      stop.set(i, table.row(i).with("running"), before);
      List<String> all = new ArrayList<>(sets);
      all.addAll(pointSets);
      SweepTable.Row row;
      try {
        int point = i;
        TrainingRun.Result r = started != null ? resuming.resume(started) : training.train(all, dir -> stop.set(
            point, table.row(point).in(dir.toString()), before));
        row = new SweepTable.Row(points.get(i), "completed", r.directory().path().toString(),
            figure(r.validation()), figure(r.test()), "");
        untaken = null;
        completed++;
        anyRun = true;
      } catch (TrainingInterruptedException e) {
        // Ctrl-C or SIGTERM stops the whole sweep, not just this point
        throw e;
      } catch (RuntimeException e) {
        if (dev.nn.core.experiment.JvmShutdown.inProgress()) {
          // what failed is the stop's doing (a point that could not start as the JVM stops): the hooks say what
          // happened, the point's and the sweep's; a report here would blame the point
          dev.nn.core.experiment.JvmShutdown.awaitEnd();
        }
        if (started != null && e instanceof dev.nn.core.run.RunFileException) {
          // the interrupted point's run refused to go on (its data changed, another process trains in it): nothing
          // was trained, so the point stays as it was and the sweep stops, for the command to be given again; the
          // files this resume took are not the sweep's until a point trains on them
          stop.set(i, previous, null);
          if (untaken != null) {
            untaken.write(folder);
          }
          throw new CommandFailure(reported(e).text() + "nn: the " + words.whole() + " stops at " + words.one() + " "
              + (i + 1) + " of "
              + points.size() + ", whose run could not be resumed; its table " + folder.resolve(SweepTable.MARKDOWN)
              + " is as it was", e);
        }
        Reported reported = reported(e);
        int code = reported.code();
        String report = reported.text();
        Path dir = started != null ? started : newRunDirectory(into, before);
        anyRun |= dir != null;
        if (dir != null) {
          untaken = null; // a point's run may have trained on the files taken
        }
        if (dir == null && report.equals(lastEarlyFailure)) {
          // the data or setting every point shares: said once, then only referred to
          root.err().println("nn: " + words.pointLabel() + " " + (i + 1) + " failed as " + words.one() + " "
              + lastEarlyPoint + " did");
        } else {
          root.err().print(report);
        }
        if (dir == null && !report.equals(lastEarlyFailure)) {
          lastEarlyFailure = report;
          lastEarlyPoint = i + 1;
        }
        boolean divergedHere = code == Main.DIVERGED;
        diverged += divergedHere ? 1 : 0;
        SweepTable.Figure validation = dir == null ? null : RunRecord.inTable(RunRecord.read(dir).validation());
        row = new SweepTable.Row(points.get(i), divergedHere ? "diverged" : "failed",
            dir == null ? "" : dir.toString(), validation, null, oneLine(report));
      }
      stop.set(i, row, null);
    }
    int failed = points.size() - completed - diverged;
    // repeated measurements of one experiment, over folds or seeds: their mean and spread mean something
    boolean seeds = grid.axes().size() == 1 && grid.axes().get(0).key().equals("seed");
    if (crossValidation || seeds) {
      List<String> summaries = crossValidation ? foldSummaries(grid, table)
          : List.of(spreadSummary("seeds", "runs", rows(table, 0, points.size())));
      stop.finishing(() -> table.summarize(String.join("\n\n", summaries)));
      out.println();
      // the cross-validation lines are long: broken between words on a terminal, as the run's own lines are
      summaries.forEach(line -> out.println(root.fitted(line)));
    }
    if (words == SweepWords.SWEEP) {
      // a cross-validation's own line above says how its folds ended
      out.println();
      out.println(words.whole() + ": " + completed + " of " + words.count(points.size()) + " completed"
          + (diverged > 0 ? ", " + diverged + " diverged" : "") + (failed > 0 ? ", " + failed + " failed" : ""));
    }
    if (anyRun) {
      out.println(root.fitted((words == SweepWords.FOLDS ? "folds table    " : "sweep table    ")
          + folder.resolve(SweepTable.MARKDOWN)));
      if (failed > 0) {
        out.println(root.fitted("once what failed is mended, " + CommandName.resume(folder) + " trains the failed "
            + (failed == 1 ? words.one() : words.many()) + " again"));
      }
    } else {
      // no point got as far as a run directory: the table would only repeat the messages above
      stop.finishing(() -> {
        table.delete();
        if (!intoExisted) {
          removeIfEmpty(into); // created for the sweep's folder alone
        }
      });
      out.println("nothing was trained; the sweep folder was removed");
    }
    return diverged > 0 ? Main.DIVERGED : failed > 0 ? Main.BAD_INPUT : Main.OK;
  }

  /**
   * Stops a new sweep before point {@code i} when its experiment file, a data file or a plugin jar changed since it
   * started: the points after would train another network, on other data or with other code than the points done,
   * in a table that says they differ by the swept values alone (and a changed jar's classes are not loaded again, so
   * a point would record a jar it did not run). The points left stay pending, for a resume once the files are back.
   */
  private void requireUnchangedSinceStart(Path folder, int i, int points) {
    List<String> changed = changedSince(started, root.pluginPathEntries(), startedWhen);
    if (changed.isEmpty()) {
      return;
    }
    SweepWords words = words(points);
    throw new CommandFailure("nn: files changed while the " + words.whole() + " " + folder + " ran: "
        + String.join(", ", changed) + "; the " + words.many() + " done trained on them as they were, so the "
        + words.whole() + " stops before " + words.one() + " " + (i + 1) + " of " + points + ", which would not; put"
        + " them back and " + CommandName.resume(folder)
        + resumeOptions.stream().map(o -> " " + o).collect(java.util.stream.Collectors.joining())
        + " continues it, or start a new " + words.whole());
  }

  /**
   * The --allow-changed-… options a resume was given: if its files change again between points, the command that
   * continues it needs them too (its record keeps the digests of the files as this resume took them).
   */
  SweepRunner resumedWith(List<String> options, List<String> changeNotes) {
    resumeOptions = List.copyOf(options);
    this.changeNotes = List.copyOf(changeNotes);
    return this;
  }

  /** The experiment file, data files and plugin jars that changed since {@code record} was taken, each said so. */
  static List<String> changedSince(SweepRecord record, List<Path> pluginPath) {
    return changedSince(record, pluginPath, SweepRecord.STARTED);
  }

  /** {@link #changedSince(SweepRecord, List)}, the record's digests said to be from {@code when}. */
  static List<String> changedSince(SweepRecord record, List<Path> pluginPath, String when) {
    List<String> changed = new ArrayList<>();
    if (!java.nio.file.Files.isRegularFile(record.experimentFile())) {
      changed.add(record.experiment() + " (gone)");
    } else if (!record.experimentUnchanged()) {
      changed.add(record.experiment() + " (SHA-256 " + record.experimentSha256() + " " + when + ")");
    }
    changed.addAll(record.changedDataFiles(when));
    changed.addAll(record.changedPluginJars(pluginPath, when));
    return changed;
  }

  /** The run in {@code dir} when it completed or diverged by itself (nothing to resume), else null. */
  private static RunRecord endedByItself(Path dir) {
    try {
      RunRecord run = RunRecord.read(dir);
      return run.status().equals("completed") || run.status().equals("diverged") ? run : null;
    } catch (RuntimeException unreadable) {
      return null; // the resume says what is wrong with it
    }
  }

  /**
   * Reads the data and builds the network as point 1 would before training, and when that fails, as each other
   * point would: the reports of the problems (each once) when every point fails so, or null as soon as one
   * point passes. One extra reading of the data when point 1 passes, as it nearly always does.
   *
   * @param code set to the exit code of the first point's problem
   */
  private String problemOfEveryPoint(SweepGrid grid, List<List<String>> points, int[] code) {
    // each report with the points it is of: said once, and labelled with them when the points fail differently
    java.util.Map<String, List<Integer>> reports = new java.util.LinkedHashMap<>();
    for (int i = 0; i < points.size(); i++) {
      List<String> all = new ArrayList<>(sets);
      all.addAll(grid.sets(points.get(i)));
      try {
        Failures.readingConfig(experiment, () -> root.nn().check(Experiments.load(root.nn(), experiment, all)));
        return null;
      } catch (TrainingInterruptedException e) {
        throw e;
      } catch (RuntimeException e) {
        if (dev.nn.core.experiment.JvmShutdown.inProgress()) {
          // what failed is the stop's doing (a point that could not start as the JVM stops): the hooks say what
          // happened, the point's and the sweep's; a report here would blame the point
          dev.nn.core.experiment.JvmShutdown.awaitEnd();
        }
        Reported reported = reported(e);
        if (i == 0) {
          code[0] = reported.code();
        }
        reports.computeIfAbsent(reported.text(), r -> new ArrayList<>()).add(i);
      }
    }
    if (reports.size() == 1) {
      return reports.keySet().iterator().next();
    }
    StringBuilder all = new StringBuilder();
    reports.forEach((report, of) -> {
      String sets = String.join(" ", grid.sets(points.get(of.get(0))));
      all.append("nn: sweep point").append(of.size() == 1 ? " " : "s ")
          .append(String.join(", ", of.stream().map(i -> Integer.toString(i + 1)).toList())).append('/')
          .append(points.size()).append(of.size() == 1 && sets.length() <= 200 ? " (" + sets + ")" : "")
          .append(" cannot train:\n").append(report);
    });
    return all.toString();
  }

  /** What {@code nn train} would print for a failure, and its exit code. */
  private record Reported(String text, int code) {}

  private Reported reported(RuntimeException e) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      code = Failures.report(e, p, root.debug());
    }
    return new Reported(captured.toString(StandardCharsets.UTF_8), code);
  }

  /** Deletes {@code dir} when nothing is in it, as a failed run leaves no folder of its own. */
  private static void removeIfEmpty(Path dir) {
    try {
      java.nio.file.Files.deleteIfExists(dir);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // something else was put there meanwhile: it stays
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Rows {@code from} … {@code to − 1} of {@code table}. */
  private static List<SweepTable.Row> rows(SweepTable table, int from, int to) {
    List<SweepTable.Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(table.row(i));
    }
    return rows;
  }

  /**
   * A cross-validation's summaries: one line for its folds, or, swept with other keys, one per combination of their
   * values (the folds are the last, fastest axis, so each combination's folds are consecutive rows).
   */
  static List<String> foldSummaries(SweepGrid grid, SweepTable table) {
    List<SweepAxis> axes = grid.axes();
    int folds = axes.get(axes.size() - 1).values().size();
    List<List<String>> points = grid.points();
    List<String> summaries = new ArrayList<>();
    for (int start = 0; start < points.size(); start += folds) {
      String what = "cross-validation";
      if (axes.size() > 1) {
        List<String> setting = new ArrayList<>();
        for (int a = 0; a < axes.size() - 1; a++) {
          setting.add(axes.get(a).key() + "=" + points.get(start).get(a));
        }
        what += " of " + String.join(" ", setting);
      }
      summaries.add(spreadSummary(what, "folds", rows(table, start, start + folds)));
    }
    return summaries;
  }

  /**
   * The mean and sample standard deviation (n − 1) of the completed rows' test figures and validation figures (each run's kept epoch's), on
   * one line, for a sweep of repeated measurements (a cross-validation's folds, or seeds); with one completed
   * row, its figures.
   *
   * @param what how the line starts: {@code cross-validation}, {@code seeds}
   * @param unit what the rows are: {@code folds}, {@code runs}
   */
  static String spreadSummary(String what, String unit, List<SweepTable.Row> rows) {
    List<SweepTable.Figure> tests = new ArrayList<>();
    List<SweepTable.Figure> validations = new ArrayList<>();
    int completed = 0;
    int diverged = 0;
    int points = rows.size();
    for (SweepTable.Row r : rows) {
      diverged += r.status().equals("diverged") ? 1 : 0;
      if (r.status().equals("completed")) {
        completed++;
        if (r.test() != null) {
          tests.add(r.test());
        }
        if (r.validation() != null) {
          validations.add(r.validation());
        }
      }
    }
    StringBuilder s = new StringBuilder(what).append(": ").append(completed).append(" of ").append(points)
        .append(' ').append(unit).append(" completed");
    // how the others ended, as a sweep's own end line says it: the folds' line is the end of a cross-validation
    int failed = points - completed - diverged;
    s.append(diverged > 0 ? ", " + diverged + " diverged" : "").append(failed > 0 ? ", " + failed + " failed" : "");
    if (!tests.isEmpty()) {
      s.append("; test ").append(meanAndSpread(tests));
    }
    if (!validations.isEmpty()) {
      s.append("; validation ").append(meanAndSpread(validations));
    }
    return s.toString();
  }

  /** "rmse 307.061 ± 14.5876" (mean ± sample standard deviation), or just the figure for one. */
  private static String meanAndSpread(List<SweepTable.Figure> figures) {
    Spread spread = Spread.of(figures.stream().mapToDouble(SweepTable.Figure::value).toArray());
    String metric = figures.get(0).metric();
    return spread.n() < 2 ? metric + " " + Figures.sixDigits(spread.mean())
        : metric + " " + Figures.sixDigits(spread.mean()) + " ± " + Figures.sixDigits(spread.sd());
  }


  /**
   * The command line that trains one point by itself, for its provenance: the sweep's, without its
   * {@code --sweep} and {@code --folds} options, and with the point's values (a fold's {@code data.test} among them)
   * as {@code --set}s at the end.
   */
  static List<String> pointCommandLine(List<String> sweepCommandLine, List<String> pointSets) {
    List<String> line = new ArrayList<>();
    for (int i = 0; i < sweepCommandLine.size(); i++) {
      String a = sweepCommandLine.get(i);
      if (a.equals("--sweep") || a.equals("--folds")) {
        i++;
      } else if (!a.startsWith("--sweep=") && !a.startsWith("--folds=")) {
        line.add(a);
      }
    }
    for (String s : pointSets) {
      line.add("--set");
      line.add(s);
    }
    return line;
  }

  /** A figure for the table: accuracy for a classifier, RMSE for a regression; null without the split. */
  static SweepTable.Figure figure(Metrics m) {
    if (m == null) {
      return null;
    }
    return m.isClassification() ? new SweepTable.Figure("accuracy", m.accuracy()) : new SweepTable.Figure("rmse",
        m.rmse());
  }

  /**
   * A failure's report on one line, without the "nn: " each message starts with, nor the count of problems
   * that closes a long experiment report (its heading says it already).
   */
  static String oneLine(String report) {
    List<String> lines = report.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
        .filter(l -> !l.matches("\\d+ problems?")).map(l -> l.startsWith("nn: ") ? l.substring(4) : l).toList();
    // lines that were sentences of their own stay apart ("…a smaller learning rate; run directory: …"); a line that
    // ends in a colon goes on into the next
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      if (b.length() > 0) {
        char last = b.charAt(b.length() - 1);
        b.append(last == ':' ? " " : last == ';' || last == '.' ? " " : "; ");
      }
      b.append(l);
    }
    return b.toString();
  }

  static Set<Path> runDirectories(Path into) {
    if (!Files.isDirectory(into)) {
      return new HashSet<>();
    }
    try (Stream<Path> all = Files.list(into)) {
      // a hidden one is a run's staging folder, renamed to its own name once made
      return new HashSet<>(all.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(RunRecord::isRunDirectory).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run directory a failed point left, if it got as far as creating one. */
  static Path newRunDirectory(Path into, Set<Path> before) {
    Set<Path> after = runDirectories(into);
    after.removeAll(before);
    return after.size() == 1 ? after.iterator().next() : null;
  }
}
