package dev.nn.core.run;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The epoch history inside a checkpoint: one CSV line per {@link EpochReport}, its validation
 * {@link Metrics} in the same line, the confusion matrix as its counts row by row, separated by spaces.
 * Plain lines rather than YAML because a checkpoint is rewritten often and a long run's history is long.
 * Doubles are {@link Double#toString} (exact when read back), or for a NaN with unusual bits, the bits.
 */
final class HistoryCsv {
  static final String HEADER = "epoch,updates,learning_rate,train_loss,seconds,"
      + "val_rows,val_loss,val_accuracy,val_rmse,val_mae,val_r2,val_confusion";
  private static final int COLUMNS = 12;
  private static final String NAN_BITS = "nan-bits:";

  private HistoryCsv() {}

  static String write(List<EpochReport> history) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (EpochReport r : history) {
      b.append(r.epoch()).append(',').append(r.updates()).append(',').append(text(r.learningRate())).append(',')
          .append(text(r.trainLoss())).append(',').append(text(r.seconds()));
      Metrics v = r.validation();
      if (v == null) {
        b.append(",,,,,,,\n");
        continue;
      }
      b.append(',').append(v.rows()).append(',').append(text(v.loss())).append(',').append(text(v.accuracy()))
          .append(',').append(text(v.rmse())).append(',').append(text(v.mae())).append(',').append(text(v.r2()))
          .append(',');
      if (v.confusion() != null) {
        String sep = "";
        for (long[] row : v.confusion()) {
          for (long count : row) {
            b.append(sep).append(count);
            sep = " ";
          }
        }
      }
      b.append('\n');
    }
    return b.toString();
  }

  static List<EpochReport> read(Path file, String part, String text) {
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
      throw new RunFileException(file, part + " is not a complete epoch history (corrupted)");
    }
    List<EpochReport> out = new ArrayList<>(lines.length - 2);
    for (int i = 1; i < lines.length - 1; i++) {
      String[] c = lines[i].split(",", -1);
      try {
        if (c.length != COLUMNS) {
          throw new IllegalArgumentException("expected " + COLUMNS + " cells, found " + c.length);
        }
        Metrics validation = c[5].isEmpty() ? null
            : new Metrics(real(c[6]), Integer.parseInt(c[5]), real(c[7]), confusion(c[11]), real(c[8]), real(c[9]),
                real(c[10]));
        out.add(new EpochReport(Integer.parseInt(c[0]), Long.parseLong(c[1]), real(c[2]), real(c[3]), validation,
            real(c[4])));
      } catch (IllegalArgumentException e) {
        throw new RunFileException(file, part + " line " + (i + 1) + " is corrupted: " + e.getMessage());
      }
    }
    return out;
  }

  private static long[][] confusion(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    String[] counts = cell.split(" ");
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

  /** {@link Double#toString}, except for a NaN whose bits are not {@link Double#NaN}'s. */
  static String text(double v) {
    if (Double.isNaN(v) && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(Double.NaN)) {
      return NAN_BITS + Long.toHexString(Double.doubleToRawLongBits(v));
    }
    return Double.toString(v);
  }

  /** Reads what {@link #text} wrote. */
  static double real(String s) {
    if (s.startsWith(NAN_BITS)) {
      return Double.longBitsToDouble(Long.parseUnsignedLong(s.substring(NAN_BITS.length()), 16));
    }
    return Double.parseDouble(s);
  }
}
