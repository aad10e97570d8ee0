package dev.nn.cli;

import dev.nn.core.run.RunDirectory;
import dev.nn.core.sweep.SweepTable;
import dev.nn.core.text.CommandName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * While a sweep trains, a JVM shutdown hook that marks the point in progress {@code interrupted} in the sweep's
 * table, with the run directory it trains in, when Ctrl-C or SIGTERM stops the process; the table would
 * otherwise say {@code running} for a point that will never end. Stopped between points, it says so; stopped before
 * any point made a run directory, it removes the sweep's folder, as a sweep that trained nothing does. Every write
 * of the table goes through this object's lock, so the hook waits for a write under way, and nothing is written
 * after it.
 */
final class SweepStop implements AutoCloseable {
  private final SweepTable table;
  private final Path into;
  private final Thread hook;
  /** The point in training, or -1 between points. */
  private int current = -1;
  /** The run directories in {@link #into} before the current point started: its own is the one added. */
  private Set<Path> before = Set.of();
  private boolean stopped;
  /** Whether a point has made a run directory: then the folder and its table stay, whatever happens. */
  private boolean anyRun;
  private final PrintStream err;
  private final Runnable quiet;
  private final SweepWords words;
  private final java.util.function.UnaryOperator<String> fitted;

  /** Watches the sweep whose table is {@code table}, its runs in {@code into}; stopped, says so on {@code err}. */
  SweepStop(SweepTable table, Path into, PrintStream err) {
    this(table, into, err, SweepWords.SWEEP, line -> line, () -> { });
  }

  /** As {@link #SweepStop(SweepTable, Path, PrintStream)}, for a runner that stops {@code quiet} first. */
  SweepStop(SweepTable table, Path into, PrintStream err, Runnable quiet) {
    this(table, into, err, SweepWords.SWEEP, line -> line, quiet);
  }

