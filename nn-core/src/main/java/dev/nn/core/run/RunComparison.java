package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** How the value of a run whose experiment.yaml cannot be read is shown. */
  public static final String UNREADABLE = "?";

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
  /** Each run's state as its report names it ({@code completed}, {@code diverged}…), or null when unknown. */
  private final List<String> states;
  private final List<String> damage;
  private final int unreadable;

  private RunComparison(List<String> labels, List<Difference> differences, List<MetricsColumns> metrics,
      List<Integer> kept, List<String> states, List<String> damage, int unreadable) {
    this.labels = labels;
    this.differences = differences;
    this.metrics = metrics;
    this.kept = List.copyOf(kept);
    this.states = Collections.unmodifiableList(new ArrayList<>(states));
    this.damage = List.copyOf(damage);
    this.unreadable = unreadable;
  }

  /** How many runs' experiment.yaml could not be read: their settings are not among the differences. */
  public int unreadableExperiments() {
    return unreadable;
  }

  /**
   * What is wrong with the runs' files, each naming its file: rows of a metrics.csv left out because they were
   * damaged outside nn, an experiment.yaml that holds no settings. The page compares what could be read; a reader
   * should hear what it could not.
   */
  public List<String> damage() {
    return damage;
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
    List<String> states = new ArrayList<>();
    List<String> damage = new ArrayList<>();
    for (Path run : runs) {
      experiments.add(settings(run, damage));
      Map<?, ?> summary = summary(run);
      String state = state(run, summary);
      MetricsColumns read = MetricsColumns.read(run.resolve(RunDirectory.METRICS));
      read.damage().forEach(d -> damage.add(run.resolve(RunDirectory.METRICS) + " " + d));
      MetricsColumns m = countedBySummary(summary, state, read);
      metrics.add(m);
      Map<String, Object> experiment = experiments.get(experiments.size() - 1);
      kept.add(keptRow(run, m, experiment == null ? Map.of() : experiment));
      states.add(state);
    }
    int unreadable = (int) experiments.stream().filter(e -> e == null).count();
    // a run whose settings cannot be read is left out of the differences, its value shown as UNREADABLE: as keys
    // it lacks, they would all differ
    List<Map<String, Object>> readable = experiments.stream().filter(e -> e != null).toList();
    List<Difference> differences = new ArrayList<>();
    for (ExperimentDiff.Difference d : ExperimentDiff.of(readable)) {
      List<String> values = new ArrayList<>();
      int next = 0;
      for (Map<String, Object> e : experiments) {
        values.add(e == null ? UNREADABLE : d.values().get(next++));
      }
      differences.add(new Difference(d.key(), values));
    }
    return new RunComparison(labels(runs), List.copyOf(differences), metrics, kept, states, damage, unreadable);
  }

  /**
   * The rows of a run that ended without completing cut to the epochs its summary counts, as its report shows
   * them: metrics.csv may hold a row for an epoch whose checkpoint was never written (a stop between two
   * checkpoints), which the run does not count and a resume trains again, when the file could not be cut to the
   * summary's epochs as the run ended (a disk that filled) or was written by an nn that did not cut it.
   */
  private static MetricsColumns countedBySummary(Map<?, ?> summary, String state, MetricsColumns m) {
    if (state == null || state.equals("completed") || state.equals("running")) {
      return m;
    }
    if (summary.get("epochs") instanceof Number epochs && epochs.intValue() < m.rows().size()) {
      return new MetricsColumns(m.rows().subList(0, Math.max(0, epochs.intValue())));
    }
    return m;
  }

  /** The fields of the run's summary.json; none when it is missing or cannot be read. */
  private static Map<?, ?> summary(Path run) {
    Path summary = run.resolve(RunDirectory.SUMMARY);
    try {
      if (Files.isRegularFile(summary)
          && Json.parse(dev.nn.core.io.TextFiles.read(summary)) instanceof Map<?, ?> fields) {
        return fields;
      }
    } catch (IOException | RuntimeException unreadable) {
      // the page compares the curves all the same
    }
    return Map.of();
  }

  /**
   * How the run stands: as its {@code status.yaml} says it ended; else as its summary says, a "running" run that
   * no process trains being one that was killed (as {@code nn runs} shows it); {@code null} when neither says.
   */
  private static String state(Path run, Map<?, ?> summary) {
    try {
      Optional<RunStatus> ended = RunStatus.read(run.resolve(RunDirectory.STATUS));
      if (ended.isPresent()) {
        RunStatus.State s = ended.get().state();
        return s == RunStatus.State.FINISHED ? "completed" : s.yamlName();
      }
      if (summary.get("status") instanceof String status) {
        return status.equals("running") && !RunDirectory.isTraining(run) ? "interrupted" : status;
      }
    } catch (RuntimeException unreadable) {
      // the page compares the curves all the same
    }
    return null;
  }

  /**
   * The row of the epoch whose weights the run kept, as its {@code summary.json} names it ({@code best_epoch}:
   * early stopping's best epoch by its monitor, else the last); from the metrics and the experiment's early
   * stopping when there is no summary to read (a run killed before it wrote one, a run directory of an older nn);
   * -1 when that epoch has no validation figures.
   */
  private static int keptRow(Path run, MetricsColumns m, Map<String, Object> experiment) {
    Path summary = run.resolve(RunDirectory.SUMMARY);
    if (Files.isRegularFile(summary)) {
      try {
        if (Json.parse(dev.nn.core.io.TextFiles.read(summary)) instanceof Map<?, ?> fields
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
    int i = m.keptRow(experiment);
    return i >= 0 && (m.rows().get(i).get("val_loss") != null || m.rows().get(i).get("val_accuracy") != null) ? i : -1;
  }

  /** Short, distinct names for the runs: their directory names, or the paths as given when two share one. */
  public List<String> labels() {
    return labels;
  }

  /** The keys whose values differ, in the order they first appear. */
  public List<Difference> differences() {
    return differences;
  }

  /**
   * What a reader of the loss curves must know when the runs' losses are not on one scale: their losses differ (a
   * squared error, an absolute one, a cross-entropy), or some regressions trained on standardized targets
   * ({@code data.standardize-targets}) and some on the targets as given, so the curves are not comparable, only the
   * figures; empty when the runs' losses are on one scale.
   */
  public java.util.Optional<String> lossesDiffer() {
    // each loss once, in the order the runs first use it: thirty runs of two losses name two
    java.util.Optional<String> losses = differences.stream().filter(d -> d.key().equals("loss"))
        .map(d -> new java.util.LinkedHashSet<>(d.values().stream().filter(v -> !v.equals(UNREADABLE)).toList()))
        .filter(named -> named.size() > 1).findFirst().map(named -> "the runs' losses differ ("
        + String.join(", ", named) + "): each loss curve is on its own scale, so"
        + " compare the runs by their"
        + " figures (accuracy, rmse), not by their losses");
    if (losses.isPresent()) {
      return losses;
    }
    // absent and false both train on the targets as given
    boolean scalesDiffer = differences.stream().filter(d -> d.key().equals("data.standardize-targets"))
        .anyMatch(d -> d.values().stream().filter(v -> !v.equals(UNREADABLE)).map("true"::equals).distinct().count() > 1);
    return scalesDiffer ? java.util.Optional.of("some runs trained on standardized targets (data.standardize-targets:"
        + " true), some on the targets as given: their losses are on different scales, so compare the runs by their"
        + " figures (rmse, mae, r2, in the targets' own units), not by their losses") : java.util.Optional.empty();
  }

  /** The page, as HTML. */
  public String page() {
    // the table of differences has a column per run: room for each beside the keys, up to a wide screen's width
    ChartPage page = new ChartPage("nn compare", labels.size() + " runs")
        .wideUpTo(Math.min(1800, 300 + 190 * labels.size()));
    List<String> names = RunNames.of(labels, differences);
    for (int i = 0; i < labels.size(); i++) {
      card(page, names.get(i), metrics.get(i), kept.get(i), states.get(i));
    }
    if (!damage.isEmpty()) {
      page.note("Damaged files", "Compared without what could not be read: " + String.join("; ", damage) + ".");
    }
    if (differences.isEmpty()) {
      page.note("Differences", unreadable == 0 ? "The runs' resolved experiments are the same."
          : "The resolved experiments that could be read are the same (" + (labels.size() - unreadable) + " of "
              + labels.size() + " runs).");
    } else {
      page.panel(differenceTable());
    }
    lossesDiffer().ifPresent(note -> page.note("Losses", Character.toUpperCase(note.charAt(0)) + note.substring(1)
        + "."));
    chart(page, names, "Training loss", "The mean loss of each epoch's training batches.", "loss", "train_loss",
        true);
    chart(page, names, "Validation loss", "The loss on the validation split after each epoch.", "loss", "val_loss",
        true);
    chart(page, names, "Validation accuracy", "The share of validation rows classified correctly.", "accuracy",
        "val_accuracy", false);
    return page.render();
  }

  /**
   * A run's card: its headline validation figure at the epoch it kept, else its last training loss, its epochs,
   * and its state unless it completed.
   */
  private static void card(ChartPage page, String name, MetricsColumns m, int best, String state) {
    int epochs = m.rows().size();
    Double trainLoss = m.last("train_loss");
    String value = best >= 0 ? m.headline(best) : trainLoss != null ? Fmt.number(trainLoss) : "—";
    String note = epochs == 0 ? "no epoch finished"
        : (epochs == 1 ? "1 epoch" : epochs + " epochs")
            + (best >= 0 ? "; validation, weights of epoch " + m.epochs()[best]
                : trainLoss != null ? "; no validation split, last training loss" : ", no validation split");
    page.card(name, value, note, state);
  }

  /** Values longer than this (paths, mostly) may wrap in the table of differences. */
  private static final int LONG_VALUE = 24;

  /** The differences as a table: a row per key, a column per run headed by its number and its directory. */
  private String differenceTable() {
    StringBuilder b = new StringBuilder("<h2>Differences</h2>\n<p class=\"caption\">The keys whose values differ"
        + " between the runs' resolved experiments.</p>\n<div class=\"scroll\"><table class=\"differences\">\n"
        + "<thead><tr><th>key</th>");
    for (int i = 0; i < labels.size(); i++) {
      b.append("<th><span class=\"run\">#").append(i + 1).append("</span><br><span class=\"dim\">")
          .append(Fmt.breakable(labels.get(i))).append("</span></th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (Difference d : differences) {
      b.append("<tr><th><code>").append(Fmt.html(d.key())).append("</code></th>");
      for (String v : d.values()) {
        b.append(v.length() > LONG_VALUE ? "<td class=\"long\">" + Fmt.breakable(v) : "<td>" + Fmt.html(v))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table></div>\n").toString();
  }

  /** Writes {@link #page()} to {@code file}, atomically. */
  public void writePage(Path file) {
    AtomicFiles.discardPartialOnExit(file);
    AtomicFiles.writeString(file, page());
  }

  /**
   * A chart of {@code column}, left out when no run has it (no validation split, a regression); its legend names
   * only the runs that have it, each in the colour it has in every chart.
   */
  private void chart(ChartPage page, List<String> names, String heading, String caption, String yLabel,
      String column, boolean logAllowed) {
    List<ChartPage.Curve> curves = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      MetricsColumns m = metrics.get(i);
      if (m.has(column)) {
        curves.add(new ChartPage.Curve(names.get(i), "series" + (i % ChartPage.SERIES_STYLES + 1), m.epochs(),
            m.column(column)));
      }
    }
    if (!curves.isEmpty()) {
      page.chart(heading, caption, yLabel, logAllowed, curves);
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

  /**
   * The run's resolved experiment, as its experiment.yaml reads; null, with what is wrong added to {@code damage},
   * when the file holds no settings or is not YAML (damaged outside nn). A file that reads but is not the one the run
   * recorded (its SHA-256 in provenance.yaml differs: edited, or cut at a line's end) is compared as it is, and
   * said.
   */
  private static Map<String, Object> settings(Path run, List<String> damage) {
    Path file = run.resolve(RunDirectory.EXPERIMENT);
    Map<String, Object> read;
    try {
      read = yaml(file);
    } catch (RunFileException unreadable) {
      if (unreadable.getCause() instanceof dev.nn.core.io.TextFiles.NotUtf8Exception) {
        throw unreadable; // not text at all: named with where, as any file nn cannot decode
      }
      damage.add(file + " is not readable as YAML (" + unreadable.problem() + "), so the run's settings are not"
          + " compared");
      return null;
    }
    if (read.isEmpty()) {
      damage.add(file + " holds no settings (emptied, or cut short outside nn), so the run's settings are not"
          + " compared");
      return null;
    }
    try {
      Optional<String> recorded = Provenance.recordedExperimentSha256(run.resolve(RunDirectory.PROVENANCE));
      if (recorded.isPresent() && !recorded.get().equals(dev.nn.core.io.Sha256.of(file))) {
        damage.add(file + " is not the file the run recorded (its SHA-256 differs from the one provenance.yaml"
            + " gives: changed, or cut short, since the run wrote it); its settings are compared as they are now");
      }
    } catch (RuntimeException unchecked) {
      // a provenance that cannot be read checks nothing: the settings are compared as they read
    }
    return read;
  }

  private static Map<String, Object> yaml(Path file) {
    String text;
    try {
      text = dev.nn.core.io.TextFiles.read(file);
    } catch (dev.nn.core.io.TextFiles.NotUtf8Exception e) {
      throw new RunFileException(file, e.getMessage(), e);
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
