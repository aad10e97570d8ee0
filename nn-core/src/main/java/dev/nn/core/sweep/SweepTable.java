package dev.nn.core.sweep;

import dev.nn.core.io.SystemReason;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.CsvText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's results, one row per point of its grid, kept in two files of the sweep folder and rewritten
 * (atomically) whenever a row changes: {@code sweep.csv} for programs and {@code sweep.md}, a Markdown table,
 * for people. Columns: the swept keys, then the status ({@code pending}, {@code running}, {@code completed},
 * {@code diverged}, {@code failed}, {@code interrupted}), the run directory, the validation figure of the epoch its model keeps and the test figure (each as
 * metric and value), and the message of a point that did not complete.
 */
public final class SweepTable {
  /** The CSV file's name. */
  public static final String CSV = "sweep.csv";
  /** The Markdown file's name. */
  public static final String MARKDOWN = "sweep.md";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  /**
   * One point's row.
   *
   * @param values the point's value of each swept key
   * @param status pending, running, completed, diverged, failed or interrupted
   * @param runDirectory its run directory, or "" when it has none (yet)
   * @param validation its validation figure (of the epoch its model keeps), or null
   * @param test its test figure, or null
   * @param message what went wrong, on one line, or ""
   */
  public record Row(List<String> values, String status, String runDirectory, Figure validation, Figure test,
      String message) {
    /** Copies the values. */
    public Row {
      values = List.copyOf(values);
    }

    /** This row with another status. */
    public Row with(String newStatus) {
      return new Row(values, newStatus, runDirectory, validation, test, message);
    }

    /**
     * This row with its run directory, as soon as the point's run has one: a process killed outright (kill -9)
     * leaves a table that still says where the point trained.
     */
    public Row in(String directory) {
      return new Row(values, status, directory, validation, test, message);
    }

    /**
     * This point stopped by Ctrl-C, SIGTERM or SIGHUP while it trained in {@code directory} ("" when it had none yet),
     * with {@code message}: what the run's own status says.
     */
    public Row interrupted(String directory, String message) {
      return new Row(values, "interrupted", directory, validation, test, message);
    }
  }

  /**
   * One figure of a split.
   *
   * @param metric accuracy, rmse or loss
   * @param value its value
   */
  public record Figure(String metric, double value) {
    /** "acc 0.9500", "rmse 1.23400", "loss 0.0123000". */
    public String display() {
      return metric.equals("accuracy") ? String.format(Locale.ROOT, "acc %.4f", value)
          : metric + " " + String.format(Locale.ROOT, "%.6g", value);
    }
  }

  private final Path folder;
  private final String title;
  private final List<String> keys;
  private final List<Row> rows = new ArrayList<>();
  private String summary = "";

  /**
   * A table in {@code folder} with every point pending; nothing is written yet.
   *
   * @param keys the swept keys
   * @param points each point's values, in the order of {@code keys}
   */
  public SweepTable(Path folder, String title, List<String> keys, List<List<String>> points) {
    this.folder = folder;
    this.title = title;
    this.keys = List.copyOf(keys);
    for (List<String> p : points) {
      rows.add(new Row(p, "pending", "", null, null, ""));
    }
  }

