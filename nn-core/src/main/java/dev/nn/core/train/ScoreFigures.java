package dev.nn.core.train;

import java.util.Arrays;

/**
 * A classifier's figures from its scores rather than from the classes it picks: the area under the ROC curve and
 * the log loss. Accuracy says how often the top class is right; these say how well the scores order the rows
 * (AUC) and how much probability the true class gets (log loss).
 *
 * @param rocAuc the probability that a row of a class scores above a row of another, ties counting one half
 *     (Mann–Whitney); for several classes, the mean over the classes of each one against the rest
 *     (scikit-learn's {@code roc_auc_score(multi_class="ovr", average="macro")}); NaN when no class has rows both
 *     in and out of it
 * @param classesRanked the classes that mean is over: those with rows both in and out of them (1 for a single
 *     output)
 * @param logLoss −(1/n)·Σ log p(true class), each p kept in [1e−15, 1 − 1e−15]; NaN when the outputs are not
 *     probabilities (a value outside [0, 1], or a row of several that does not sum to 1)
 */
public record ScoreFigures(double rocAuc, int classesRanked, double logLoss) {
  /** The smallest probability the log loss takes, as scikit-learn's {@code log_loss} long did. */
  static final double LEAST_PROBABILITY = 1e-15;

  /**
   * The figures of {@code rows} rows.
   *
   * @param predicted rows × cols outputs (after the loss's link). Not modified.
   * @param target rows × cols targets, as for {@link Metrics#of}. Not modified.
   * @param threshold as for {@link Metrics#of}: which single-output targets are class 1
   */
  public static ScoreFigures of(double[] predicted, double[] target, int rows, int cols, double threshold) {
    int[] truth = new int[rows];
    for (int r = 0; r < rows; r++) {
      truth[r] = Metrics.classOf(target, r * cols, cols, threshold);
    }
    double sum = 0;
    int ranked = 0;
    double[] scores = new double[rows];
    boolean[] positive = new boolean[rows];
    for (int c = cols == 1 ? 1 : 0; c < Math.max(2, cols); c++) {
      for (int r = 0; r < rows; r++) {
        scores[r] = predicted[r * cols + (cols == 1 ? 0 : c)];
        positive[r] = truth[r] == c;
      }
      double auc = rocAuc(scores, positive);
      if (!Double.isNaN(auc)) {
        sum += auc;
        ranked++;
      }
    }
    return new ScoreFigures(ranked == 0 ? Double.NaN : sum / ranked, ranked, logLoss(predicted, truth, rows, cols));
  }

  /**
   * The area under the ROC curve of {@code scores} for telling the {@code positive} rows from the others: (sum of
   * the positives' ranks − P(P+1)/2) / (P·N), ranks from 1 with tied scores sharing their mean rank. NaN without
   * positives or without negatives, or when a score is NaN.
   */
  static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(scores[i])) {
        return Double.NaN;
      }
      order[i] = i;
      positives += positive[i] ? 1 : 0;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      // ranks i+1 … j+1 share their mean
      double rank = (i + j + 2) / 2.0;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
        }
      }
      i = j + 1;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** The mean −log p(true class), or NaN when the outputs are not probabilities. */
  private static double logLoss(double[] predicted, int[] truth, int rows, int cols) {
    if (rows == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      double total = 0;
      for (int k = 0; k < cols; k++) {
        double p = predicted[r * cols + k];
        if (!(p >= 0 && p <= 1)) {
          return Double.NaN;
        }
        total += p;
      }
      if (cols > 1 && Math.abs(total - 1) > 1e-6) {
        return Double.NaN;
      }
      double p = cols == 1 ? (truth[r] == 1 ? predicted[r] : 1 - predicted[r]) : predicted[r * cols + truth[r]];
      sum -= Math.log(Math.min(1 - LEAST_PROBABILITY, Math.max(LEAST_PROBABILITY, p)));
    }
    return sum / rows;
  }
}
