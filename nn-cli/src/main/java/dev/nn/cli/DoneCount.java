package dev.nn.cli;

import java.io.PrintStream;

/**
 * On a terminal, one line that says how much of a long piece of work is done ("importance: 120 of 784 columns",
 * "gradient check: 51200 of 238510 parameters"), redrawn at most 5 times a second and erased at the end;
 * nothing elsewhere, so that a file or a pipe gets the command's output alone.
 */
final class DoneCount implements java.util.function.IntConsumer {
  private final PrintStream err;
  private final boolean draws;
  private final int total;
  private final String what;
  private final String unit;
  private long lastDrawn;
  private boolean drawn;

  /**
   * @param draws whether the line is drawn at all: the command's output goes to a terminal
   * @param what the work, before the colon
   * @param unit what is counted, in the plural
   */
  DoneCount(PrintStream err, boolean draws, int total, String what, String unit) {
    this.err = err;
    this.draws = draws;
    this.total = total;
    this.what = what;
    this.unit = unit;
  }

  @Override
  public void accept(int done) {
    long now = System.nanoTime();
    if (!draws || done == total || drawn && now - lastDrawn < 200_000_000L) {
      return;
    }
    err.print("\r" + what + ": " + done + " of " + total + " " + unit
        + ProgressBar.ERASE_TO_END);
    err.flush();
    lastDrawn = now;
    drawn = true;
  }

  /** Erases the line, if one was drawn. */
  void erase() {
    if (drawn) {
      err.print("\r" + ProgressBar.ERASE_TO_END);
      err.flush();
    }
  }
}
