package dev.nn.core.stability;

import dev.nn.core.io.AbandonedFolders;
import dev.nn.core.io.SystemReason;
import dev.nn.core.run.ChartPage;
import dev.nn.core.io.CsvText;
import dev.nn.core.io.StagedOnExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a study's folder, {@code <experiment>-stability-<timestamp>}: {@code stability.jsonl} and
 * {@code stability.csv} (one record per pair and record point, then the means over the pairs, marked
 * {@code mean}) and the chart page {@code stability.html}. The files are written into a hidden folder that is
 * renamed once all three are complete, so a study that fails leaves nothing behind.
 */
final class StabilityFiles {
  static final String JSONL = "stability.jsonl";
  static final String CSV = "stability.csv";
  static final String HTML = "stability.html";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
  private static final String[] COLUMNS = {"pair", "replaced", "replacement", "epoch", "updates", "distance",
      "relative_distance", "replaced_loss_diff", "test_loss_diff", "gap", "gap_prime", "bound"};

  private StabilityFiles() {}

  /**
   * A new hidden folder beside where the study will be, made as any folder is (its permissions the umask's):
   * {@code Files.createTempDirectory} makes it private (0700), which the rename would have kept.
   */
  private static Path hiddenFolder(Path outputDir, String stem) throws IOException {
    for (int n = 1; ; n++) {
      try {
        return Files.createDirectory(outputDir.resolve("." + stem + (n == 1 ? "" : "-" + n) + ".partial"));
      } catch (FileAlreadyExistsException taken) {
        // another study of the same second: the next name
      }
    }
  }

  /**
   * Deletes the hidden folders of earlier studies of {@code experiment} that a {@code kill -9} left in
   * {@code outputDir} between making and renaming them, once old enough ({@link AbandonedFolders}) and if they hold
   * nothing but a study's files.
   */
  private static void removeAbandoned(Path outputDir, String experiment) {
    AbandonedFolders.remove(outputDir,
        Pattern.compile("\\." + Pattern.quote(experiment) + "-stability-\\d{8}-\\d{6}(-\\d+)?\\.partial"),
        p -> Set.of(JSONL, CSV, HTML).contains(p.getFileName().toString()));
  }

