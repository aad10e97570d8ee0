package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps {@code metrics.csv}: a header and one row per epoch,
 * <pre>
 * epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds
 * </pre>
 * Numbers are printed with {@link Double#toString} (they read back exactly); a cell is empty where the
 * figure does not apply (no validation split; accuracy for regression; RMSE, MAE and R² for
 * classification). {@code seconds} is the only column that differs between identical runs.
 *
 * <p>The whole file is rewritten atomically after every epoch, so a killed run never leaves half a row.
 * At the start of training the rows restart from the trainer's history: a run resumed from a checkpoint
 * continues from that checkpoint's epoch, dropping rows the killed run wrote after it.
 */
public final class MetricsCsv implements TrainingListener {
  /** The first line. */
  public static final String HEADER =
      "epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds";

  private final Path file;
  private final StringBuilder text = new StringBuilder();

  /** Keeps {@code file}. */
  public MetricsCsv(Path file) {
    this.file = file;
    text.append(HEADER).append('\n');
  }

  /** The file. */
  public Path file() {
    return file;
  }

  @Override
  public void onStart(Trainer trainer) {
    restart(trainer.history());
  }

  @Override
  public void onEpochEnd(Trainer trainer, EpochReport report) {
    append(report);
  }

  /** Replaces the rows with {@code history} and writes the file. */
  public void restart(List<EpochReport> history) {
    text.setLength(0);
    text.append(render(history));
    AtomicFiles.writeString(file, text.toString());
  }

  /** Adds one row and writes the file. */
  public void append(EpochReport report) {
    text.append(row(report)).append('\n');
    AtomicFiles.writeString(file, text.toString());
  }

  /** The whole file's text for {@code history}: the header and one row per report, each ending in '\n'. */
  public static String render(List<EpochReport> history) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (EpochReport r : history) {
      b.append(row(r)).append('\n');
    }
    return b.toString();
  }

  /** One row, without its line end. */
  public static String row(EpochReport r) {
    Metrics v = r.validation();
    boolean classification = v != null && v.isClassification();
    boolean regression = v != null && !v.isClassification();
    return r.epoch() + "," + r.updates() + "," + r.learningRate() + "," + r.trainLoss()
        + "," + cell(v != null, v == null ? 0 : v.loss())
        + "," + cell(classification, classification ? v.accuracy() : 0)
        + "," + cell(regression, regression ? v.rmse() : 0)
        + "," + cell(regression, regression ? v.mae() : 0)
        + "," + cell(regression, regression ? v.r2() : 0)
        + "," + r.seconds();
  }

  private static String cell(boolean applies, double value) {
    return applies ? Double.toString(value) : "";
  }
}
