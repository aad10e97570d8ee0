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
   * {@code start} (taking {@code startColumns} columns after the heading) and the words of {@code details}, in lines
   * of fewer than {@code columns} columns where a word allows it, each after the first indented under the first word
   * after {@code start}; a word too wide for any line stands on a line of its own. Ends with a line end.
   */
  static String lines(String start, int startColumns, String details, int columns) {
    int indent = startColumns + 1;
    StringBuilder lines = new StringBuilder(start);
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
      } else {
        lines.append(' ').append(word);
        column += 1 + width;
      }
      lineHasWord = true;
    }
    return lines.append('\n').toString();
  }
}
