package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the
 * run's status, the training and validation loss by epoch, the validation accuracy or R² by epoch, the
 * learning rate by epoch, the final figures on the validation split (at the epoch whose weights were kept) and
 * on the test split, the confusion matrices of a classification run, the experiment and the provenance, and
 * links to the run's other files. While the run trains, the page asks the browser to reload it every
 * {@value #REFRESH_SECONDS} seconds; the run rewrites it after every epoch.
 *
 * @param experimentName the experiment's name, shown as the title
 * @param result how training went so far: every epoch's report and the epoch whose weights were kept
 * @param test the test split's figures, or {@code null} without one
 * @param classLabels names of the classes for the confusion matrices; empty to number them from 0
 * @param status the run's status, shown at the top
 * @param experimentYaml the resolved experiment's text, shown folded, or {@code null}
 * @param provenanceYaml the provenance's text, shown folded, or {@code null}
 * @param classWeighted whether the training loss weighs rows (by their class or their own weights) while the
 *     validation loss does not
 * @param overrides the {@code --set} overrides the run started with: shown under the title and, in short, in the
 *     browser tab's title, so that the reports of a sweep's points or of a cross-validation's folds, all of one
 *     experiment, can be told apart
 * @param runSeconds the run's wall time so far, earlier attempts included, as its summary's duration; NaN when
 *     unknown, and the page then shows the time spent in epochs
 * @param targetNames the regression targets' names, or empty for one target or a classification
 * @param targetsStandardized whether a regression trained on standardized targets, which its loss is of
 */
record HtmlReport(String experimentName, TrainingResult result, Metrics test, List<String> classLabels,
    Status status, String experimentYaml, String provenanceYaml, boolean classWeighted, List<String> overrides,
    double runSeconds, List<String> targetNames, boolean targetsStandardized) {

  /** How often a browser reloads the page of a run that is training. */
  static final int REFRESH_SECONDS = 5;

  /**
   * The run's status.
   *
   * @param state {@code running}, {@code completed}, {@code diverged}, {@code interrupted} or {@code failed}
   * @param message what to say about it ("epoch 12 of 40", the failure), or {@code null}
   * @param written when a running run's page was written, or {@code null}: the page shows it and how long ago,
   *     since a process killed outright (kill -9, a crash, a reboot) leaves its last page saying "running"
   */
  record Status(String state, String message, Instant written) {
    /** A finished run, with nothing more to say. */
    static final Status COMPLETED = new Status("completed", null);

    /** Requires a state. */
    Status {
      Objects.requireNonNull(state, "state");
    }

    /** A status without a time of writing. */
    Status(String state, String message) {
      this(state, message, null);
    }

    boolean running() {
      return state.equals("running");
    }
  }

  /** Requires a name, a result and a status; copies the labels. */
  HtmlReport {
    Objects.requireNonNull(experimentName, "experimentName");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(status, "status");
    classLabels = classLabels == null ? List.of() : List.copyOf(classLabels);
    // a report is made to be shared: no secret's value in it (the run's experiment.yaml keeps it, to be resumed)
    overrides = overrides == null ? List.of() : dev.nn.core.text.Secrets.redact(overrides);
    experimentYaml = dev.nn.core.text.Secrets.redact(experimentYaml);
    provenanceYaml = dev.nn.core.text.Secrets.redact(provenanceYaml);
    targetNames = targetNames == null ? List.of() : List.copyOf(targetNames);
  }

  /** The report of a run whose regression targets, if any, are not standardized. */
  HtmlReport(String experimentName, TrainingResult result, Metrics test, List<String> classLabels, Status status,
      String experimentYaml, String provenanceYaml, boolean classWeighted, List<String> overrides,
      double runSeconds, List<String> targetNames) {
    this(experimentName, result, test, classLabels, status, experimentYaml, provenanceYaml, classWeighted, overrides,
        runSeconds, targetNames, false);
  }

  /** The report of a run whose targets are not named: a classification, or one target. */
  HtmlReport(String experimentName, TrainingResult result, Metrics test, List<String> classLabels, Status status,
      String experimentYaml, String provenanceYaml, boolean classWeighted, List<String> overrides,
      double runSeconds) {
    this(experimentName, result, test, classLabels, status, experimentYaml, provenanceYaml, classWeighted, overrides,
        runSeconds, List.of());
  }

  /** The report of a run started without overrides. */
  HtmlReport(String experimentName, TrainingResult result, Metrics test, List<String> classLabels, Status status,
      String experimentYaml, String provenanceYaml, boolean classWeighted) {
    this(experimentName, result, test, classLabels, status, experimentYaml, provenanceYaml, classWeighted, List.of(),
        Double.NaN);
  }

  /** The report of a completed run, without the experiment and provenance. */
  HtmlReport(String experimentName, TrainingResult result, Metrics test, List<String> classLabels) {
    this(experimentName, result, test, classLabels, Status.COMPLETED, null, null, false, List.of(), Double.NaN);
  }

  /** Writes the page atomically, flushed to disk: the run's end. */
  void write(Path file) {
    AtomicFiles.writeString(file, render());
  }

  /** Writes the page atomically without flushing it to disk: progress, which the next write or a resume renews. */
  void writeProgress(Path file) {
    AtomicFiles.writeRebuildable(file, render());
  }

  /** The page. */
  String render() {
    List<EpochReport> epochs = result.epochs();
    EpochReport kept = keptEpoch();
    Metrics validation = kept == null ? null : kept.validation();
    String name = Fmt.html(experimentName);
    String variant = RunVariant.ofOverrides(overrides);
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append(status.running() ? "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">\n" : "")
        .append("<title>").append(name).append(variant.isEmpty() ? "" : " · " + Fmt.html(variant))
        .append(" · training report</title>\n<style>\n").append(ReportStyle.CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<header>\n<p class=\"kicker\">Training report</p>\n<h1>")
        .append(name).append("</h1>\n");
    overrideLine(b);
    // metrics.csv is written with the first epoch's row: before it, no link to a file that is not there
    String metrics = result.epochs().isEmpty() ? "" : "<a href=\"" + RunDirectory.METRICS + "\">"
        + RunDirectory.METRICS + "</a>";
    b.append("<nav><a href=\"").append(RunDirectory.EXPERIMENT).append("\">")
        .append(RunDirectory.EXPERIMENT).append("</a>").append(metrics).append("<a href=\"")
        .append(RunDirectory.PROVENANCE).append("\">")
        .append(RunDirectory.PROVENANCE).append("</a><a href=\"").append(RunDirectory.SUMMARY).append("\">")
        .append(RunDirectory.SUMMARY).append("</a><a href=\"").append(RunDirectory.RUN_LOG).append("\">")
        .append(RunDirectory.RUN_LOG).append("</a></nav>\n");
    statusLine(b);
    b.append("</header>\n");
    cards(b, epochs, kept);
    if (epochs.isEmpty()) {
      // whatever splits the experiment has, nothing is measured before an epoch ends
      b.append("<section class=\"panel\"><p class=\"note\">")
          .append(status.running() ? "No epoch has finished yet, so nothing has been measured yet."
              : "No epoch finished, so nothing was measured.")
          .append("</p></section>\n");
    } else {
      lossChart(b, epochs);
      qualityChart(b, epochs);
      learningRateChart(b, epochs);
      finalMetrics(b, kept, validation);
    }
    if (validation != null && validation.isClassification()) {
      confusion(b, "Confusion matrix · validation, epoch " + kept.epoch(), validation);
    }
    if (test != null && test.isClassification()) {
      confusion(b, "Confusion matrix · test", test);
    }
    folded(b, "Experiment", RunDirectory.EXPERIMENT, experimentYaml);
    folded(b, "Provenance", RunDirectory.PROVENANCE, provenanceYaml);
    String version = Provenance.currentNnVersion();
    b.append("<footer>Written by nn").append(version.equals(Provenance.UNKNOWN_VERSION) ? "" : " " + Fmt.html(version))
        .append(".</footer>\n</main>\n</body>\n</html>\n");
    return b.toString();
  }

  /** The status, with its class for the colour: a running run's page says it reloads itself. */
  private void statusLine(StringBuilder b) {
    b.append("<p class=\"status ").append(Fmt.html(status.state())).append("\"><span class=\"badge\">")
        .append(Fmt.html(status.state())).append("</span>");
    if (status.message() != null && !status.message().isEmpty()) {
      b.append(' ').append(Fmt.html(Fmt.numbersIn(status.message())));
    }
    if (status.running()) {
      b.append(" <span class=\"dim\">· ");
      if (status.written() != null) {
        Instant second = status.written().truncatedTo(ChronoUnit.SECONDS);
        b.append("written <time datetime=\"").append(second).append("\">")
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(second.atOffset(ZoneOffset.UTC)).replace('T', ' '))
            .append(" UTC</time><span id=\"written-ago\"></span> · ");
      }
      b.append("this page reloads every ").append(REFRESH_SECONDS).append(" s</span>");
      if (status.written() != null) {
        b.append("<span id=\"stale\" class=\"stale\" hidden><br>Nothing newer has been written for a while. An epoch"
            + " can take that long; but if the run's process has ended (kill -9, a crash, a restart), <code>nn runs</code>"
            + " shows the run as interrupted and <code>nn train --resume</code> with this folder continues it.</span>");
        b.append(staleScript());
      }
    }
    b.append("</p>\n");
  }

  /** The overrides the run started with, in full, under the title. */
  private void overrideLine(StringBuilder b) {
    if (overrides.isEmpty()) {
      return;
    }
    b.append("<p class=\"overrides\">with");
    for (String o : overrides) {
      b.append(" <code>").append(Fmt.html(o)).append("</code>");
    }
    b.append("</p>\n");
  }

  /**
   * Says how long ago a running run's page was written and, when that is much longer than its epochs take,
   * what to do if the process has ended: the page cannot know, since a process killed outright writes nothing.
   * Without JavaScript the page shows the time alone.
   */
  private String staleScript() {
    double longest = 0;
    for (EpochReport r : result.epochs()) {
      longest = Math.max(longest, r.seconds());
    }
    // three of the longest epochs, and never less than two minutes: the first epoch's length is unknown
    long quietMillis = Math.max(120_000L, (long) (3_000 * longest));
    return "<script>(function () {\n"
        + "  var written = Date.parse(document.querySelector('time').getAttribute('datetime'));\n"
        + "  var seconds = Math.round((Date.now() - written) / 1000);\n"
        + "  if (!(seconds >= 0)) { return; }\n"
        + "  var ago = seconds < 120 ? seconds + ' s' : Math.round(seconds / 60) + ' min';\n"
        + "  document.getElementById('written-ago').textContent = ', ' + ago + ' ago';\n"
        + "  if (seconds * 1000 > " + quietMillis + ") { document.getElementById('stale').hidden = false; }\n"
        + "})();</script>";
  }

  /** A file's text, folded away under its heading. */
  private static void folded(StringBuilder b, String title, String file, String text) {
    if (text == null) {
      return;
    }
    b.append("<section class=\"panel\">\n<details>\n<summary><h2>").append(title).append("</h2> <span class=\"dim\">")
        .append(file).append("</span></summary>\n<pre class=\"file\">").append(Fmt.html(text)).append("</pre>\n")
        .append("</details>\n</section>\n");
  }

  /** The report of the epoch whose weights the network kept, else the last; {@code null} without epochs. */
  private EpochReport keptEpoch() {
    List<EpochReport> epochs = result.epochs();
    for (EpochReport r : epochs) {
      if (r.epoch() == result.bestEpoch()) {
        return r;
      }
    }
    return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
  }

  private void cards(StringBuilder b, List<EpochReport> epochs, EpochReport kept) {
    b.append("<section class=\"cards\">\n");
    if (epochs.isEmpty()) {
      card(b, "Epochs", "0", status.running() ? "none finished yet" : "none finished");
      b.append("</section>\n");
      return;
    }
    EpochReport last = epochs.get(epochs.size() - 1);
    double seconds = 0;
    for (EpochReport r : epochs) {
      seconds += r.seconds();
    }
    card(b, "Epochs", Fmt.count(last.epoch()), result.stoppedEarly() ? "stopped early" : "");
    card(b, "Updates", Fmt.count(last.updates()), "");
    if (kept.validation() != null) {
      // the epoch of the lowest validation loss, as the checkpoints name it (a diverged run's record names the
      // epoch whose checkpoint is kept); only a completed run has a model, which keeps that epoch's weights or,
      // without early stopping, the last's
      int best = status.state().equals("diverged") ? kept.epoch() : Checkpoints.bestEpoch(epochs);
      String note = status.running() ? "lowest validation loss so far"
          : status.state().equals("completed") ? (best == kept.epoch() ? "weights kept"
              : "the model keeps epoch " + kept.epoch())
          : status.state().equals("diverged") ? "its checkpoint is kept" : "lowest validation loss";
      // not "best epoch": summary.json's best_epoch is the epoch the model keeps, which a reader of both took this for
      card(b, status.state().equals("diverged") ? "Epoch kept" : "Lowest val loss", "epoch " + Fmt.count(best), note);
    }
    String weighted = classWeighted ? "weighted" : "";
    // while the run trains its last figures are not its final ones
    card(b, status.running() ? "Train loss" : "Final train loss", Fmt.number(last.trainLoss()),
        status.running() ? join("epoch " + last.epoch(), weighted) : weighted);
    // the time the user waited, as summary.json and nn runs give it; the epochs' own share beside it, since
    // the writing of checkpoints and pages and the evaluation at the end are the rest
    if (Double.isNaN(runSeconds)) {
      card(b, "Time in epochs", Fmt.duration(seconds), "");
    } else {
      card(b, "Run time", Fmt.duration(runSeconds), Fmt.duration(seconds)
          + " in epochs");
    }
    b.append("</section>\n");
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + ", " + b;
  }

  private static void card(StringBuilder b, String label, String value, String note) {
    b.append("<div class=\"card\"><div class=\"card-label\">").append(label).append("</div><div class=\"card-value\">")
        .append(value).append("</div>");
    if (!note.isEmpty()) {
      b.append("<div class=\"card-note\">").append(note).append("</div>");
    }
    b.append("</div>\n");
  }

  private void lossChart(StringBuilder b, List<EpochReport> epochs) {
    int n = epochs.size();
    int[] x = new int[n];
    double[] train = new double[n];
    double[] val = new double[n];
    boolean anyVal = false;
    for (int i = 0; i < n; i++) {
      EpochReport r = epochs.get(i);
      x[i] = r.epoch();
      train[i] = r.trainLoss();
      val[i] = r.validation() == null ? Double.NaN : r.validation().loss();
      anyVal |= r.validation() != null;
    }
    SvgChart chart = new SvgChart("loss", "mean loss").logAllowed()
        .add(new SvgChart.Series(classWeighted ? "training loss (weighted)" : "training loss", "train", x, train));
    if (anyVal) {
      chart.add(new SvgChart.Series("validation loss", "val", x, val));
      if (result.stoppedEarly() || result.bestEpoch() != x[n - 1]) {
        chart.bestEpoch(result.bestEpoch());
      }
    }
    panel(b, "Loss", "Mean loss per sample at the end of each epoch; the training loss is averaged over the epoch."
        + (classWeighted ? " The training loss weighs the rows (training.class-weights, or a csv source's weight"
            + " column), the validation loss does not, so the two lines are not on one scale." : "")
        + (!showsRegressionFigures(epochs) ? "" : targetsStandardized
            ? " The loss is of the standardized targets (data.standardize-targets), the scale the network trained in;"
                + " RMSE and MAE are in the targets' own units."
            : " The loss is of the targets as given, not standardized, as are RMSE and MAE."),
        chart.render());
  }

  /** Whether the page shows a regression's RMSE and MAE beside its loss, from the validation or the test split. */
  private boolean showsRegressionFigures(List<EpochReport> epochs) {
    boolean validation = epochs.stream().anyMatch(r -> r.validation() != null && !r.validation().isClassification());
    return validation || test != null && !test.isClassification();
  }

  private void qualityChart(StringBuilder b, List<EpochReport> epochs) {
    int n = epochs.size();
    int[] x = new int[n];
    double[] v = new double[n];
    Boolean classification = null;
    for (int i = 0; i < n; i++) {
      Metrics m = epochs.get(i).validation();
      x[i] = epochs.get(i).epoch();
      v[i] = m == null ? Double.NaN : m.isClassification() ? m.accuracy() : m.r2();
      if (m != null) {
        classification = m.isClassification();
      }
    }
    if (classification == null) {
      return;
    }
    String what = classification ? "validation accuracy" : "validation R²";
    SvgChart chart = new SvgChart("quality", what)
        .add(new SvgChart.Series(what, "val", x, v));
    chart.clamp(classification ? 0 : -1, 1);
    if (result.stoppedEarly() || result.bestEpoch() != x[n - 1]) {
      chart.bestEpoch(result.bestEpoch());
    }
    if (classification) {
      panel(b, "Accuracy", "Fraction of validation samples whose predicted class is the true one.", chart.render());
      return;
    }
    int rows = 0;
    for (EpochReport r : epochs) {
      rows = r.validation() == null ? rows : r.validation().rows();
    }
    double highest = Double.NEGATIVE_INFINITY;
    for (double r2 : v) {
      if (Double.isFinite(r2)) {
        highest = Math.max(highest, r2);
      }
    }
    String caption = "Coefficient of determination on the validation split";
    if (highest == Double.NEGATIVE_INFINITY) {
      // the split's targets are the same at every epoch, so R² is undefined at all of them or at none
      b.append("<section class=\"panel\">\n<h2>R²</h2>\n<p class=\"caption\">").append(caption)
          .append(".</p>\n<p class=\"note\">").append(r2Undefined("validation", rows, true))
          .append("</p>\n</section>\n");
      return;
    }
    // the axis stops at −1 whatever the values, so that a diverged run's R² of −80,000 does not flatten the rest
    panel(b, "R²", caption + (highest < -1
        ? ": every value is below −1 (the highest " + Fmt.fraction(highest)
            + "), so under this axis, which stops at −1."
        : " (values below −1 are cut off)."), chart.render());
  }

  /**
   * Why a split's R² has no value, as summary.json's null and the terminal's "-" say it has none: SS_tot is 0,
   * since the split's targets (one of them, for a target's own R²) do not vary, as with one row.
   */
  static String r2Undefined(String split, int rows, boolean pooled) {
    return "R² is undefined on the " + split + " split (" + Fmt.count(rows) + (rows == 1 ? " row" : " rows")
        + (pooled ? "): its targets do not vary" : "), for a target that does not vary in it")
        + ", so there is no variance for the model to explain.";
  }

  private void learningRateChart(StringBuilder b, List<EpochReport> epochs) {
    int n = epochs.size();
    int[] x = new int[n];
    double[] rate = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = epochs.get(i).epoch();
      rate[i] = epochs.get(i).learningRate();
    }
    SvgChart chart = new SvgChart("rate", "learning rate").logAllowed()
        .add(new SvgChart.Series("learning rate", "rate", x, rate));
    panel(b, "Learning rate", "η of each epoch's last update, as the schedule set it.", chart.render());
  }

  private static void panel(StringBuilder b, String title, String caption, String svg) {
    b.append("<section class=\"panel\">\n<h2>").append(title).append("</h2>\n<p class=\"caption\">").append(caption)
        .append("</p>\n");
    b.append(svg == null ? "<p class=\"note\">No finite values to draw.</p>" : svg);
    b.append("\n</section>\n");
  }

  private void finalMetrics(StringBuilder b, EpochReport kept, Metrics validation) {
    b.append("<section class=\"panel\">\n<h2>").append(status.running() ? "Metrics so far" : "Final metrics")
        .append("</h2>\n");
    if (validation == null && test == null) {
      // the test split is measured once, when the run completes: a run that trains or ended otherwise may have one
      b.append("<p class=\"note\">").append(switch (status.state()) {
        case "completed" -> "No validation or test split: only the training loss was measured.";
        case "running" -> "No validation split: only the training loss is measured while the run trains (a test"
            + " split, if there is one, when it ends).";
        default -> "No validation split, and a test split, if there is one, is measured only when a run completes:"
            + " only the training loss was measured.";
      }).append("</p>\n</section>\n");
      return;
    }
    Metrics any = validation != null ? validation : test;
    b.append("<table class=\"metrics\">\n<thead><tr><th></th>");
    if (validation != null) {
      b.append("<th>validation <span class=\"dim\">(epoch ").append(kept.epoch()).append(")</span></th>");
    }
    if (test != null) {
      b.append("<th>test</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    row(b, "loss", validation, test, m -> Fmt.number(m.loss()));
    if (any.isClassification()) {
      row(b, "accuracy", validation, test, m -> Fmt.fraction(m.accuracy()));
    } else {
      row(b, "RMSE", validation, test, m -> Fmt.number(m.rmse()));
      row(b, "MAE", validation, test, m -> Fmt.number(m.mae()));
      row(b, "R²", validation, test, m -> r2(m.r2()));
    }
    row(b, "samples", validation, test, m -> Fmt.count(m.rows()));
    b.append("</tbody>\n</table>\n");
    byTarget(b, "Validation split by target", validation);
    byTarget(b, "Test split by target", test);
    if (undefinedR2(validation)) {
      b.append("<p class=\"note\">")
          .append(r2Undefined("validation", validation.rows(), !Double.isFinite(validation.r2()))).append("</p>\n");
    }
    if (undefinedR2(test)) {
      b.append("<p class=\"note\">").append(r2Undefined("test", test.rows(), !Double.isFinite(test.r2())))
          .append("</p>\n");
    }
    b.append("</section>\n");
  }

  /** An R² as the terminal writes it: four decimals, and "undefined" where the targets do not vary. */
  private static String r2(double v) {
    return Double.isFinite(v) ? Fmt.fraction(v) : "undefined";
  }

  /** Whether a split's R², pooled or a target's own, is undefined. */
  private static boolean undefinedR2(Metrics m) {
    return m != null && !m.isClassification()
        && (!Double.isFinite(m.r2()) || m.byTarget().stream().anyMatch(t -> !Double.isFinite(t.r2())));
  }

  /**
   * For a regression of several targets, each target's RMSE, MAE and R² on one split alone: the pooled figures
   * above mix the targets' units (pounds with inches). Left out when the split's figures are pooled only: an
   * epoch's validation figures as a checkpoint keeps them are, so a resumed run's page may lack them for an epoch
   * before the resume (summary.json has both splits').
   */
  private void byTarget(StringBuilder b, String heading, Metrics split) {
    if (split == null || targetNames.isEmpty() || split.byTarget().size() != targetNames.size()) {
      return;
    }
    b.append("<h3>").append(heading).append("</h3>\n<div class=\"scroll\"><table class=\"metrics by-target\">\n")
        .append("<thead><tr><th>target</th><th>RMSE</th><th>MAE</th><th>R²</th></tr></thead>\n<tbody>\n");
    for (int k = 0; k < targetNames.size(); k++) {
      Metrics t = split.byTarget().get(k);
      b.append("<tr><th>").append(Fmt.html(targetNames.get(k))).append("</th><td>").append(Fmt.number(t.rmse()))
          .append("</td><td>").append(Fmt.number(t.mae())).append("</td><td>").append(r2(t.r2()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table></div>\n");
  }

  private static void row(StringBuilder b, String label, Metrics validation, Metrics test,
      Function<Metrics, String> figure) {
    b.append("<tr><th>").append(label).append("</th>");
    for (Metrics m : new Metrics[] {validation, test}) {
      if (m != null) {
        b.append("<td>").append(figure.apply(m)).append("</td>");
      }
    }
    b.append("</tr>\n");
  }

  /** How many cells {@link #commonestConfusions} lists. */
  private static final int COMMONEST = 20;

  private void confusion(StringBuilder b, String title, Metrics m) {
    long[][] c = m.confusion();
    int k = c.length;
    if (k > Metrics.MATRIX_CLASSES) {
      commonestConfusions(b, title, m);
      return;
    }
    b.append("<section class=\"panel\">\n<h2>").append(title).append("</h2>\n<p class=\"caption\">Rows are the true ")
        .append("classes, columns the predicted ones; shading shows each row's share.</p>\n<div class=\"scroll\">")
        .append("<table class=\"confusion\">\n<thead><tr><th class=\"corner\">true ↓ · predicted →</th>");
    for (int j = 0; j < k; j++) {
      b.append("<th>").append(label(j, k)).append("</th>");
    }
    b.append("<th class=\"sum\">total</th><th class=\"sum\">recall</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < k; i++) {
      long total = 0;
      for (long v : c[i]) {
        total += v;
      }
      b.append("<tr><th>").append(label(i, k)).append("</th>");
      for (int j = 0; j < k; j++) {
        double share = total == 0 ? 0 : (double) c[i][j] / total;
        String rgb = i == j ? "37, 99, 235" : "220, 38, 38";
        if (c[i][j] == 0) {
          b.append("<td class=\"zero\">0</td>");
          continue;
        }
        b.append("<td style=\"background: rgba(").append(rgb).append(", ")
            .append(String.format(Locale.ROOT, "%.3f", 0.10 + 0.75 * share)).append(")")
            .append(share > 0.5 ? "; color: #fff" : "").append("\">").append(c[i][j]).append("</td>");
      }
      b.append("<td class=\"sum\">").append(total).append("</td><td class=\"sum\">")
          // four decimals, as accuracy everywhere: a column of recalls lines up ("1.0000" over "0.9474")
          .append(total == 0 ? "—" : String.format(Locale.ROOT, "%.4f", (double) c[i][i] / total))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table></div>\n</section>\n");
  }

  /** For many classes: the matrix's largest cells off its diagonal, as a list. */
  private void commonestConfusions(StringBuilder b, String title, Metrics m) {
    int k = m.confusion().length;
    List<Metrics.Confusion> cells = m.commonestConfusions(COMMONEST);
    b.append("<section class=\"panel\">\n<h2>").append(title.replace("Confusion matrix", "Commonest confusions"))
        .append("</h2>\n<p class=\"caption\">").append(k).append(" classes are too many for a matrix; these are its ")
        .append(cells.size()).append(" largest cells off the diagonal, rows of a true class predicted as another.</p>\n")
        .append("<table class=\"confusion\">\n<thead><tr><th>true</th><th>predicted</th><th>rows</th>")
        .append("<th>share of the true class</th></tr></thead>\n<tbody>\n");
    long[][] c = m.confusion();
    for (Metrics.Confusion cell : cells) {
      long total = 0;
      for (long v : c[cell.actual()]) {
        total += v;
      }
      b.append("<tr><td>").append(label(cell.actual(), k)).append("</td><td>").append(label(cell.predicted(), k))
          .append("</td><td>").append(cell.count()).append("</td><td>")
          // four decimals, as the matrix's recall column: the shares line up ("1.0000" over "0.3636")
          .append(Fmt.fraction((double) cell.count() / total))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
  }

  private String label(int index, int classes) {
    return classLabels.size() == classes ? Fmt.html(classLabels.get(index)) : Integer.toString(index);
  }
}
