package dev.nn.cli;

import java.util.ArrayList;
import java.util.List;
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
   * than the line (when that leaves half the width):
   * broken at a gap of two spaces or more (between a label and its value, between figures) where one is in reach,
   * else at a single space. A word longer than a line stays whole. Widths are the columns text takes on a terminal:
   * colour codes none, a wide character two ({@link DisplayWidth}).
   */
  static String wrap(String line, int columns) {
    int room = Math.max(1, columns - 1);
    if (width(line) <= room) {
      return line;
    }
    // each word with the gap before it
    List<String> gaps = new ArrayList<>();
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(line);
    int end = 0;
    while (m.find()) {
      gaps.add(line.substring(end, m.start()));
      words.add(m.group());
      end = m.end();
    }
    // the parts after the first two spaces deeper than the line itself ("   Allowed: …" of a problem report), unless
    // that leaves less than half the width
    String lead = gaps.isEmpty() ? "" : gaps.get(0);
    String indent = width(lead) + 2 <= room / 2 ? lead + "  " : "  ";
    StringBuilder out = new StringBuilder();
    int first = 0;
    while (first < words.size()) {
      StringBuilder current = new StringBuilder(first == 0 ? gaps.get(0) + words.get(0) : indent + words.get(first));
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
        current.append(first == 0 ? gaps.get(0) + words.get(0) : indent + words.get(first));
        for (int k = first + 1; k <= last; k++) {
          current.append(gaps.get(k)).append(words.get(k));
        }
      }
      out.append(out.length() == 0 ? "" : System.lineSeparator()).append(current);
      first = last + 1;
    }
    return out.toString();
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
