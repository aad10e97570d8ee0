package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Two or more run directories side by side: the keys whose values differ between their resolved experiments
 * ({@code experiment.yaml}, flattened to the key paths {@code --set} takes, such as
 * {@code optimizer.learning-rate} and {@code network.layers[1].units}), and a page overlaying their per-epoch
 * curves from {@code metrics.csv} — training loss, validation loss, validation accuracy — one colour per run,
 * with a legend naming each.
 *
 * <pre>{@code
 * RunComparison c = RunComparison.of(List.of(Path.of("runs/xor-A"), Path.of("runs/xor-B")));
 * c.differences().forEach(d -> System.out.println(d.key() + " " + d.values()));
 * c.writePage(Path.of("compare.html"));
 * }</pre>
 */
public final class RunComparison {
  /** How a key that one experiment lacks is shown. */
  public static final String ABSENT = ExperimentDiff.ABSENT;

  /**
   * One differing key.
   *
   * @param key its path, e.g. {@code optimizer.learning-rate}
   * @param values each run's value, in the order of the runs
   */
  public record Difference(String key, List<String> values) {}

  private final List<String> labels;
  private final List<Difference> differences;
  private final List<MetricsColumns> metrics;

  private final List<Integer> kept;

  private RunComparison(List<String> labels, List<Difference> differences, List<MetricsColumns> metrics,
      List<Integer> kept) {
    this.labels = labels;
    this.differences = differences;
    this.metrics = metrics;
    this.kept = List.copyOf(kept);
  }

  /**
   * Reads the runs.
   *
   * @param runs run directories, each holding {@code experiment.yaml}; {@code metrics.csv} may be missing
   * @throws RunFileException when an {@code experiment.yaml} cannot be read as YAML
   */
  public static RunComparison of(List<Path> runs) {
    List<Map<String, Object>> experiments = new ArrayList<>();
    List<MetricsColumns> metrics = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (Path run : runs) {
      experiments.add(yaml(run.resolve(RunDirectory.EXPERIMENT)));
      MetricsColumns m = MetricsColumns.read(run.resolve(RunDirectory.METRICS));
      metrics.add(m);
      kept.add(keptRow(run, m));
    }
    List<Difference> differences = new ArrayList<>();
    for (ExperimentDiff.Difference d : ExperimentDiff.of(experiments)) {
      differences.add(new Difference(d.key(), d.values()));
    }
    return new RunComparison(labels(runs), List.copyOf(differences), metrics, kept);
  }

  /**
   * The row of the epoch whose weights the run kept, as its {@code summary.json} names it ({@code best_epoch}:
   * early stopping's best epoch by its monitor, else the last); from the metrics alone when there is no summary
   * to read (a run directory of an older nn), or -1 without validation figures.
   */
  private static int keptRow(Path run, MetricsColumns m) {
    Path summary = run.resolve(RunDirectory.SUMMARY);
    if (Files.isRegularFile(summary)) {
      try {
        if (Json.parse(Files.readString(summary, StandardCharsets.UTF_8)) instanceof Map<?, ?> fields
            && fields.get("best_epoch") instanceof Number epoch) {
          int[] epochs = m.epochs();
          for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] == epoch.intValue()) {
              return m.rows().get(i).get("val_loss") != null || m.rows().get(i).get("val_accuracy") != null ? i : -1;
            }
          }
        }
      } catch (IOException | RuntimeException unreadable) {
        // the metrics still give a best epoch
      }
    }
    return m.bestRow();
  }

  /** Short, distinct names for the runs: their directory names, or the paths as given when two share one. */
  public List<String> labels() {
    return labels;
  }

  /** The keys whose values differ, in the order they first appear. */
  public List<Difference> differences() {
    return differences;
  }

  /** The page, as HTML. */
  public String page() {
    ChartPage page = new ChartPage("nn compare", labels.size() + " runs");
    for (int i = 0; i < labels.size(); i++) {
      MetricsColumns m = metrics.get(i);
      int best = kept.get(i);
      page.card(labels.get(i), best < 0 ? "-" : m.headline(best), m.rows().size() + " epochs"
          + (best < 0 ? ", no validation" : ", weights of epoch " + m.epochs()[best]));
    }
    if (differences.isEmpty()) {
      page.note("Differences", "The runs' resolved experiments are the same.");
    } else {
      List<String> lines = new ArrayList<>();
      for (Difference d : differences) {
        lines.add(d.key() + ": " + String.join(" | ", d.values()));
      }
      page.note("Differences", String.join("; ", lines) + ". Values in the order of the runs above.");
    }
    chart(page, "Training loss", "The mean loss of each epoch's training batches.", "loss", "train_loss", true);
    chart(page, "Validation loss", "The loss on the validation split after each epoch.", "loss", "val_loss", true);
    chart(page, "Validation accuracy", "The share of validation rows classified correctly.", "accuracy",
        "val_accuracy", false);
    return page.render();
  }

  /** Writes {@link #page()} to {@code file}, atomically. */
  public void writePage(Path file) {
    AtomicFiles.discardPartialOnExit(file);
    AtomicFiles.writeString(file, page());
  }

  /** A chart of {@code column}, left out when no run has it (no validation split, a regression). */
  private void chart(ChartPage page, String heading, String caption, String yLabel, String column,
      boolean logAllowed) {
    List<ChartPage.Curve> curves = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < labels.size(); i++) {
      MetricsColumns m = metrics.get(i);
      any |= m.has(column);
      curves.add(new ChartPage.Curve(labels.get(i), "series" + (i % ChartPage.SERIES_STYLES + 1), m.epochs(),
          m.column(column)));
    }
    if (any) {
      // an accuracy rises towards the top right, where the legend would hide it
      page.chart(heading, caption, yLabel, logAllowed, !logAllowed, curves);
    }
  }

  private static List<String> labels(List<Path> runs) {
    List<String> names = new ArrayList<>();
    for (Path r : runs) {
      Path n = r.toAbsolutePath().normalize().getFileName();
      names.add(n == null ? r.toString() : n.toString());
    }
    if (names.stream().distinct().count() < names.size()) {
      names.clear();
      runs.forEach(r -> names.add(r.toString()));
    }
    return List.copyOf(names);
  }

  private static Map<String, Object> yaml(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Object o;
    try {
      o = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw new RunFileException(file, "not readable as YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }
}