  /**
   * The table of a sweep folder to continue: the rows its {@code sweep.csv} holds, which must be the points given,
   * in their order. The summary line, if any, is not kept (the sweep writes it again when it ends).
   *
   * @throws SweepFileException naming sweep.csv when it cannot be read or holds other points
   */
  public static SweepTable continuing(Path folder, String title, List<String> keys, List<List<String>> points) {
    Path file = folder.resolve(CSV);
    List<String> lines;
    try {
      lines = dev.nn.core.io.TextFiles.readLines(file);
    } catch (java.io.IOException e) {
      throw new SweepFileException(file, "cannot be read: " + SystemReason.describe(e), e);
    }
    SweepTable table = new SweepTable(folder, title, keys, points);
    List<String> header = new ArrayList<>(keys);
    header.addAll(List.of("status", "run_directory", "validation_metric", "validation", "test_metric", "test",
        "message"));
    if (lines.isEmpty() || !fields(lines.get(0)).equals(header) || lines.size() - 1 != points.size()) {
      throw new SweepFileException(file, "does not table the " + points.size() + " points of the"
          + " sweep's " + SweepRecord.FILE + " under the header " + String.join(",", header) + "; one of the two was"
          + " changed since the sweep wrote them");
    }
    int k = keys.size();
    for (int i = 0; i < points.size(); i++) {
      List<String> f = fields(lines.get(i + 1));
      if (f.size() != header.size() || !f.subList(0, k).equals(points.get(i))) {
        throw new SweepFileException(file, "line " + (i + 2) + " is not point " + (i + 1) + " of the"
            + " sweep's " + SweepRecord.FILE + " (" + String.join(", ", points.get(i)) + "); one of the two was changed"
            + " since the sweep wrote them");
      }
      try {
        String written = f.get(k + 1);
        String now = whereNow(folder, written);
        // a failed point's note names its run too ("run directory: …"), which moved with the folder
        String note = written.isEmpty() || now.equals(written) ? f.get(k + 6) : f.get(k + 6).replace(written, now);
        table.rows.set(i, new Row(points.get(i), f.get(k), now, figure(f.get(k + 2), f.get(k + 3)),
            figure(f.get(k + 4), f.get(k + 5)), note));
      } catch (NumberFormatException e) {
        throw new SweepFileException(file, "line " + (i + 2) + " has a figure that is not a number;"
            + " it was changed since the sweep wrote it", e);
      }
    }
    return table;
  }

  /**
   * A run directory as a continued table writes it: as written, unless only the run of that name beside the folder
   * exists (the folder was moved with its runs), which is then named where it is now.
   */
  private static String whereNow(Path folder, String written) {
    if (written.isEmpty() || java.nio.file.Files.isDirectory(Path.of(written))) {
      return written;
    }
    return located(folder, Path.of(written)).toString();
  }

  private static Figure figure(String metric, String value) {
    return metric.isEmpty() ? null : new Figure(metric, Double.parseDouble(value));
  }

