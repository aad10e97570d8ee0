package dev.nn.tests.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of a Markdown file's runnable blocks. A block is runnable when the line before its opening
 * fence is exactly {@code <!-- runnable -->}. In it, a line {@code $ ./nn …} is a command whose output follows
 * it, up to the next {@code $} line; without {@code $} prompts, every line is a command ({@code ./nn …} or
 * {@code nn …}). A line ending in {@code \} continues on the next. A trailing {@code # exit N} comment gives
 * the exit code expected (else 0); any other comment is only a comment. The output shown after a command is
 * kept whole, blank lines within it included, for {@link Output} to compare.
 */
final class RunnableBlocks {
  /** The marker, alone on the line before the fence. */
  static final String MARKER = "<!-- runnable -->";

  private static final Pattern EXIT = Pattern.compile("exit (\\d+)");

  /**
   * One documented command.
   *
   * @param where "README.md:32", for test names and messages
   * @param arguments the words after {@code nn}
   * @param exitCode the exit code expected
   * @param output the lines of output the block shows after the command, without trailing blank lines; empty
   *     when it shows none
   */
  record Command(String where, List<String> arguments, int exitCode, List<String> output) {}

  private RunnableBlocks() {}

  /**
   * @throws IllegalArgumentException for a marker not followed by a fence, an unclosed block, or a line of a
   *     block without prompts that is no nn command
   */
  static List<Command> read(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    String name = markdown.getFileName().toString();
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals(MARKER)) {
        continue;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
        throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + MARKER + " must come right before a ``` fence");
      }
      int end = i + 2;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (end >= lines.size()) {
        throw new IllegalArgumentException(name + ":" + (i + 2) + ": the runnable block is never closed");
      }
      commands.addAll(block(name, lines, i + 2, end));
      i = end;
    }
    return commands;
  }

  /** The commands of lines [from, to) of one block (0-based indices). */
  private static List<Command> block(String name, List<String> lines, int from, int to) {
    boolean prompted = lines.subList(from, to).stream().anyMatch(l -> l.startsWith("$ "));
    List<Command> commands = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String line = lines.get(i);
      if (line.isBlank() || (prompted && !line.startsWith("$ "))) {
        continue; // output, shown after its command
      }
      int number = i + 1;
      StringBuilder text = new StringBuilder(prompted ? line.substring(2) : line);
      while (text.toString().endsWith("\\") && i + 1 < to) {
        text.setLength(text.length() - 1);
        text.append(' ').append(lines.get(++i).strip());
      }
      CommandWords.Split split = CommandWords.split(text.toString());
      List<String> words = split.words();
      if (words.isEmpty() || !(words.get(0).equals("./nn") || words.get(0).equals("nn"))) {
        throw new IllegalArgumentException(name + ":" + number + ": a runnable block holds nn commands only: " + line);
      }
      Matcher exit = EXIT.matcher(split.comment());
      int code = exit.matches() ? Integer.parseInt(exit.group(1)) : 0;
      List<String> output = new ArrayList<>();
      if (prompted) {
        for (int j = i + 1; j < to && !lines.get(j).startsWith("$ "); j++) {
          output.add(lines.get(j));
        }
        while (!output.isEmpty() && output.get(output.size() - 1).isBlank()) {
          output.remove(output.size() - 1);
        }
      }
      commands.add(new Command(name + ":" + number, List.copyOf(words.subList(1, words.size())), code,
          List.copyOf(output)));
    }
    return commands;
  }
}
