package dev.nn.core.config;

import java.util.Objects;

/**
 * The {@code data} section: the training source and how validation and test data are obtained.
 *
 * @param train where the training samples come from
 * @param validation the validation data: a fraction of {@code train}, or its own source
 * @param test the test data, used once at the end: a fraction of {@code train}, or its own source
 * @param standardize whether inputs are standardized with a scaler fitted on the training split only
 */
public record DataSpec(SourceSpec train, HoldOut validation, HoldOut test, boolean standardize) {

  /** Checks for {@code null}. */
  public DataSpec {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
  }
}
