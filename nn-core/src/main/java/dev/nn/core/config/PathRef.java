package dev.nn.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file or directory named in an experiment: as written, and resolved against the directory of the
 * experiment file (or, for a {@code --set} override, against the working directory).
 *
 * <p>Two references are equal when they resolve to the same path, however they were written.
 *
 * @param written the text in the experiment, e.g. {@code data/diabetes.csv}
 * @param resolved the absolute, normalized path
 */
public record PathRef(String written, Path resolved) {

  /** Checks for {@code null}. */
  public PathRef {
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(resolved, "resolved");
  }

  /** Compares the resolved paths only: see the class comment. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PathRef && ((PathRef) other).resolved.equals(resolved);
  }

  @Override
  public int hashCode() {
    return resolved.hashCode();
  }
}
