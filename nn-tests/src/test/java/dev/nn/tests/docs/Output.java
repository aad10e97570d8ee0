package dev.nn.tests.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The output a runnable block shows, compared line by line with what the command printed. What differs from
 * run to run is left out of the comparison on both sides: a run directory's timestamp ({@code 20260101-120000})
 * and a wall time ({@code 0.0s}, {@code 12s}); trailing blanks and trailing blank lines are ignored too. The
 * docs' sign of something left out, {@code …}, stands for any text within a line, and a line holding only
 * {@code …} for any number of lines, none included.
 */
final class Output {
  /** The docs' sign of something left out. */
  static final String ELLIPSIS = "…";

  private static final Pattern TIMESTAMP = Pattern.compile("(?<!\\d)\\d{8}-\\d{6}(?!\\d)");
  private static final Pattern DURATION = Pattern.compile("(?<![\\w.])\\d+(\\.\\d+)?s(?!\\w)");

  private Output() {}

  /** The line with its timestamps and wall times replaced by placeholders, and no trailing blanks. */
  static String normalise(String line) {
    String stable = TIMESTAMP.matcher(line.stripTrailing()).replaceAll("<timestamp>");
    return DURATION.matcher(stable).replaceAll("<duration>");
  }

  /** The lines of the text, normalised, without trailing blank lines. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(text.lines().map(Output::normalise).toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Whether the printed text is what the docs' lines show, as the class comment says. */
  static boolean matches(List<String> shown, String printed) {
    return matches(lines(String.join("\n", shown)), 0, lines(printed), 0);
  }

  private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
    if (e == expected.size()) {
      return a == actual.size();
    }
    String line = expected.get(e);
    if (line.strip().equals(ELLIPSIS)) {
      for (int skip = a; skip <= actual.size(); skip++) {
        if (matches(expected, e + 1, actual, skip)) {
          return true;
        }
      }
      return false;
    }
    return a < actual.size() && lineMatches(line, actual.get(a)) && matches(expected, e + 1, actual, a + 1);
  }

  /** Whether the printed line is the shown one, each {@code …} of which stands for any text. */
  static boolean lineMatches(String shown, String printed) {
    if (!shown.contains(ELLIPSIS)) {
      return shown.equals(printed);
    }
    String[] parts = shown.split(ELLIPSIS, -1);
    String[] trimmed = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      // "CLASS …" shows the text up to CLASS; the blank before the sign is part of what is left out
      trimmed[i] = i < parts.length - 1 ? parts[i].stripTrailing() : parts[i];
      if (i > 0) {
        trimmed[i] = trimmed[i].stripLeading();
      }
    }
    if (!printed.startsWith(trimmed[0])) {
      return false;
    }
    int at = trimmed[0].length();
    for (int i = 1; i < trimmed.length - 1; i++) {
      int found = printed.indexOf(trimmed[i], at);
      if (found < 0) {
        return false;
      }
      at = found + trimmed[i].length();
    }
    String last = trimmed[trimmed.length - 1];
    return printed.length() - at >= last.length() && printed.endsWith(last);
  }
}