  /**
   * As {@link #SweepStop(SweepTable, Path, PrintStream)}, naming the sweep and its points in {@code words}, its
   * messages {@code fitted} to the terminal, and running {@code quiet} before it speaks: what stops and erases the
   * point's progress bar, which would otherwise hold the start of the message and be drawn after it.
   */
  SweepStop(SweepTable table, Path into, PrintStream err, SweepWords words,
      java.util.function.UnaryOperator<String> fitted, Runnable quiet) {
    this.table = table;
    this.words = words;
    this.fitted = fitted;
    this.into = into;
    this.err = err;
    this.quiet = quiet;
    this.hook = new Thread(this::stopped, "nn-sweep-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** This watch for a sweep that is being resumed: its folder holds points done, and stays whatever happens. */
  SweepStop continuing() {
    anyRun = true;
    return this;
  }

  /** What the sweep's messages end with: how to go on with it. */
  private String howToContinue() {
    return "; " + CommandName.resume(table.folder()) + " continues the " + words.whole();
  }

  /**
   * Sets point {@code i}'s row.
   *
   * @param runsBefore the run directories there were as the point started, while it trains; {@code null} once it
   *     has ended
   */
  synchronized void set(int i, SweepTable.Row row, Set<Path> runsBefore) {
    if (stopped) {
      return;
    }
    table.set(i, row);
    anyRun |= !row.runDirectory().isEmpty();
    current = runsBefore == null ? -1 : i;
    before = runsBefore == null ? Set.of() : runsBefore;
  }

  /** Runs a last change of the table (its summary, its removal), unless the sweep was stopped. */
  synchronized void finishing(Runnable change) {
    if (!stopped) {
      change.run();
    }
  }

  /** The hook's body; package-private for its tests. */
  synchronized void stopped() {
    if (stopped) {
      return;
    }
    stopped = true;
    quiet.run();
    Path dir = current < 0 ? null : SweepRunner.newRunDirectory(into, before);
    anyRun |= dir != null;
    if (current < 0 && !anyRun) {
      // stopped before the first point began: as a sweep that trained nothing, no folder
      removeFolder();
      return;
    }
    if (current < 0 && pending() == 0) {
      // after the last point ended, before the sweep's closing lines and summary
      say("nn: the " + words.whole() + " was stopped after its last " + words.one() + " ended (Ctrl-C,"
          + " SIGTERM or SIGHUP); its table " + table.folder().resolve(SweepTable.MARKDOWN) + " keeps every "
          + words.one());
      return;
    }
    if (current < 0) {
      say("nn: the " + words.whole() + " was stopped between two " + words.many() + " (Ctrl-C, SIGTERM or"
          + " SIGHUP); its table " + table.folder().resolve(SweepTable.MARKDOWN) + " keeps the " + words.many()
          + " done; " + (pending() == 1
              ? "the pending one did not start" : "the pending ones did not start") + howToContinue());
      return;
    }
    if (dir == null) {
      // the point had not made its run directory: its run may not be there to say anything
      say("nn: the " + words.whole() + " was stopped (Ctrl-C, SIGTERM or SIGHUP) as " + words.one() + " "
          + (current + 1) + " started, before its run directory; its table "
          + table.folder().resolve(SweepTable.MARKDOWN) + " keeps the " + words.many() + " done" + howToContinue());
    }
    RunRecord run = dir == null ? null : settled(dir);
    if (run != null && ENDED_BY_ITSELF.contains(run.status())) {
      // the point's run ended before the stop reached it (a stop as the last epoch ends): the table says what
      // the run says, not interrupted
      endedFirst(dir, run);
      return;
    }
    try {
      // the run's own words, as its status.yaml says them
      table.set(current, table.row(current).interrupted(dir == null ? "" : dir.toString(),
          dir == null ? RunDirectory.processStop() : RunDirectory.interruptedMessage(dir)));
    } catch (RuntimeException e) {
      // the JVM is exiting: the table keeps its last row
    }
    if (dir != null) {
      // the run says how to resume it; the sweep as a whole is this hook's to tell
      int points = table.points();
      say("nn: the " + words.whole() + " was stopped at " + words.one() + " " + (current + 1) + " of "
          + points + "; its table " + table.folder().resolve(SweepTable.MARKDOWN) + " keeps the " + words.many()
          + " done and marks this one interrupted" + notStarted(points) + howToContinue());
    }
  }

  /** A message, folded at spaces on a terminal as every message of nn is. */
  private void say(String message) {
    err.println(fitted.apply(message));
  }

  private int pending() {
    int pending = 0;
    for (int i = 0; i < table.points(); i++) {
      pending += table.row(i).status().equals("pending") ? 1 : 0;
    }
    return pending;
  }

  /** How a point's run may have ended by itself, before a stop reached it. */
  private static final Set<String> ENDED_BY_ITSELF = Set.of("completed", "diverged", "failed");

  /**
   * How long a stop waits for the point's run to record how it ended: the run's own hook first waits for the batch
   * in progress (up to a minute), then for the files being written.
   */
  static final long RUN_RECORD_WAIT_MILLIS = 70_000;

  /**
   * The point's run in {@code dir} once its summary no longer says {@code running} — the run's own shutdown hook
   * records the stop, or finds the run ended first — or {@code null} when it cannot be read or still says running
   * after {@value #RUN_RECORD_WAIT_MILLIS} ms.
   */
  private static RunRecord settled(Path dir) {
    long deadline = System.nanoTime() + RUN_RECORD_WAIT_MILLIS * 1_000_000L;
    while (true) {
      try {
        RunRecord run = RunRecord.read(dir);
        if (!run.status().equals("running")) {
          return run;
        }
      } catch (RuntimeException unreadable) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /** The current point's run had ended by itself when the sweep was stopped: its row says how, and the sweep so. */
  private void endedFirst(Path dir, RunRecord run) {
    SweepTable.Row row = table.row(current);
    try {
      table.set(current, run.sweepRow(row.values()));
    } catch (RuntimeException e) {
      // the JVM is exiting: the table keeps its last row
    }
    int points = table.points();
    say("nn: the " + words.whole() + " was stopped as " + words.one() + " " + (current + 1) + " of " + points
        + " " + run.status() + "; its table " + table.folder().resolve(SweepTable.MARKDOWN) + " keeps the "
        + words.many() + " done" + (current + 1 < points ? notStarted(points) + howToContinue() : ""));
  }

  /** "; the 2 points after it did not start", or nothing when the current point is the last. */
  private String notStarted(int points) {
    int after = points - current - 1;
    return after == 0 ? "" : "; " + (after == 1 ? "the last " + words.one() : "the " + after + " " + words.many()
        + " after it") + " did not start";
  }

  /** The sweep's own folder, made for its table, goes: the table and any copy of it being written. */
  private void removeFolder() {
    try (Stream<Path> files = Files.list(table.folder())) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(table.folder());
      say("nn: the " + words.whole() + " was stopped before its first " + words.one() + " trained (Ctrl-C,"
          + " SIGTERM or SIGHUP); nothing was trained, and its folder " + table.folder() + " was removed");
    } catch (IOException | RuntimeException e) {
      say("nn: the " + words.whole() + " was stopped before its first " + words.one() + " trained; nothing"
          + " was trained");
    }
  }

  /** The sweep ended by itself: the hook is removed, unless the JVM is already exiting. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the hook runs
    }
  }
}
