package dev.nn.cli;

import dev.nn.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's results, one row per point, kept in two files of the sweep folder and rewritten (atomically)
 * whenever a row changes: {@code sweep.csv} for programs and {@code sweep.md}, a Markdown table, for people.
 * Columns: the swept keys, then status (pending, running, completed, diverged, failed), the run directory,
 * the best validation figure and the test figure (each as metric and value), and the failure's message.
 */
final class SweepTable {
  /** The CSV file's name. */
  static final String CSV = "sweep.csv";
  /** The Markdown file's name. */
  static final String MARKDOWN = "sweep.md";

  /** One point's row. */
  record Row(List<String> values, String status, String runDirectory, RunRecord.Figure validation,
      RunRecord.Figure test, String message) {
    Row with(String newStatus) {
      return new Row(values, newStatus, runDirectory, validation, test, message);
    }
  }

  private final Path folder;
  private final String title;
  private final List<String> keys;
  private final List<Row> rows = new ArrayList<>();

  /** A table in {@code folder} of the points of {@code grid}, all pending. */
  SweepTable(Path folder, String title, SweepGrid grid) {
    this.folder = folder;
    this.title = title;
    this.keys = grid.axes().stream().map(SweepAxis::key).toList();
    for (List<String> p : grid.points()) {
      rows.add(new Row(p, "pending", "", null, null, ""));
    }
  }

  /** The row of point {@code i}. */
  Row row(int i) {
    return rows.get(i);
  }

  /** Replaces point {@code i}'s row and rewrites both files. */
  void set(int i, Row row) {
    rows.set(i, row);
    write();
  }

  /** Writes both files. */
  void write() {
    AtomicFiles.writeString(folder.resolve(CSV), csv());
    AtomicFiles.writeString(folder.resolve(MARKDOWN), markdown());
  }

  String csv() {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>(keys);
    header.addAll(List.of("status", "run_directory", "validation_metric", "validation", "test_metric", "test",
        "message"));
    b.append(csvLine(header));
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(r.values());
      cells.add(r.status());
      cells.add(r.runDirectory());
      cells.add(r.validation() == null ? "" : r.validation().metric());
      cells.add(r.validation() == null ? "" : Double.toString(r.validation().value()));
      cells.add(r.test() == null ? "" : r.test().metric());
      cells.add(r.test() == null ? "" : Double.toString(r.test().value()));
      cells.add(r.message());
      b.append(csvLine(cells));
    }
    return b.toString();
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String c : cells) {
      boolean needsQuotes = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
      quoted.add(needsQuotes ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return String.join(",", quoted) + "\n";
  }

  String markdown() {
    StringBuilder b = new StringBuilder("# Sweep ").append(title).append("\n\n");
    long done = rows.stream().filter(r -> !r.status().equals("pending") && !r.status().equals("running")).count();
    b.append(String.format(Locale.ROOT, "%d of %d points done.%n%n", done, rows.size()));
    List<String> header = new ArrayList<>();
    keys.forEach(k -> header.add("`" + k + "`"));
    header.addAll(List.of("status", "run directory", "validation", "test", "message"));
    b.append(mdLine(header));
    b.append(mdLine(header.stream().map(h -> "---").toList()));
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(r.values());
      cells.add(r.status());
      cells.add(r.runDirectory());
      cells.add(r.validation() == null ? "" : r.validation().display());
      cells.add(r.test() == null ? "" : r.test().display());
      cells.add(r.message());
      b.append(mdLine(cells));
    }
    return b.toString();
  }

  private static String mdLine(List<String> cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) {
      b.append(' ').append(c.replace("|", "\\|").replace("\r", " ").replace("\n", " ")).append(" |");
    }
    return b.append('\n').toString();
  }
}
