package dev.nn.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines for a terminal narrower than they are: broken where they have room to be, never inside a word or number
 * (a terminal that wraps a line by itself cuts "accuracy 0.9367" into "accuracy 0" and ".9367", which read as two
 * numbers). Epoch lines have their own folding, between their figures ({@link EpochLines#fold}).
 */
final class TerminalText {
  private static final Pattern WORD = Pattern.compile("\\S+");
  /** A colour code, which takes no column. */
  private static final Pattern COLOUR = Pattern.compile("\033\\[[0-9;]*m");

  private TerminalText() {}

  /**
   * {@code line} in lines of fewer than {@code columns} characters, each after the first indented by two spaces more
   * than the line (when that leaves half the width; a word that fits a line only without it goes unindented):
   * broken at a gap of two spaces or more (between a label and its value, between figures) where one is in reach,
   * else at a single space. A command to paste ({@code nn train --resume DIR}) is never broken: it stays on one line,
   * and one longer than a line stands unindented on a line of its own, whole, for the terminal to wrap (a break of
   * nn's inside it would make a paste of the lines run two commands). Any other word longer than a line is broken
   * after a {@code /} (a path), its first piece after the words before it where it fits there, the pieces that fill
   * a line unindented, or else left whole. Widths
   * are the columns text takes on a terminal: colour codes none, a wide character two ({@link DisplayWidth}).
   */
  static String wrap(String line, int columns) {
    int room = Math.max(1, columns - 1);
    if (width(line) <= room) {
      return line;
    }
    // each word with the gap before it; a command's words are one
    List<String> gaps = new ArrayList<>();
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(line);
    int end = 0;
    while (m.find()) {
      gaps.add(line.substring(end, m.start()));
      words.add(m.group());
      end = m.end();
    }
    glueSpreads(gaps, words, room);
    Set<Integer> commands = glueCommands(gaps, words);
    // the parts after the first two spaces deeper than the line itself ("   Allowed: …" of a problem report), unless
    // that leaves less than half the width
    String lead = gaps.isEmpty() ? "" : gaps.get(0);
    String indent = width(lead) + 2 <= room / 2 ? lead + "  " : "  ";
    StringBuilder out = new StringBuilder();
    int first = 0;
    while (first < words.size()) {
      int wordWidth = width(words.get(first));
      boolean command = commands.contains(first);
      // unindented only when that makes the word fit, or gives a command too long for any line the most room
      String opening = first == 0 ? gaps.get(0)
          : width(indent) + wordWidth <= room || wordWidth > room && !command ? indent : "";
      if (!command && width(opening) + width(words.get(first)) > room && words.get(first).indexOf('/') >= 0) {
        // a path longer than a line: in pieces that end after a '/', rather than cut inside a name by the terminal
        if (room - width(opening) < room / 2) {
          opening = "";
        }
        List<String> pieces = pieces(words.get(first), room - width(opening), room);
        for (String piece : pieces.subList(0, pieces.size() - 1)) {
          out.append(out.length() == 0 ? "" : System.lineSeparator()).append(opening).append(piece);
          opening = "";
        }
        // the last piece starts a line as a word does: the words after it follow on that line when they fit
        words.set(first, pieces.get(pieces.size() - 1));
      }
      StringBuilder current = new StringBuilder(opening + words.get(first));
      int last = first;
      // the words that fit, and of their gaps the last wide one, where a break reads best
      int wideBreak = -1;
      while (last + 1 < words.size()
          && width(current) + gaps.get(last + 1).length() + width(words.get(last + 1)) <= room) {
        last++;
        if (gaps.get(last).length() >= 2) {
          wideBreak = last;
        }
        current.append(gaps.get(last)).append(words.get(last));
      }
      if (last + 1 < words.size() && gaps.get(last + 1).length() < 2 && wideBreak > first) {
        // the next word would break a pair ("accuracy 0.9367"): end the line at the last wide gap instead
        last = wideBreak - 1;
        current.setLength(0);
        current.append(opening).append(words.get(first));
        for (int k = first + 1; k <= last; k++) {
          current.append(gaps.get(k)).append(words.get(k));
        }
      }
      if (last + 1 < words.size() && !commands.contains(last + 1) && words.get(last + 1).indexOf('/') >= 0
          && width(words.get(last + 1)) > room) {
        // a path no line holds whole is broken anyway: its first piece ends this line where it fits there ("is"
        // stood alone on a line before a path broken on the lines below it), the rest starts the next
        int left = room - width(current) - gaps.get(last + 1).length();
        List<String> pieces = pieces(words.get(last + 1), left, room);
        // a piece of "/" alone names nothing
        if (pieces.size() > 1 && width(pieces.get(0)) <= left && pieces.get(0).length() > 1) {
          current.append(gaps.get(last + 1)).append(pieces.get(0));
          words.set(last + 1, String.join("", pieces.subList(1, pieces.size())));
        }
      }
      out.append(out.length() == 0 ? "" : System.lineSeparator()).append(current);
      first = last + 1;
    }
    return out.toString();
  }

  /** Joins each figure and its spread ({@code 371.356 ± 14.2428}) into one word that fits in {@code room}. */
  private static void glueSpreads(List<String> gaps, List<String> words, int room) {
    for (int k = 0; k + 2 < words.size(); k++) {
      if (!words.get(k + 1).equals("±")) {
        continue;
      }
      String spread = words.get(k) + gaps.get(k + 1) + "±" + gaps.get(k + 2) + words.get(k + 2);
      if (width(spread) > room) {
        continue;
      }
      words.set(k, spread);
      words.remove(k + 2);
      gaps.remove(k + 2);
      words.remove(k + 1);
      gaps.remove(k + 1);
    }
  }

  /**
   * Joins into one word each command to paste: nn's name as the user runs it, its command, and the options and values
   * after it ({@code nn train --resume DIR}, {@code nn evaluate M --data F}); returns where the commands are.
   */
  private static Set<Integer> glueCommands(List<String> gaps, List<String> words) {
    Set<Integer> commands = new HashSet<>();
    String nn = dev.nn.core.text.CommandName.of();
    for (int k = 0; k + 1 < words.size(); k++) {
      if (!words.get(k).equals(nn) || !words.get(k + 1).matches("[a-z][a-z-]*")) {
        continue;
      }
      int last = k + 1;
      while (last + 1 < words.size() && (words.get(last + 1).startsWith("-")
          || words.get(last).startsWith("--") && !words.get(last).contains("=")
          // a quoted path with a space is one argument: its words go on to the closing quote
          || endsInsideQuotes(String.join(" ", words.subList(k, last + 1))))) {
        last++;
      }
      StringBuilder command = new StringBuilder(words.get(k));
      for (int j = k + 1; j <= last; j++) {
        command.append(gaps.get(j)).append(words.get(j));
      }
      words.set(k, command.toString());
      for (int j = last; j > k; j--) {
        words.remove(j);
        gaps.remove(j);
      }
      commands.add(k);
    }
    return commands;
  }

  /** Whether {@code text} ends inside a single-quoted string, as a POSIX shell reads it. */
  static boolean endsInsideQuotes(String text) {
    boolean inside = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inside) {
        inside = c != '\'';
      } else if (c == '\\') {
        i++;
      } else if (c == '\'') {
        inside = true;
      }
    }
    return inside;
  }

  /**
   * {@code path} in pieces of at most {@code firstRoom} columns for the first, {@code room} for the others, each
   * ending after a '/' where one is in reach.
   */
  private static List<String> pieces(String path, int firstRoom, int room) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int fits = firstRoom;
    while (width(path.substring(start)) > fits) {
      // the characters that take at most that many columns (a wide character takes two)
      int cut = Math.min(path.length(), reach(path, start, Math.max(1, fits)));
      int slash = path.lastIndexOf('/', cut - 1);
      if (slash < start) {
        break; // no '/' in reach: the rest is a name, left whole for the terminal rather than cut by nn
      }
      pieces.add(path.substring(start, slash + 1));
      start = slash + 1;
      fits = room;
    }
    pieces.add(path.substring(start));
    return pieces;
  }

  /** The index in {@code text} after the characters from {@code from} that take at most {@code columns} columns. */
  private static int reach(String text, int from, int columns) {
    int at = from;
    int used = 0;
    while (at < text.length()) {
      int next = at + Character.charCount(text.codePointAt(at));
      int w = width(text.substring(at, next));
      if (used + w > columns) {
        break;
      }
      used += w;
      at = next;
    }
    return Math.max(at, from + Character.charCount(text.codePointAt(from)));
  }

  /** Each line of {@code text} as {@link #wrap} breaks it; a final line end stays. */
  static String wrapLines(String text, int columns) {
    String lines = String.join("\n", text.lines().map(l -> wrap(l, columns)).toList());
    return text.endsWith("\n") ? lines + "\n" : lines;
  }

  /** {@code text} without its colour codes. */
  static String plain(String text) {
    return COLOUR.matcher(text).replaceAll("");
  }

  /** The columns {@code text} takes on a terminal. */
  static int width(CharSequence text) {
    return DisplayWidth.of(COLOUR.matcher(text).replaceAll(""));
  }
}
