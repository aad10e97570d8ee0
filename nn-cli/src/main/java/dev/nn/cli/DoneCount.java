package dev.nn.cli;

import dev.nn.core.text.Grouped;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * On a terminal, one line that says how much of a long piece of work is done ("importance: 120 of 784 columns",
 * "gradient check: 51,200 of 238,510 parameters"), redrawn at most 5 times a second and erased at the end;
 * nothing elsewhere, so that a file or a pipe gets the command's output alone. Like the training progress line it
 * never wraps (a wrapped line is erased from its last row only, and every redraw would leave a row behind): it is
 * fitted to the terminal's width, read again after a resize and every few redraws, by shorter forms
 * ("gradient check: 51200/238510", then "51200/238510").
 */
final class DoneCount implements java.util.function.IntConsumer {
  /** How often the width is read again without a resize signal, in redraws. */
  private static final int WIDTH_EVERY_DRAWS = 10;
  private final StatusLine line;
  private final IntSupplier columns;
  private final int total;
  private final String what;
  private final String unit;
  private long lastDrawn;
  private boolean drawn;
  private int width;
  private int redraws;

  /**
   * @param out the stream of the command's output, which the line precedes
   * @param draws whether the line is drawn at all: the command's output goes to a terminal
   * @param columns the terminal's width, read when the line is first drawn and again now and then
   * @param what the work, before the colon
   * @param unit what is counted, in the plural
   */
  DoneCount(PrintStream out, boolean draws, IntSupplier columns, int total, String what, String unit) {
    this.line = new StatusLine(out, draws);
    this.columns = columns;
    this.total = total;
    this.what = what;
    this.unit = unit;
  }

  @Override
  public void accept(int done) {
    long now = System.nanoTime();
    if (!line.draws() || done == total || drawn && now - lastDrawn < 200_000_000L) {
      return;
    }
    if (!drawn) {
      TerminalResize.listen();
    }
    if (!drawn || ++redraws % WIDTH_EVERY_DRAWS == 0 | TerminalResize.resizedSinceAsked()) {
      width = columns.getAsInt();
    }
    line.show(text(done, width), width);
    lastDrawn = now;
    drawn = true;
  }

  /**
   * The line for {@code done}, at most {@code columns} − 1 characters (a line as wide as the terminal wraps on
   * some terminals when the cursor moves past its end): the whole sentence, or a shorter form, or its end cut.
   */
  String text(int done, int columns) {
    int room = Math.max(1, columns - 1);
    String count = Grouped.of(done) + "/" + Grouped.of(total);
    for (String form : new String[] {what + ": " + Grouped.of(done) + " of " + Grouped.of(total) + " " + unit,
        what + ": " + count, count}) {
      if (form.length() <= room) {
        return form;
      }
    }
    return count.substring(0, room);
  }

  /** Erases the line, if one was drawn. */
  void erase() {
    line.erase();
  }
}
