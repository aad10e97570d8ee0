package dev.nn.cli;

import dev.nn.core.run.ChartPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The page of {@code nn compare}: the differing keys, then one chart per curve (training loss, validation
 * loss, validation accuracy) with one line per run, each run in its own colour throughout.
 */
final class ComparePage {
  private ComparePage() {}

  /** The page, as written. */
  static String render(List<String> labels, List<ExperimentDiff.Difference> differences,
      List<MetricsTable> metrics) {
    ChartPage page = new ChartPage("nn compare", labels.size() + " runs");
    for (int i = 0; i < labels.size(); i++) {
      MetricsTable m = metrics.get(i);
      int best = m.bestRow();
      RunRecord.Figure figure = best < 0 ? null : RunRecord.Figure.headline(m.validation(best));
      page.card(labels.get(i), figure == null ? "-" : figure.display(), m.rows().size() + " epochs"
          + (best < 0 ? ", no validation" : ", best epoch " + m.epochs()[best]));
    }
    if (differences.isEmpty()) {
      page.note("Differences", "The runs' resolved experiments are the same.");
    } else {
      List<String> lines = new ArrayList<>();
      for (ExperimentDiff.Difference d : differences) {
        lines.add(d.key() + ": " + String.join(" | ", d.values()));
      }
      page.note("Differences", String.join("; ", lines) + ". Values in the order of the runs above.");
    }
    chart(page, labels, metrics, "Training loss", "The mean loss of each epoch's training batches.", "loss",
        "train_loss", true);
    chart(page, labels, metrics, "Validation loss", "The loss on the validation split after each epoch.", "loss",
        "val_loss", true);
    chart(page, labels, metrics, "Validation accuracy", "The share of validation rows classified correctly.",
        "accuracy", "val_accuracy", false);
    return page.render();
  }

  /** Writes the page to {@code file}, atomically. */
  static void write(Path file, List<String> labels, List<ExperimentDiff.Difference> differences,
      List<MetricsTable> metrics) {
    dev.nn.core.io.AtomicFiles.writeString(file, render(labels, differences, metrics));
  }

  /** A chart of {@code column}, left out when no run has it (no validation split, a regression). */
  private static void chart(ChartPage page, List<String> labels, List<MetricsTable> metrics, String heading,
      String caption, String yLabel, String column, boolean logAllowed) {
    List<ChartPage.Curve> curves = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < labels.size(); i++) {
      MetricsTable m = metrics.get(i);
      any |= m.has(column);
      curves.add(new ChartPage.Curve(labels.get(i), "series" + (i % ChartPage.SERIES_STYLES + 1), m.epochs(),
          m.column(column)));
    }
    if (any) {
      page.chart(heading, caption, yLabel, logAllowed, curves);
    }
  }
}
