package dev.nn.core.plugin;

import java.util.List;

/**
 * Entries of the plugin path that cannot be used: missing, empty, not a jar, or a damaged jar. Every bad
 * entry is named in the one message, so that one run shows the user all there is to fix.
 */
public final class PluginPathException extends PluginException {
  private static final long serialVersionUID = 1L;

  /** List.copyOf's list of strings, which serializes; its declared type cannot say so. */
  @SuppressWarnings("serial")
  private final List<String> problems;

  /**
   * @param problems one line per bad entry, "path: what is wrong"; at least one
   */
  PluginPathException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per bad entry: "path: what is wrong". */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder s = new StringBuilder(problems.size() + " plugin path entries cannot be used:");
    for (String p : problems) {
      s.append("\n  ").append(p);
    }
    return s.toString();
  }
}
