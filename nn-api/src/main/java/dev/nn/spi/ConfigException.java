package dev.nn.spi;

import java.util.List;

/**
 * Thrown when a configuration is invalid: one or more {@link ConfigProblem}s, reported together.
 * The command line prints them and exits with status 2, without a stack trace.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The problems, in the order found. Never empty. Serialized with the exception: a cluster's executor that finds
   * an experiment invalid sends it to the driver, which reports its problems. The list is List.copyOf's, which
   * serializes, of ConfigProblems, which do too; its declared type cannot say so.
   */
  @SuppressWarnings("serial")
  private final List<ConfigProblem> problems;

  /** Reports several problems at once. */
  public ConfigException(List<ConfigProblem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Reports one problem. */
  public ConfigException(ConfigProblem problem) {
    this(List.of(problem));
  }

  /** The problems, in the order found. Never empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String summary(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder s = new StringBuilder(problems.size() + " problems:");
    for (int i = 0; i < problems.size(); i++) {
      s.append("\n").append(i + 1).append(") ").append(problems.get(i));
    }
    return s.toString();
  }
}
