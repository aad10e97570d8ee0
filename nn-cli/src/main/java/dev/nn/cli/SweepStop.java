package dev.nn.cli;

import dev.nn.core.run.RunDirectory;
import dev.nn.core.sweep.SweepTable;
import java.nio.file.Path;
import java.util.Set;

/**
 * While a sweep trains, a JVM shutdown hook that marks the point in progress {@code interrupted} in the sweep's
 * table, with the run directory it trains in, when Ctrl-C or SIGTERM stops the process; the table would
 * otherwise say {@code running} for a point that will never end. Every write of the table goes through this
 * object's lock, so the hook waits for a write under way, and nothing is written after it.
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

  SweepStop(SweepTable table, Path into) {
    this.table = table;
    this.into = into;
    this.hook = new Thread(this::stopped, "nn-sweep-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
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
    current = runsBefore == null ? -1 : i;
    before = runsBefore == null ? Set.of() : runsBefore;
  }

  /** Runs a last change of the table (its summary, its removal), unless the sweep was stopped. */
  synchronized void finishing(Runnable change) {
    if (!stopped) {
      change.run();
    }
  }

  private synchronized void stopped() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (current < 0) {
      return;
    }
    Path dir = SweepRunner.newRunDirectory(into, before);
    try {
      // the run's own words, as its status.yaml says them
      table.set(current, table.row(current).interrupted(dir == null ? "" : dir.toString(),
          dir == null ? "stopped by Ctrl-C, SIGTERM or SIGHUP" : RunDirectory.interruptedMessage(dir)));
    } catch (RuntimeException e) {
      // the JVM is exiting: the table keeps its last row
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