  /**
   * The run directories a sweep folder's {@code sweep.csv} names, in the order of its points, each found beside
   * the folder ({@link #located}); empty when it has none, or when {@code folder} holds no sweep.csv.
   *
   * @throws java.io.UncheckedIOException when sweep.csv cannot be read
   */
  public static List<Path> runDirectories(Path folder) {
    Path file = folder.resolve(CSV);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = dev.nn.core.io.TextFiles.readLines(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + SystemReason.describe(e), e);
    }
    if (lines.isEmpty()) {
      return List.of();
    }
    int column = fields(lines.get(0)).indexOf("run_directory");
    List<Path> runs = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = fields(line);
      if (column >= 0 && column < f.size() && !f.get(column).isEmpty()) {
        runs.add(located(folder, Path.of(f.get(column))));
      }
    }
    return runs;
  }

  /**
   * A point's run directory as sweep.csv names it: the path the sweep printed, relative to the folder it was
   * started in when its output was given so. A sweep's runs are made beside its folder, so the run of that name
   * beside the folder is the one meant, wherever the sweep is read from and wherever its folder of runs was moved;
   * the path as written only when there is none there.
   */
  private static Path located(Path folder, Path written) {
    Path parent = folder.toAbsolutePath().normalize().getParent();
    Path beside = parent == null || written.getFileName() == null ? null : parent.resolve(written.getFileName());
    return beside != null && java.nio.file.Files.isDirectory(beside) ? beside : written;
  }

  /** The fields of one line of sweep.csv, as {@link #csv} quotes them. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        f.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    fields.add(f.toString());
    return fields;
  }

  /**
   * Creates the folder {@code <into>/<name>-sweep-<yyyyMMdd-HHmmss>} (UTC, as its runs' directories are named: in
   * local time a sweep started after a fall-back of the clocks sorted before an earlier one), with {@code -2},
   * {@code -3}, … appended when it exists, and {@code into} if needed.
   */
  public static Path createFolder(Path into, String name) {
    String stem = name + "-sweep-" + LocalDateTime.now(java.time.ZoneOffset.UTC).format(STAMP);
    try {
      Files.createDirectories(into);
      for (int n = 1; ; n++) {
        Path dir = into.resolve(n == 1 ? stem : stem + "-" + n);
        try {
          Files.createDirectory(dir);
          return dir;
        } catch (FileAlreadyExistsException taken) {
          // another sweep of this experiment started in the same second
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sweep folder in " + into + ": " + SystemReason.describe(e), e);
    }
  }

  /**
   * Removes both files, the sweep's record ({@link SweepRecord#FILE}) and lock file, and the folder, which must hold
   * nothing else (a sweep that trained nothing).
   */
  public void delete() {
    try {
      Files.deleteIfExists(folder.resolve(CSV));
      Files.deleteIfExists(folder.resolve(MARKDOWN));
      Files.deleteIfExists(folder.resolve(SweepRecord.FILE));
      Files.deleteIfExists(folder.resolve(SweepRecord.LOCK));
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the sweep folder " + folder + ": " + SystemReason.describe(e), e);
    }
  }

  /** The folder. */
  public Path folder() {
    return folder;
  }

  /** How many points the sweep has. */
  public int points() {
    return rows.size();
  }

  /** The row of point {@code i}. */
  public Row row(int i) {
    return rows.get(i);
  }

  /**
   * Point {@code i}'s run directory, found as {@link #runDirectories} finds it (beside the folder, where a sweep
   * makes its runs), or {@code null} when the row names none.
   */
  public Path runDirectoryOf(int i) {
    String written = rows.get(i).runDirectory();
    return written.isEmpty() ? null : located(folder, Path.of(written));
  }

  /** Replaces point {@code i}'s row and rewrites both files. */
  public void set(int i, Row row) {
    rows.set(i, row);
    write();
  }

  /** Sets a line to follow the Markdown table, such as a cross-validation's mean and spread, and rewrites both files. */
  public void summarize(String line) {
    summary = line;
    write();
  }

  /** Writes both files. */
  public void write() {
    AtomicFiles.writeString(folder.resolve(CSV), csv());
    AtomicFiles.writeString(folder.resolve(MARKDOWN), markdown());
  }

  /** The CSV text. */
  public String csv() {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>(keys);
    header.addAll(List.of("status", "run_directory", "validation_metric", "validation", "test_metric", "test",
        "message"));
    b.append(CsvText.line(header));
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(r.values());
      cells.add(r.status());
      cells.add(r.runDirectory());
      cells.add(r.validation() == null ? "" : r.validation().metric());
      cells.add(r.validation() == null ? "" : Double.toString(r.validation().value()));
      cells.add(r.test() == null ? "" : r.test().metric());
      cells.add(r.test() == null ? "" : Double.toString(r.test().value()));
      cells.add(r.message());
      b.append(CsvText.line(cells));
    }
    return b.toString();
  }

  /** The Markdown text. */
  public String markdown() {
    // --folds alone is a cross-validation of folds, as the command says, not a sweep of points
    boolean folds = keys.equals(List.of("data.test")) && rows.stream()
        .allMatch(r -> r.values().get(0).matches("\\{fold: \\d+, of: \\d+}"));
    StringBuilder b = new StringBuilder(folds ? "# Cross-validation " : "# Sweep ").append(title).append("\n\n");
    long done = rows.stream().filter(r -> !List.of("pending", "running", "interrupted").contains(r.status())).count();
    b.append(String.format(Locale.ROOT, "%d of %d %s done.%n%n", done, rows.size(), folds ? "folds" : "points"));
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
    if (!summary.isEmpty()) {
      b.append('\n').append(summary).append('\n');
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
