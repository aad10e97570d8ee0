package dev.nn.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A writer for a terminal too narrow for picocli's two columns of help: the help picocli wrote for 100 columns (where
 * no hand-written line of it is broken) is laid out again for the terminal, block by block, rather than each line of a
 * narrower layout broken where it stands (which left lines of one word, indents jumping between 2 and 26 spaces, a
 * usage line wider than the terminal, and "KEY." and "PATH=VALUE" on two lines).
 * Prose is one paragraph; the usage line's parts follow each other, indented under it; an option's names stand on a
 * line of their own and its description is one paragraph indented below them. Lines are broken at spaces, never inside
 * a word; a word wider than a line stands alone. What it receives is written when it is flushed (help is written
 * whole, then flushed).
 */
final class NarrowText extends Writer {
  /** How a line that goes on with an option's description starts: indented beyond any option's names. */
  private static final String CONTINUED = "       ";
  /** An option's or parameter's line: its names after 2 to 6 spaces ("  -h, --help", "      MODEL"). */
  private static final Pattern OPTION = Pattern.compile("^ {2,6}\\S.*");
  /** A line of prose laid out as a table: words, a gap of three spaces or more, words. */
  private static final Pattern ALIGNED = Pattern.compile("^(\\S.*?\\S) {3,}(\\S.*)$");
  private static final String OPTION_INDENT = "  ";
  private static final String DESCRIPTION_INDENT = "      ";
  private static final String USAGE_INDENT = "    ";

  private final Writer out;
  private final int columns;
  private final StringBuilder text = new StringBuilder();

  NarrowText(Writer out, int columns) {
    this.out = out;
    this.columns = columns;
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
  }

  @Override
  public void flush() throws IOException {
    if (text.length() > 0) {
      out.write(layOut(text.toString(), columns));
      text.setLength(0);
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }

  /** {@code help}, laid out by picocli for 100 columns, laid out again for {@code columns}. */
  static String layOut(String help, int columns) {
    StringBuilder b = new StringBuilder();
    List<String> lines = help.lines().toList();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      String plain = TerminalText.plain(line);
      if (plain.isBlank()) {
        b.append(line.strip()).append('\n');
        i++;
      } else if (plain.startsWith("Usage: ")) {
        // the usage line and the lines picocli continued it on (indented under its first part); a second form
        // ("   or: nn train …") is a usage of its own
        StringBuilder usage = new StringBuilder(line.strip());
        String first = "";
        for (i++; i < lines.size() && TerminalText.plain(lines.get(i)).startsWith(" "); i++) {
          String next = TerminalText.plain(lines.get(i)).strip();
          if (next.startsWith("or: ")) {
            fill(b, usage.toString(), first, USAGE_INDENT, columns);
            usage.setLength(0);
            first = "   ";
          } else if (OPTION.matcher(TerminalText.plain(lines.get(i))).matches()) {
            break;
          }
          usage.append(usage.length() == 0 ? "" : " ").append(lines.get(i).strip());
        }
        fill(b, usage.toString(), first, USAGE_INDENT, columns);
      } else if (OPTION.matcher(plain).matches()) {
        // an option or a command: its names, then its description, which starts on its line (after two spaces) or
        // on the next, and goes on on lines indented further
        int at = descriptionStart(line);
        String names = at < 0 ? line.strip() : line.substring(0, at).strip();
        StringBuilder description = new StringBuilder(at < 0 ? "" : line.substring(at).strip());
        for (i++; i < lines.size() && TerminalText.plain(lines.get(i)).startsWith(CONTINUED); i++) {
          description.append(description.length() == 0 ? "" : " ").append(lines.get(i).strip());
        }
        if (description.length() > 0 && OPTION_INDENT.length() + TerminalText.width(names) < DESCRIPTION_INDENT.length()) {
          // a short name ("0", "-v") goes before its description, on its line
          String lead = OPTION_INDENT + names;
          fill(b, description.toString(), lead + " ".repeat(DESCRIPTION_INDENT.length()
              - TerminalText.width(lead)), DESCRIPTION_INDENT, columns);
        } else {
          fill(b, names, OPTION_INDENT, OPTION_INDENT, columns);
          if (description.length() > 0) {
            fill(b, description.toString(), DESCRIPTION_INDENT, DESCRIPTION_INDENT, columns);
          }
        }
      } else if (ALIGNED.matcher(plain).matches()) {
        // a line of a table in prose ("bash, for this shell:   source <(nn completion bash)"): its own, the words
        // after its gap on the lines below it, indented, rather than run together with the lines around it
        java.util.regex.Matcher parts = ALIGNED.matcher(plain);
        parts.matches();
        fill(b, parts.group(1), "", "", columns);
        fill(b, parts.group(2), USAGE_INDENT, USAGE_INDENT, columns);
        i++;
      } else {
        // prose: the lines up to a blank line, an option, a usage line or a line of a table are one paragraph
        StringBuilder paragraph = new StringBuilder(line.strip());
        for (i++; i < lines.size(); i++) {
          String next = TerminalText.plain(lines.get(i));
          if (next.isBlank() || next.startsWith(" ") || next.startsWith("Usage: ") || ALIGNED.matcher(next).matches()) {
            break;
          }
          paragraph.append(' ').append(lines.get(i).strip());
        }
        fill(b, paragraph.toString(), "", "", columns);
      }
    }
    return help.endsWith("\n") ? b.toString() : b.substring(0, b.length() - 1);
  }

