package dev.nn.core.config;

import java.util.Objects;

/** Validation or test data: {@code {split: 0.1}} of the training source, or a source of its own. */
public sealed interface HoldOut {

  /**
   * A fraction of the training source's samples, set aside before training.
   *
   * @param fraction in [0, 1); 0 means none
   */
  record Split(double fraction) implements HoldOut {}

  /**
   * Samples from a source of their own.
   *
   * @param source where they come from
   */
  record FromSource(SourceSpec source) implements HoldOut {

    /** Checks for {@code null}. */
    public FromSource {
      Objects.requireNonNull(source, "source");
    }
  }

  /** Whether this yields any samples: a source does, a split does when its fraction is above 0. */
  default boolean isPresent() {
    return !(this instanceof Split) || ((Split) this).fraction() > 0;
  }
}
