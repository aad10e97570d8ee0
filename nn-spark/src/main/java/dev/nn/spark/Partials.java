package dev.nn.spark;

import java.util.List;

/**
 * Sums the parts' vectors in a fixed order — a balanced binary tree over the part numbers — so that a
 * distributed run's result depends on the parts' values only, never on which task finished first.
 */
final class Partials {
  private Partials() {}

  /** Σ of {@code parts}, element by element, added as a binary tree over the list's order. */
  static double[] sum(List<double[]> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no parts");
    }
    return sum(parts, 0, parts.size());
  }

  private static double[] sum(List<double[]> parts, int from, int to) {
    if (to - from == 1) {
      return parts.get(from).clone();
    }
    int mid = (from + to) >>> 1;
    double[] left = sum(parts, from, mid);
    double[] right = sum(parts, mid, to);
    for (int i = 0; i < left.length; i++) {
      left[i] += right[i];
    }
    return left;
  }
}
