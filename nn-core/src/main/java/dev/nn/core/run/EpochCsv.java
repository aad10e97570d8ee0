package dev.nn.core.run;

import dev.nn.core.io.DoubleText;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one CSV encoding of {@link EpochReport}s, with one column order:
 * <pre>
 * epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds,val_rows,val_confusion
 * </pre>
 * A cell is empty where the figure does not apply (no validation split; accuracy and the confusion matrix
 * for regression; RMSE, MAE and R² for classification). The confusion matrix is its counts row by row,
 * separated by spaces — or, when that is shorter (many classes, few rows), {@code sparse K} and its cells that are
 * not 0 as {@code true:predicted:count}, so that a checkpoint of 10,000 classes does not hold 10⁸ zeros an epoch.
 *
 * <p>Two layouts share it. {@link #METRICS}, the run's {@code metrics.csv}, is the first ten columns with
 * numbers as {@link Double#toString}, for people and spreadsheets. {@link #HISTORY}, inside a checkpoint,
 * is all twelve with numbers as {@link DoubleText} (a NaN keeps its bits), so that a resumed run starts
 * from exactly the history it stopped at. The reader follows the header, so it also reads histories
 * written in the column order of earlier checkpoints.
 */
final class EpochCsv {
  private static final List<String> COLUMNS = List.of("epoch", "updates", "learning_rate", "train_loss", "val_loss",
      "val_accuracy", "val_rmse", "val_mae", "val_r2", "seconds", "val_rows", "val_confusion");

  /** {@code metrics.csv}: ten columns, plain numbers. */
  public static final EpochCsv METRICS = new EpochCsv(10, false);
  /** A checkpoint's history: every column, exact numbers. */
  static final EpochCsv HISTORY = new EpochCsv(COLUMNS.size(), true);

  private final int columns;
  private final boolean exact;
  private final String header;

  private EpochCsv(int columns, boolean exact) {
    this.columns = columns;
    this.exact = exact;
    this.header = String.join(",", COLUMNS.subList(0, columns));
  }

  /** The first line. */
  public String header() {
    return header;
  }

  /** The header and one line per report, each ending in '\n'. */
  public String render(List<EpochReport> history) {
    StringBuilder b = new StringBuilder(header).append('\n');
    for (EpochReport r : history) {
      b.append(row(r)).append('\n');
    }
    return b.toString();
  }

  /** One report's line, without its line end. */
  public String row(EpochReport r) {
    Metrics v = r.validation();
    boolean classification = v != null && v.isClassification();
    boolean regression = v != null && !v.isClassification();
    String[] cells = {
        Integer.toString(r.epoch()), Long.toString(r.updates()), number(r.learningRate()), number(r.trainLoss()),
        cell(v != null, v == null ? Double.NaN : v.loss()),
        cell(classification, v == null ? Double.NaN : v.accuracy()),
        cell(regression, v == null ? Double.NaN : v.rmse()),
        cell(regression, v == null ? Double.NaN : v.mae()),
        cell(regression, v == null ? Double.NaN : v.r2()),
        number(r.seconds()),
        v == null ? "" : Integer.toString(v.rows()),
        v == null ? "" : confusion(v.confusion())};
    return String.join(",", Arrays.asList(cells).subList(0, columns));
  }

  private String number(double v) {
    return exact ? DoubleText.format(v) : Double.toString(v);
  }

  /** Empty where the figure does not apply and holds the plain NaN that {@link Metrics} puts there. */
  private String cell(boolean applies, double v) {
    return applies || !DoubleText.isPlainNaN(v) ? number(v) : "";
  }

  private static String confusion(long[][] m) {
    if (m == null) {
      return "";
    }
    int k = m.length;
    long nonZero = 0;
    for (long[] row : m) {
      for (long count : row) {
        nonZero += count == 0 ? 0 : 1;
      }
    }
    // a sparse cell takes about three dense ones' room
    if (3 * nonZero < (long) k * k) {
      StringBuilder b = new StringBuilder("sparse ").append(k);
      for (int t = 0; t < k; t++) {
        for (int p = 0; p < k; p++) {
          if (m[t][p] != 0) {
            b.append(' ').append(t).append(':').append(p).append(':').append(m[t][p]);
          }
        }
      }
      return b.toString();
    }
    StringBuilder b = new StringBuilder();
    for (long[] row : m) {
      for (long count : row) {
        b.append(b.length() == 0 ? "" : " ").append(count);
      }
    }
    return b.toString();
  }

  /**
   * Reads a history that holds every column, in any order.
   *
   * @param part the entry the text came from, for messages
   * @throws RunFileException naming the file, the part and the line
   */
  static List<EpochReport> read(Path file, String part, String text) {
    String[] lines = text.split("\n", -1);
    Map<String, Integer> at = new HashMap<>();
    String[] names = lines[0].split(",", -1);
    for (int i = 0; i < names.length; i++) {
      at.put(names[i], i);
    }
    if (names.length != COLUMNS.size() || !at.keySet().containsAll(COLUMNS) || !lines[lines.length - 1].isEmpty()) {
      throw new RunFileException(file, part + " is not a complete epoch history (corrupted)");
    }
    List<EpochReport> out = new ArrayList<>(lines.length - 2);
    for (int i = 1; i < lines.length - 1; i++) {
      String[] c = lines[i].split(",", -1);
      try {
        if (c.length != COLUMNS.size()) {
          throw new IllegalArgumentException("expected " + COLUMNS.size() + " cells, found " + c.length);
        }
        Cells cells = new Cells(c, at);
        Metrics validation = cells.get("val_rows").isEmpty() ? null
            : new Metrics(cells.figure("val_loss"), Integer.parseInt(cells.get("val_rows")),
                cells.figure("val_accuracy"), parseConfusion(cells.get("val_confusion")), cells.figure("val_rmse"),
                cells.figure("val_mae"), cells.figure("val_r2"));
        out.add(new EpochReport(Integer.parseInt(cells.get("epoch")), Long.parseLong(cells.get("updates")),
            cells.real("learning_rate"), cells.real("train_loss"), validation, cells.real("seconds")));
      } catch (IllegalArgumentException e) {
        throw new RunFileException(file, part + " line " + (i + 1) + " is corrupted: " + e.getMessage());
      }
    }
    return out;
  }

  /** One line's cells by column name. */
  private record Cells(String[] cells, Map<String, Integer> at) {
    String get(String column) {
      return cells[at.get(column)];
    }

    double real(String column) {
      return DoubleText.parse(get(column));
    }

    /** A validation figure: an empty cell is one that does not apply, which {@link Metrics} holds as NaN. */
    double figure(String column) {
      return get(column).isEmpty() ? Double.NaN : real(column);
    }
  }

  private static long[][] parseConfusion(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    String[] counts = cell.split(" ");
    if (counts[0].equals("sparse")) {
      return parseSparseConfusion(counts);
    }
    int k = (int) Math.round(Math.sqrt(counts.length));
    if (k * k != counts.length) {
      throw new IllegalArgumentException("a confusion matrix of " + counts.length + " counts is not square");
    }
    long[][] m = new long[k][k];
    for (int i = 0; i < counts.length; i++) {
      m[i / k][i % k] = Long.parseLong(counts[i]);
    }
    return m;
  }

  /** {@code sparse K t:p:n …}, as {@link #confusion(long[][])} writes it. */
  private static long[][] parseSparseConfusion(String[] parts) {
    if (parts.length < 2) {
      throw new IllegalArgumentException("a sparse confusion matrix without its number of classes");
    }
    int k = Integer.parseInt(parts[1]);
    if (k < 1) {
      throw new IllegalArgumentException("a confusion matrix of " + k + " classes");
    }
    long[][] m = new long[k][k];
    for (int i = 2; i < parts.length; i++) {
      String[] cell = parts[i].split(":", -1);
      if (cell.length != 3) {
        throw new IllegalArgumentException("a sparse confusion cell \"" + parts[i] + "\" is not true:predicted:count");
      }
      int t = Integer.parseInt(cell[0]);
      int p = Integer.parseInt(cell[1]);
      if (t < 0 || t >= k || p < 0 || p >= k) {
        throw new IllegalArgumentException("a sparse confusion cell \"" + parts[i] + "\" is outside " + k + " classes");
      }
      m[t][p] = Long.parseLong(cell[2]);
    }
    return m;
  }
}
