package dev.nn.core.config;

import java.util.Objects;

/**
 * The {@code output} section.
 *
 * @param dir the directory that receives run directories {@code <name>-<timestamp>/}
 */
public record OutputSpec(PathRef dir) {

  /** Checks for {@code null}. */
  public OutputSpec {
    Objects.requireNonNull(dir, "dir");
  }
}