  /** Writes the folder under {@code outputDir} and returns it. */
  static Path write(StabilityResult result, Path outputDir) {
    String stem = result.experiment() + "-stability-" + STAMP.format(LocalDateTime.now(ZoneOffset.UTC));
    Path tmp = null;
    try {
      Files.createDirectories(outputDir);
      removeAbandoned(outputDir, result.experiment());
      tmp = hiddenFolder(outputDir, stem);
      // a JVM stopped (Ctrl-C, SIGTERM) before the rename deletes the hidden folder; after the rename it is released.
      // Inside it, the files need no atomic writes of their own.
      StagedOnExit.register(tmp);
      Files.writeString(tmp.resolve(JSONL), jsonLines(result), StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve(CSV), csv(result), StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve(HTML), page(result).render(), StandardCharsets.UTF_8);
      for (int n = 1; ; n++) {
        Path dir = outputDir.resolve(n == 1 ? stem : stem + "-" + n);
        try {
          Files.move(tmp, dir);
          return dir;
        } catch (FileAlreadyExistsException taken) {
          continue;
        }
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write the stability study into " + outputDir + ": " + SystemReason.describe(e), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    } finally {
      if (tmp != null) {
        StagedOnExit.release(tmp);
      }
    }
  }

  private static List<Object[]> rows(StabilityResult r) {
    List<Object[]> rows = new ArrayList<>();
    for (StabilityPoint p : r.points()) {
      rows.add(new Object[] {p.pair(), p.replaced(), p.replacement(), p.epoch(), p.updates(), p.distance(),
          p.relativeDistance(), p.replacedLossDiff(), p.testLossDiff(), p.gap(), p.gapPrime(), p.bound()});
    }
    for (StabilityResult.Mean m : r.means()) {
      rows.add(new Object[] {"mean", null, null, m.epoch(), m.updates(), m.distance(), m.relativeDistance(),
          m.replacedLossDiff(), m.testLossDiff(), m.gap(), m.gapPrime(), m.bound()});
    }
    return rows;
  }

  static String jsonLines(StabilityResult r) {
    StringBuilder b = new StringBuilder();
    for (Object[] row : rows(r)) {
      b.append('{');
      for (int c = 0; c < COLUMNS.length; c++) {
        b.append(c == 0 ? "" : ",").append('"').append(COLUMNS[c]).append("\":").append(json(row[c]));
      }
      b.append("}\n");
    }
    return b.toString();
  }

  static String csv(StabilityResult r) {
    StringBuilder b = new StringBuilder(CsvText.line(List.of(COLUMNS)));
    for (Object[] row : rows(r)) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < COLUMNS.length; c++) {
        Object v = row[c];
        cells.add(v == null || v instanceof Double && ((Double) v).isNaN() ? "" : String.valueOf(v));
      }
      b.append(CsvText.line(cells));
    }
    return b.toString();
  }

  /** A JSON value: strings quoted, numbers as Java writes them (exact), NaN and absent values as null. */
  private static String json(Object v) {
    if (v == null || v instanceof Double && !Double.isFinite((Double) v)) {
      return "null";
    }
    return v instanceof String ? "\"" + v + "\"" : v.toString();
  }

  static ChartPage page(StabilityResult r) {
    List<StabilityResult.Mean> means = r.epochMeans();
    int k = means.size();
    int[] x = new int[k];
    double[] distance = new double[k];
    double[] relative = new double[k];
    double[] bound = new double[k];
    double[] replaced = new double[k];
    double[] test = new double[k];
    double[] gap = new double[k];
    double[] gapPrime = new double[k];
    for (int i = 0; i < k; i++) {
      StabilityResult.Mean m = means.get(i);
      x[i] = (int) m.epoch();
      distance[i] = m.distance();
      relative[i] = m.relativeDistance();
      bound[i] = m.bound();
      replaced[i] = m.replacedLossDiff();
      test[i] = m.testLossDiff();
      gap[i] = m.gap();
      gapPrime[i] = m.gapPrime();
    }
    StabilityResult.Mean last = k == 0 ? null : means.get(k - 1);
    ChartPage page = new ChartPage("Stability study", r.experiment()).link(CSV).link(JSONL)
        .card("Pairs", Integer.toString(r.options().pairs()), r.options().self() ? "sample replaced by itself" : "")
        .card("Epochs", Integer.toString(r.epochs()), "")
        .card("Training samples", Integer.toString(r.trainingSize()), "n")
        .card("Final ‖w − w′‖", last == null ? "—" : String.format(Locale.ROOT, "%.4g", last.distance()),
            "mean over the pairs");
    if (r.boundApplies() && last != null) {
      page.card("Convex bound", String.format(Locale.ROOT, "%.4g", last.bound()), "(2L/n)·Σα_t");
    }
    List<ChartPage.Curve> distances = new ArrayList<>();
    distances.add(new ChartPage.Curve("mean ‖w − w′‖", "first", x, distance));
    if (r.boundApplies()) {
      distances.add(new ChartPage.Curve("bound (2L/n)·Σα_t", "reference", x, bound));
    }
    page.chart("Parameter distance", "Euclidean distance between the parameters of the run on S and the run on S′ "
        + "(one sample replaced), averaged over the pairs, at the end of each epoch.", "‖w − w′‖", true, distances);
    page.chart("Relative distance", "‖w − w′‖ / ‖w‖, averaged over the pairs.", "relative distance", true,
        List.of(new ChartPage.Curve("‖w − w′‖ / ‖w‖", "first", x, relative)));
    page.chart("Loss differences", "ℓ(w′) − ℓ(w) on the replaced sample (which only w trained on) and on the test "
        + "split, averaged over the pairs.", "loss difference", false, List.of(
            new ChartPage.Curve("on the replaced sample", "first", x, replaced),
            new ChartPage.Curve("on the test split", "second", x, test)));
    page.chart("Generalisation gap", "Test loss minus training loss of each run, on its own training set, averaged "
        + "over the pairs.", "test − training loss", false, List.of(
            new ChartPage.Curve("run on S", "first", x, gap),
            new ChartPage.Curve("run on S′", "second", x, gapPrime)));
    page.note("Convex bound", r.boundApplies()
        ? String.format(Locale.ROOT, "Hardt, Recht & Singer (2016), Theorem 3.8: E‖w_T − w′_T‖ ≤ (2L/n)·Σα_t, with "
            + "L = %.4g and β = %.4g computed from the data (max ‖(x, 1)‖ over the training split and the held-out "
            + "rows).", r.lipschitz(), r.smoothness())
        : "Not shown: " + r.boundRefusal() + ".");
    return page;
  }

  private static void deleteQuietly(Path dir) {
    if (dir != null) {
      AbandonedFolders.delete(dir);
    }
  }

}
