package dev.nn.cli;

import dev.nn.core.text.CommandName;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line as a POSIX shell reads it back, for lines that offer a command to paste: nn named as the user ran
 * it ({@link CommandName}), and each argument a shell would split or expand ({@code distributed.conf={a: b}},
 * a path with a space) in single quotes.
 */
final class ShellWords {
  private ShellWords() {}

  /** {@code word} as one shell word. */
  static String quoted(String word) {
    return CommandName.shellWord(word);
  }

  /** nn with {@code arguments}, to paste. */
  static String nn(List<String> arguments) {
    List<String> words = new ArrayList<>();
    words.add(CommandName.of());
    for (String a : arguments) {
      words.add(quoted(a));
    }
    return String.join(" ", words);
  }
}
