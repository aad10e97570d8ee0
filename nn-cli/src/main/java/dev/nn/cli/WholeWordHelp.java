package dev.nn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's help with the usage line broken only at spaces. picocli breaks it where Java's line breaker allows, which
 * includes after a '.' inside a word: at 80 columns {@code [--set=KEY.PATH=VALUE]...} came out as {@code [--set=KEY.}
 * and {@code PATH=VALUE]...} on two lines. Here each part of the usage (an option, a parameter, a group in brackets
 * with no space inside) stays on one line, and the lines after the first start under the first option, as
 * picocli's do.
 */
final class WholeWordHelp extends CommandLine.Help {

  /** Builds this help for every command: {@link CommandLine#setHelpFactory}. */
  static final CommandLine.IHelpFactory FACTORY = WholeWordHelp::new;

  WholeWordHelp(CommandSpec spec, ColorScheme colours) {
    super(spec, colours);
  }

  @Override
  protected String insertSynopsisCommandName(int headingLength, Text details) {
    String name = commandSpec().qualifiedName();
    String start = colorScheme().commandText(name).toString();
    return lines(start, headingLength + name.length(), details.toString(), commandSpec().usageMessage().width());
  }

  /**
   * The command's description with its lines broken only at spaces, as the usage line: picocli broke it where Java's
   * line breaker allows, so that "stability.html" came out as "stability." and "html." on two lines.
   */
  @Override
  public String description(Object... params) {
    return paragraphs(commandSpec().usageMessage().description(), commandSpec().usageMessage().width(), params);
  }

  /**
   * picocli's table of options and parameters, with their descriptions broken only at spaces: picocli broke them
   * where Java's line breaker allows, so that at 81 columns "provenance.yaml" came out as "provenance." and "yaml".
   */
  @Override
  public Layout createDefaultLayout(java.util.List<CommandLine.Model.OptionSpec> options,
      java.util.List<CommandLine.Model.PositionalParamSpec> positionals, ColorScheme scheme) {
    TextTable picocli = TextTable.forDefaultColumns(scheme, calcLongOptionColumnWidth(options, positionals, scheme),
        commandSpec().usageMessage().width());
    TextTable table = new WholeWordTable(scheme, picocli.columns());
    table.indentWrappedLines = picocli.indentWrappedLines;
    table.setAdjustLineBreaksForWideCJKCharacters(commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
  }

  /** A table whose wrapped column is broken at spaces: each piece is put on a row of its own, as picocli's are. */
  static final class WholeWordTable extends TextTable {
    WholeWordTable(ColorScheme scheme, Column[] columns) {
      super(scheme, columns);
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      String plain = value == null ? "" : value.plainString();
      // one column short of what the cell holds, so that picocli never breaks a piece again
      int first = column.width - column.indent - 1;
      int later = first - indentWrappedLines;
      if (column.overflow != Column.Overflow.WRAP || row != rowCount() - 1 || plain.indexOf('\n') >= 0
          || TerminalText.width(plain) <= first || later < 10 || !plain.equals(plain.strip())) {
        return super.putValue(row, col, value);
      }
      Cell cell = null;
      int start = 0;
      int room = first;
      while (start < plain.length()) {
        int end = pieceEnd(plain, start, room);
        Text piece = value.substring(start, end);
        if (cell == null) {
          cell = super.putValue(row, col, piece);
        } else {
          addEmptyRow();
          cell = super.putValue(rowCount() - 1, col, value.substring(0, 0).concat(" ".repeat(indentWrappedLines))
              .concat(piece));
        }
        start = end;
        while (start < plain.length() && plain.charAt(start) == ' ') {
          start++;
        }
        room = later;
      }
      return cell;
    }

    /** Where the piece of {@code text} from {@code start} ends: at the last space that keeps it within {@code room}. */
    private static int pieceEnd(String text, int start, int room) {
      int end = start;
      int at = start;
      while (at < text.length()) {
        int space = text.indexOf(' ', at);
        int wordEnd = space < 0 ? text.length() : space;
        if (end > start && TerminalText.width(text.substring(start, wordEnd)) > room) {
          break;
        }
        end = wordEnd;
        at = wordEnd + 1;
      }
      return end;
    }
  }

  /** The footer, broken as the description is. */
  @Override
  public String footer(Object... params) {
    return paragraphs(commandSpec().usageMessage().footer(), commandSpec().usageMessage().width(), params);
  }

  /**
   * Each of {@code texts}, formatted with {@code params} as picocli formats them ({@code %n} a line end), in lines
   * of fewer than {@code columns} columns broken at spaces; a line's leading spaces are kept on each line it becomes.
   */
  static String paragraphs(String[] texts, int columns, Object... params) {
    StringBuilder out = new StringBuilder();
    for (String text : texts) {
      String formatted = params.length == 0 && !text.contains("%") ? text : String.format(text, params);
      for (String line : formatted.split("\r?\n", -1)) {
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String words = line.strip();
        if (words.isEmpty()) {
          out.append('\n');
          continue;
        }
        if (TerminalText.width(line.stripTrailing()) < columns) {
          // a line that fits keeps its spaces: columns aligned in the text ("bash, for this shell:   source …")
          out.append(line.stripTrailing()).append('\n');
          continue;
        }
        out.append(lines(indent.isEmpty() ? "" : indent.substring(1), Math.max(0, indent.length() - 1), words,
            columns, true));
      }
    }
    return out.toString();
  }

  /**
   * {@code start} (taking {@code startColumns} columns after the heading) and the words of {@code details}, in lines
   * of fewer than {@code columns} columns where a word allows it, each after the first indented under the first word
   * after {@code start}; a word too wide for any line stands on a line of its own. Ends with a line end.
   */
  static String lines(String start, int startColumns, String details, int columns) {
    return lines(start, startColumns, details, columns, false);
  }

  /**
   * {@link #lines(String, int, String, int)}; with {@code flush}, the first word starts at {@code startColumns}
   * (no space before it) and the next lines at the same column: a paragraph indented by that much.
   */
  private static String lines(String start, int startColumns, String details, int columns, boolean flush) {
    int indent = flush ? startColumns : startColumns + 1;
    StringBuilder lines = new StringBuilder(flush ? " ".repeat(startColumns) : start);
    int column = startColumns;
    boolean lineHasWord = false;
    for (String word : details.trim().split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      int width = TerminalText.width(word);
      if (lineHasWord && column + 1 + width >= columns) {
        lines.append('\n').append(" ".repeat(indent)).append(word);
        column = indent + width;
      } else if (flush && !lineHasWord) {
        lines.append(word);
        column += width;
      } else {
        lines.append(' ').append(word);
        column += 1 + width;
      }
      lineHasWord = true;
    }
    return lines.append('\n').toString();
  }
}
