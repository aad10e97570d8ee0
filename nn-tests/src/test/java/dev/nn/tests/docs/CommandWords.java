package dev.nn.tests.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into words as a POSIX shell splits one without expansions: blanks separate words,
 * single quotes keep everything literally, double quotes keep everything but a backslash before {@code "},
 * {@code \} or {@code $}, a backslash outside quotes keeps the next character, and {@code #} at the start of a
 * word begins a comment, which is returned apart. What a shell would do more (pipes, redirections, variables,
 * globs) a documented command must not need, and is refused.
 */
final class CommandWords {
  /**
   * @param words the words of the command
   * @param comment the text after {@code #}, stripped, or empty
   */
  record Split(List<String> words, String comment) {}

  private CommandWords() {}

  /** @throws IllegalArgumentException for an unclosed quote, or an unquoted character a shell would act on */
  static Split split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '#' && !inWord) {
        return new Split(words, line.substring(i + 1).strip());
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed ' in: " + line);
        }
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < line.length()) {
          word.append(line.charAt(++i));
        }
        inWord = true;
      } else if ("|&;<>$`*?()".indexOf(c) >= 0) {
        throw new IllegalArgumentException("'" + c + "' needs a shell, which a runnable block cannot use: " + line);
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return new Split(words, "");
  }

  /** Appends the double-quoted text from {@code start} to {@code word}; returns the index of the closing quote. */
  private static int doubleQuoted(String line, int start, StringBuilder word) {
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(++i));
      } else if (c == '$' || c == '`') {
        throw new IllegalArgumentException("'" + c + "' needs a shell, which a runnable block cannot use: " + line);
      } else {
        word.append(c);
      }
    }
    throw new IllegalArgumentException("unclosed \" in: " + line);
  }
}
