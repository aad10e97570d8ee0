package dev.nn.core.config;

import java.util.Objects;

/**
 * Validation or test data: {@code {split: 0.1}} of the training source, a source of its own, or (test data only)
 * one fold of the training source, {@code {fold: 2, of: 5}}, for cross-validation.
 */
public sealed interface HoldOut {

  /** The most folds a cross-validation may have. */
  int MAX_FOLDS = 100;

  /**
   * Fold {@code fold} of {@code folds}: the training source's rows, in the seeded order a split takes, cut into
   * {@code folds} parts of sizes that differ by at most one (stratified by class for a classification, see
   * {@link dev.nn.core.data.Splits#fold}); this one is the test data. Over
   * {@code fold = 0 … folds − 1}, with one seed, every row is test data exactly once.
   *
   * @param fold in [0, folds)
   * @param folds in [2, {@value #MAX_FOLDS}]
   */
  record Fold(int fold, int folds) implements HoldOut {

    /** Checks the range. */
    public Fold {
      if (folds < 2 || folds > MAX_FOLDS || fold < 0 || fold >= folds) {
        throw new IllegalArgumentException("a fold needs 2.." + MAX_FOLDS + " folds and a fold in 0..folds-1, found"
            + " fold " + fold + " of " + folds);
      }
    }
  }

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
