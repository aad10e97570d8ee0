package dev.nn.core.config;

import dev.nn.core.text.Excerpt;

import dev.nn.spi.ConfigProblem;
import java.util.List;

/**
 * Formats configuration problems for people, numbered, each with its id, key path, place, what was
 * found, "did you mean" and what is allowed:
 *
 * <pre>
 * Invalid experiment autoencoder.yaml — 2 problems:
 *
 * 1) [nn/UnknownPlugin] network.layers[1].activation (line 2, col 51): unknown activation "rleu"
 *    Did you mean: relu
 *    Allowed: identity, relu, sigmoid, tanh
 *
 * 2) [nn/OutOfRange] optimizer.learning-rate (line 5, col 20): must be &gt; 0, found -0.001
 *
 * 2 problems
 * </pre>
 *
 * Each id is explained in {@code docs/errors.md}, under {@link dev.nn.spi.ProblemId#anchor()}.
 */
public final class ProblemReport {
  private ProblemReport() {}

  /** The longest key path a report shows whole. */
  private static final int LONGEST_PATH = 200;
  /** The longest message, or list of what is allowed, a report shows whole. */
  private static final int LONGEST_TEXT = 4_000;

  /**
   * The report, ending with a line break.
   *
   * @param fileName the experiment file's name as the user knows it
   * @param problems at least one
   */
  public static String format(String fileName, List<ConfigProblem> problems) {
    int unshown = notShown(problems);
    String count = count(problems.size() - (unshown > 0 ? 1 : 0) + unshown);
    StringBuilder s = new StringBuilder();
    s.append("Invalid experiment ").append(fileName).append(" — ").append(count)
        .append(unshown > 0 ? " (the first " + (problems.size() - 1) + " shown)" : "").append(":\n");
    for (int k = 0; k < problems.size(); k++) {
      ConfigProblem p = problems.get(k);
      s.append('\n').append(k + 1).append(") [").append(p.id().code()).append("] ");
      if (!p.path().isEmpty()) {
        // a key path, a message and what is allowed are read whole at their usual lengths; a key of 100,000
        // characters made a report of 200 KB
        s.append(Excerpt.of(p.path(), LONGEST_PATH));
        if (p.line() > 0) {
          s.append(" (line ").append(p.line()).append(", col ").append(p.column()).append(')');
        }
        s.append(": ");
      } else if (p.line() > 0) {
        s.append("line ").append(p.line()).append(", col ").append(p.column()).append(": ");
      }
      s.append(Excerpt.of(p.message(), LONGEST_TEXT)).append('\n');
      if (!p.suggestions().isEmpty()) {
        s.append("   Did you mean: ").append(String.join(", ", p.suggestions())).append('\n');
      }
      if (!p.allowed().isEmpty()) {
        s.append("   Allowed: ").append(Excerpt.of(p.allowed(), LONGEST_TEXT)).append('\n');
      }
    }
    return s.append('\n').append(count).append('\n').toString();
  }

  /**
   * How many problems the last one says were left out ({@link ExperimentReader}'s note after the first 99:
   * "21 more problems not shown"), 0 when it is not that note: the note is not a problem of the file.
   */
  private static int notShown(List<ConfigProblem> problems) {
    ConfigProblem last = problems.get(problems.size() - 1);
    String m = last.message();
    if (last.id() != dev.nn.spi.ProblemId.TOO_LARGE || !last.path().isEmpty()
        || !m.endsWith(ExperimentReader.NOT_SHOWN)) {
      return 0;
    }
    try {
      return Integer.parseInt(m.substring(0, m.length() - ExperimentReader.NOT_SHOWN.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String count(int n) {
    return n == 1 ? "1 problem" : n + " problems";
  }
}
