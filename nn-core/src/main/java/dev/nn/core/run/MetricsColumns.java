package dev.nn.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code metrics.csv} as read back — for charts that compare runs, and for describing a run that has no
 * {@code summary.json} — one map per epoch from column name to number (null for an empty or unreadable cell). Reading follows the header, so older column orders read too; a missing file is an
 * empty table.
 *
 * <p>nn writes each row whole (see {@link MetricsCsv}), so a row it cannot read — fewer cells than the header, a
 * cell that is not a number, a last line without its line end — was damaged outside nn (a copy cut short, an
 * editor): it is left out, and {@link #damage} says so, rather than read as if whole (a value cut from 0.1660 to
 * 0.1 would be plotted as 0.1).
 *
 * @param rows the epochs in file order
 * @param damage what was found wrong with the file, each as a phrase for a message after the file's name; empty
 *     for a file nn wrote
 */
public record MetricsColumns(List<Map<String, Double>> rows, List<String> damage) {
  /** The validation columns, by their name in a summary (without the {@code val_} prefix). */
  private static final List<String> VALIDATION = List.of("loss", "accuracy", "rmse", "mae", "r2");

  /** Copies both lists. */
  public MetricsColumns {
    rows = List.copyOf(rows);
    damage = List.copyOf(damage);
  }

  /** Rows as read from an undamaged file. */
  public MetricsColumns(List<Map<String, Double>> rows) {
    this(rows, List.of());
  }

  /**
   * The rows of a run's metrics file, each column by its name; no rows when the file is not there. A row that cannot
   * be read is left out and said in {@link #damage()}.
   */
  public static MetricsColumns read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new MetricsColumns(List.of());
    }
    String text;
    try {
      text = dev.nn.core.io.TextFiles.read(file);
    } catch (dev.nn.core.io.TextFiles.NotUtf8Exception e) {
      throw new RunFileException(file, e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> lines = text.lines().toList();
    if (lines.stream().allMatch(String::isBlank)) {
      return new MetricsColumns(List.of(), List.of("is empty, so the run has no curves"));
    }
    List<String> damage = new ArrayList<>();
    String[] header = lines.get(0).split(",", -1);
    if (!header[0].strip().equals("epoch")) {
      return new MetricsColumns(List.of(), List.of("does not start with its header (epoch,updates,…), so its rows"
          + " cannot be read"));
    }
    List<Map<String, Double>> rows = new ArrayList<>();
    boolean cutAtEnd = !text.endsWith("\n");
    if (lines.size() == 1 && cutAtEnd) {
      return new MetricsColumns(List.of(), List.of("ends inside its header (the file was cut short), so the run has"
          + " no curves"));
    }
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      Map<String, Double> row = new LinkedHashMap<>();
      boolean readable = cells.length == header.length;
      for (int i = 0; i < header.length; i++) {
        String cell = i < cells.length ? cells[i] : "";
        Double value = parse(cell);
        readable &= value != null || cell.isBlank();
        row.put(header[i], value);
      }
      if (n == lines.size() - 1 && cutAtEnd) {
        damage.add("ends in the middle of line " + (n + 1) + " (the file was cut short): that row is left out");
      } else if (!readable) {
        damage.add("line " + (n + 1) + " is damaged (" + (cells.length == header.length
            ? "a cell that is not a number" : cells.length + " of " + header.length + " cells") + "): that row is"
            + " left out");
      } else {
        rows.add(row);
      }
    }
    return new MetricsColumns(rows, damage);
  }

  /** The table of the run in {@code dir}. */
  public static MetricsColumns of(Path dir) {
    return read(dir.resolve(RunDirectory.METRICS));
  }

  private static Double parse(String cell) {
    try {
      return cell.isBlank() ? null : Double.valueOf(cell.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The last row's value of {@code column}, or null. */
  public Double last(String column) {
    return rows.isEmpty() ? null : rows.get(rows.size() - 1).get(column);
  }

  /** The total of the {@code seconds} column, or null when there are no rows. */
  public Double seconds() {
    if (rows.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (Map<String, Double> r : rows) {
      Double s = r.get("seconds");
      sum += s == null || !Double.isFinite(s) ? 0 : s;
    }
    return sum;
  }

  /**
   * The index of the epoch whose weights the run kept, as its trainer chose it, from the resolved experiment
   * ({@code experiment.yaml}, read as YAML): with {@code training.early-stopping}, the first epoch whose monitored
   * figure ({@code val-loss}, or {@code val-accuracy}) beat the best before it by more than {@code min-delta};
   * without, the last epoch. -1 when there are no epochs, or early stopping's figure is in none. Which epoch a run
   * kept is its summary's {@code best_epoch}; this is for a run directory without a readable one.
   */
  public int keptRow(Map<?, ?> experiment) {
    Object earlyStopping = experiment.get("training") instanceof Map<?, ?> training
        ? training.get("early-stopping") : null;
    if (!(earlyStopping instanceof Map<?, ?> es)) {
      return rows.size() - 1;
    }
    boolean accuracy = "val-accuracy".equals(es.get("monitor"));
    double minDelta = es.get("min-delta") instanceof Number d ? d.doubleValue() : 0.0;
    int kept = -1;
    double best = Double.NaN;
    for (int i = 0; i < rows.size(); i++) {
      Double figure = rows.get(i).get(accuracy ? "val_accuracy" : "val_loss");
      if (figure == null) {
        continue;
      }
      // as the trainer compares: lower is better, so an accuracy counts negated
      double value = accuracy ? -figure : figure;
      if (Double.isNaN(best) || value < best - minDelta) {
        best = value;
        kept = i;
      }
    }
    return kept;
  }

  /** Row {@code i}'s headline validation figure: "acc 0.9500", else "rmse …", else "loss …"; "-" when none. */
  String headline(int i) {
    Map<String, Double> row = rows.get(i);
    if (row.get("val_accuracy") != null) {
      return String.format(java.util.Locale.ROOT, "acc %.4f", row.get("val_accuracy"));
    }
    for (String k : new String[] {"rmse", "loss"}) {
      Double v = row.get("val_" + k);
      if (v != null) {
        return k + " " + String.format(java.util.Locale.ROOT, "%.6g", v);
      }
    }
    return "-";
  }

  /** The epochs, for a chart's x axis. */
  int[] epochs() {
    int[] x = new int[rows.size()];
    for (int i = 0; i < x.length; i++) {
      Double e = rows.get(i).get("epoch");
      x[i] = e == null ? i + 1 : (int) Math.round(e);
    }
    return x;
  }

  /** One column's values, NaN where a cell is empty. */
  double[] column(String name) {
    double[] y = new double[rows.size()];
    for (int i = 0; i < y.length; i++) {
      Double v = rows.get(i).get(name);
      y[i] = v == null ? Double.NaN : v;
    }
    return y;
  }

  /** Whether some row has a value in {@code name}. */
  boolean has(String name) {
    return rows.stream().anyMatch(r -> r.get(name) != null);
  }

  /** Row {@code i}'s validation figures, keyed as in a summary. */
  public Map<String, Object> validation(int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : VALIDATION) {
      Double v = rows.get(i).get("val_" + k);
      if (v != null) {
        m.put(k, v);
      }
    }
    return m;
  }
}
