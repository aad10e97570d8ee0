package dev.nn.core.stability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a stability study measured.
 *
 * @param experiment the experiment's name
 * @param options how it ran
 * @param trainingSize n, the training split's size
 * @param epochs the epochs each run took
 * @param replacements what took the replaced samples' place: a held-out row of a split, a fresh draw of a
 *     generator, or the sample itself
 * @param points every pair's records, pair by pair, in order of updates
 * @param boundApplies whether the convex bound holds for this experiment
 * @param boundRefusal why it does not, or {@code null}
 * @param lipschitz L over the data (for the convex bound; computed whatever the model)
 * @param smoothness β over the data
 * @param folder where the study's files are, or {@code null} before they are written
 */
public record StabilityResult(String experiment, StabilityOptions options, int trainingSize, int epochs,
    String replacements, List<StabilityPoint> points, boolean boundApplies, String boundRefusal, double lipschitz, double smoothness,
    Path folder) {

  /** Copies. */
  public StabilityResult {
    points = List.copyOf(points);
  }

  StabilityResult writtenTo(Path dir) {
    return new StabilityResult(experiment, options, trainingSize, epochs, replacements, points, boundApplies, boundRefusal,
        lipschitz, smoothness, dir);
  }

  /** One record point averaged over the pairs. */
  public record Mean(double epoch, long updates, double distance, double relativeDistance, double replacedLossDiff,
      double testLossDiff, double gap, double gapPrime, double bound) {}

  /** The records averaged over the pairs, one per record point, in order of updates. */
  public List<Mean> means() {
    List<Long> updates = new ArrayList<>();
    for (StabilityPoint p : points) {
      if (p.pair() == 0) {
        updates.add(p.updates());
      }
    }
    int pairs = options.pairs();
    List<Mean> means = new ArrayList<>();
    for (int k = 0; k < updates.size(); k++) {
      double[] sum = new double[7];
      StabilityPoint any = points.get(k);
      for (int p = 0; p < pairs; p++) {
        StabilityPoint q = points.get(p * updates.size() + k);
        sum[0] += q.distance();
        sum[1] += q.relativeDistance();
        sum[2] += q.replacedLossDiff();
        sum[3] += q.testLossDiff();
        sum[4] += q.gap();
        sum[5] += q.gapPrime();
      }
      means.add(new Mean(any.epoch(), any.updates(), sum[0] / pairs, sum[1] / pairs, sum[2] / pairs, sum[3] / pairs,
          sum[4] / pairs, sum[5] / pairs, any.bound()));
    }
    return means;
  }

  /** The means at epoch ends only. */
  public List<Mean> epochMeans() {
    List<Mean> out = new ArrayList<>();
    for (Mean m : means()) {
      if (m.epoch() == Math.rint(m.epoch())) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The table of epoch means, each column as wide as its widest cell and two spaces apart: the figures decide
   * the width (about 75 columns for most studies), so that an 80-column terminal shows a row on one line.
   */
  private String table() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(boundApplies
        ? List.of("epoch", "mean ‖w−w′‖", "relative", "bound", "Δloss(z)", "Δloss(test)", "gap(w)", "gap(w′)")
        : List.of("epoch", "mean ‖w−w′‖", "relative", "Δloss(z)", "Δloss(test)", "gap(w)", "gap(w′)"));
    for (Mean m : epochMeans()) {
      List<String> row = new ArrayList<>(List.of(Integer.toString((int) m.epoch()), figure("%.4g", m.distance()),
          figure("%.3g", m.relativeDistance())));
      if (boundApplies) {
        row.add(figure("%.4g", m.bound()));
      }
      row.addAll(List.of(figure("%+.3g", m.replacedLossDiff()), figure("%+.3g", m.testLossDiff()),
          figure("%+.3g", m.gap()), figure("%+.3g", m.gapPrime())));
      rows.add(row);
    }
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        String cell = row.get(c);
        // the epoch right-aligned under its heading, the figures left-aligned so that their signs line up
        line.append(c == 0 ? " ".repeat(widths[c] - cell.length()) + cell : cell + " ".repeat(widths[c]
            - cell.length())).append(c + 1 < widths.length ? "  " : "");
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  private static String figure(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  /** A few lines for a terminal: the setting, one line per epoch, the bound or why there is none. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %d pair%s, %d epochs, n = %d training samples; each pair replaces %s "
        + "by %s%n", experiment, options.pairs(), options.pairs() == 1 ? "" : "s", epochs, trainingSize,
        options.replaceIndex() == StabilityOptions.RANDOM ? "a random sample" : "sample " + options.replaceIndex(),
        replacements));
    b.append(table());
    if (boundApplies) {
      b.append(String.format(Locale.ROOT, "convex bound (Hardt, Recht & Singer 2016, Thm 3.8): E‖w_T − w′_T‖ ≤ "
          + "(2L/n)·Σα_t with L = %.4g, β = %.4g from the data%n", lipschitz, smoothness));
    } else {
      b.append("no convex bound: ").append(boundRefusal).append('\n');
    }
    if (folder != null) {
      b.append("written to ").append(folder).append('\n');
    }
    return b.toString();
  }
}