  /**
   * Where an option line's description starts in {@code line} (which may hold colour codes): after the first gap of two
   * spaces or more that follows its names; -1 when its names fill the line.
   */
  private static int descriptionStart(String line) {
    boolean named = false;
    int spaces = 0;
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (c == '\033') {
        k = line.indexOf('m', k);
        if (k < 0) {
          return -1;
        }
        continue;
      }
      if (c == ' ') {
        spaces++;
      } else {
        if (named && spaces >= 2) {
          return k;
        }
        named = true;
        spaces = 0;
      }
    }
    return -1;
  }

  /**
   * {@code words} in lines of fewer than {@code columns}, the first after {@code first}, the others after {@code rest}.
   * A word too wide for an indented line starts at the margin; one too wide for any line is broken after a ',', a '|'
   * or a '/' where it has one ("--target=NAME|INDEX|last[," / "NAME|INDEX|last...]"), else it stands alone.
   */
  private static void fill(StringBuilder b, String words, String first, String rest, int columns) {
    int room = Math.max(1, columns - 1);
    List<String> line = new ArrayList<>();
    String indent = first;
    int width = indent.length();
    for (String word : pieces(words, room)) {
      int w = TerminalText.width(word);
      if (!line.isEmpty() && width + 1 + w > room) {
        b.append(indent).append(String.join(" ", line)).append('\n');
        line.clear();
        indent = rest;
        width = indent.length();
      }
      if (line.isEmpty() && width + w > room) {
        indent = "";
        width = 0;
      }
      width += (line.isEmpty() ? 0 : 1) + w;
      line.add(word);
    }
    b.append(indent).append(String.join(" ", line)).append('\n');
  }

  /** The words of {@code text}, each wider than {@code room} broken after its commas, bars and slashes to fit. */
  private static List<String> pieces(String text, int room) {
    List<String> pieces = new ArrayList<>();
    for (String word : text.split(" +")) {
      while (TerminalText.width(word) > room) {
        int cut = -1;
        for (int k = 0; k < word.length() - 1 && TerminalText.width(word.substring(0, k + 1)) <= room; k++) {
          if (word.charAt(k) == ',' || word.charAt(k) == '|' || word.charAt(k) == '/') {
            cut = k + 1;
          }
        }
        if (cut < 0) {
          break;
        }
        pieces.add(word.substring(0, cut));
        word = word.substring(cut);
      }
      pieces.add(word);
    }
    return pieces;
  }
}
