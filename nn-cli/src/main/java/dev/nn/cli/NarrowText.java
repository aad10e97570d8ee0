package dev.nn.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * A writer for a terminal narrower than picocli lays help out for (55 columns at least): each line wider than the
 * terminal is broken at a space, its parts after the first indented as the line was plus two, so that no word is
 * cut in two by the terminal ("S" / "GD"). Colour codes take no columns. Whole lines pass through at once.
 */
final class NarrowText extends Writer {
  private static final Pattern COLOUR = Pattern.compile("\033\\[[0-9;]*m");

  private final Writer out;
  private final int columns;
  private final StringBuilder line = new StringBuilder();

  NarrowText(Writer out, int columns) {
    this.out = out;
    this.columns = columns;
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c == '\n') {
        out.write(reflow(line.toString(), columns));
        out.write('\n');
        line.setLength(0);
      } else {
        line.append(c);
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (line.length() > 0) {
      out.write(reflow(line.toString(), columns));
      line.setLength(0);
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }

  /** {@code line} in parts of fewer than {@code columns} visible characters, broken at spaces. */
  static String reflow(String line, int columns) {
    int room = Math.max(10, columns - 1);
    if (visible(line) <= room) {
      return line;
    }
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    // a deep indent (picocli's description column) would leave a word per line: at most a third of the room
    String indent = " ".repeat(Math.min(lead + 2, room / 3));
    StringBuilder out = new StringBuilder();
    String rest = line;
    boolean first = true;
    while (visible(rest) > room) {
      int cut = breakAt(rest, room);
      out.append(rest, 0, cut).append('\n');
      rest = indent + rest.substring(cut).stripLeading();
      first = false;
    }
    return first ? line : out.append(rest).toString();
  }

  /** Where to break {@code text} so that its first part takes at most {@code room} columns: after a space if any. */
  private static int breakAt(String text, int room) {
    int shown = 0;
    int lastSpace = -1;
    int i = 0;
    while (i < text.length()) {
      java.util.regex.Matcher m = COLOUR.matcher(text).region(i, text.length());
      if (m.lookingAt()) {
        i = m.end();
        continue;
      }
      if (shown == room) {
        break;
      }
      if (text.charAt(i) == ' ' && shown > 0) {
        lastSpace = i;
      }
      shown++;
      i++;
    }
    // a word longer than the room is cut where the room ends: nothing better is possible
    return lastSpace > 0 && text.substring(0, lastSpace).strip().length() > 0 ? lastSpace : i;
  }

  private static int visible(String text) {
    return COLOUR.matcher(text).replaceAll("").length();
  }
}
