package dev.nn.cli;

import java.io.PrintStream;

/**
 * One line on a terminal that says how a long piece of work is going, redrawn in place and erased before the
 * output it precedes; nothing is printed when the output is no terminal. It goes to the stream of that output, so
 * that the erase reaches the terminal before it (stderr passes the nn script's filter, and could arrive late).
 */
final class StatusLine {
  private final PrintStream out;
  private final boolean draws;
  private boolean shown;

  /** @param draws whether the line is drawn at all: {@code out} is a terminal that draws in place */
  StatusLine(PrintStream out, boolean draws) {
    this.out = out;
    this.draws = draws;
  }

  /** Whether the line is drawn at all. */
  boolean draws() {
    return draws;
  }

  /**
   * Draws {@code text} in place of the line, cut to {@code columns} − 1 characters: a line as wide as the terminal
   * wraps on some terminals when the cursor moves past its end, and a wrapped line is erased from its last row only.
   */
  void show(String text, int columns) {
    if (!draws) {
      return;
    }
    int room = Math.max(1, columns - 1);
    out.print("\r" + (text.length() <= room ? text : text.substring(0, room)) + ProgressBar.ERASE_TO_END);
    out.flush();
    shown = true;
  }

  /** Erases the line, if one is shown. */
  void erase() {
    if (shown) {
      out.print("\r" + ProgressBar.ERASE_TO_END);
      out.flush();
      shown = false;
    }
  }
}
