package dev.nn.spi;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in a configuration: where it is, what was found and what is allowed.
 *
 * @param id what kind of problem this is: its stable code, e.g. {@code nn/OutOfRange}, and the section
 *     of {@code docs/errors.md} that explains it
 * @param path the key path, e.g. {@code optimizer.learning-rate}; empty (or {@code null}, read as empty) for the
 *     whole document — for a plugin's refusal, the plugin's own reference rather than one of its settings
 * @param line 1-based line in the source file, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message what is wrong, e.g. {@code must be > 0, found -0.001}
 * @param allowed what is allowed, or empty
 * @param suggestions "did you mean" candidates, best first; never {@code null}
 */
public record ConfigProblem(
    ProblemId id, String path, int line, int column, String message, String allowed, List<String> suggestions)
    implements java.io.Serializable {

  /** Validates and copies. */
  public ConfigProblem {
    Objects.requireNonNull(id, "id");
    // a refusal of no one setting, which plugin authors write as a null key: placed at the plugin itself
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
    allowed = allowed == null ? "" : allowed;
    suggestions = List.copyOf(suggestions);
  }

  /** A problem without a location, to be placed by the caller with {@link #at}. */
  public static ConfigProblem of(ProblemId id, String path, String message, String allowed) {
    return new ConfigProblem(id, path, 0, 0, message, allowed, List.of());
  }

  /** This problem with its path prefixed and its location set. */
  public ConfigProblem at(String pathPrefix, int newLine, int newColumn) {
    String p = pathPrefix.isEmpty() ? path : path.isEmpty() ? pathPrefix : pathPrefix + "." + path;
    return new ConfigProblem(id, p, newLine, newColumn, message, allowed, suggestions);
  }

  /** This problem with "did you mean" candidates. */
  public ConfigProblem withSuggestions(List<String> candidates) {
    return new ConfigProblem(id, path, line, column, message, allowed, candidates);
  }

  /** One line: {@code path (line 3, col 9): message. Allowed: ...}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (!path.isEmpty()) {
      s.append(path);
    }
    if (line > 0) {
      s.append(path.isEmpty() ? "" : " ").append("(line ").append(line).append(", col ").append(column).append(')');
    }
    if (s.length() > 0) {
      s.append(": ");
    }
    s.append(message);
    if (!allowed.isEmpty()) {
      s.append(". Allowed: ").append(allowed);
    }
    if (!suggestions.isEmpty()) {
      s.append(". Did you mean: ").append(String.join(", ", suggestions));
    }
    return s.toString();
  }
}
