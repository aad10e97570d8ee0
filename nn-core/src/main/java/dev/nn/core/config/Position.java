package dev.nn.core.config;

import dev.nn.spi.ConfigProblem;
import java.util.Objects;

/**
 * Where a value was written: its key path and its 1-based line and column in the experiment file
 * (0 and 0 when it came from a {@code --set} override or from a default), and the override that wrote it.
 *
 * <p>A position is provenance, not content: all positions are equal to each other, so that records
 * holding them compare by what they say, and an experiment written out and read back equals the
 * original. Compare {@link #line()} and {@link #column()} directly when the place matters.
 *
 * @param path the key path, e.g. {@code network.layers[1].activation}
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param override the {@code --set} that wrote the value as a message quotes it ({@code training.class-weights=[1,2,3]}),
 *     or {@code null}
 */
public record Position(String path, int line, int column, String override) {

  /** Checks the path. */
  public Position {
    Objects.requireNonNull(path, "path");
  }

  /** A position in the file, or nowhere, written by no override. */
  public Position(String path, int line, int column) {
    this(path, line, column, null);
  }

  /** A position with no place in a file: a default or an override. */
  static Position unknown(String path) {
    return new Position(path, 0, 0);
  }

  /**
   * The problem placed here: its path prefixed with this path, its line and column set to this one's.
   * The engine uses this to report a problem that a plugin finds after the experiment was read.
   */
  public ConfigProblem place(ConfigProblem problem) {
    ConfigProblem placed = problem.at(path, line, column);
    // a problem found after reading (a shape, a plugin's refusal) says which --set gave the value, as the reader's do
    return override == null || placed.message().contains("(from --set ") ? placed
        : new ConfigProblem(placed.id(), placed.path(), placed.line(), placed.column(), placed.message()
            + " (from --set " + override + ")", placed.allowed(), placed.suggestions());
  }

  /** Always {@code true} for another position: see the class comment. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Position;
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
