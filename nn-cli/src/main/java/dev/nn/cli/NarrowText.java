package dev.nn.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer for a terminal narrower than picocli lays help out for (55 columns at least): each line is broken as
 * {@link TerminalText#wrap} breaks one, at spaces, so that no word is cut in two by the terminal ("S" / "GD").
 * Whole lines pass through at once.
 */
final class NarrowText extends Writer {
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
        out.write(TerminalText.wrap(line.toString(), columns));
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
      out.write(TerminalText.wrap(line.toString(), columns));
      line.setLength(0);
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }
}
