package dev.nn.cli;

import dev.nn.core.text.Counted;

/**
 * How a sweep's lines name it and its points. {@code --folds} alone is a cross-validation of K folds, and says so
 * ("fold 2/5", "the cross-validation was stopped at fold 2 of 5"); swept with other keys, its points are a sweep's.
 *
 * @param whole what the whole is called: {@code sweep}, {@code cross-validation}
 * @param one one of its points: {@code point}, {@code fold}
 * @param many several: {@code points}, {@code folds}
 */
record SweepWords(String whole, String one, String many) {
  /** A sweep of --sweep values, with or without folds. */
  static final SweepWords SWEEP = new SweepWords("sweep", "point", "points");
  /** --folds alone. */
  static final SweepWords FOLDS = new SweepWords("cross-validation", "fold", "folds");

  /** "3 points", "1 fold". */
  String count(int n) {
    return Counted.of(n, one, many);
  }

  /** How a point's own line starts: {@code sweep point}, {@code fold}. */
  String pointLabel() {
    return this == FOLDS ? one : whole + " " + one;
  }
}
