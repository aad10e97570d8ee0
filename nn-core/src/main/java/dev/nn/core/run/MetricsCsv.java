package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps {@code metrics.csv}: a header and one row per epoch in the {@link EpochCsv#METRICS} layout,
 * <pre>
 * epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds
 * </pre>
 * {@code seconds} is the only column that differs between identical runs.
 *
 * <p>The file is written whole, atomically, as training starts, then grows by one row per epoch, each row
 * added so that neither a reader nor a killed run ever sees half a row ({@link AtomicFiles#appendRebuildable}:
 * one write within a page of the file, or the whole file renamed into place when a row would cross a page),
 * and a run of many epochs does not rewrite the file after each; none of this is flushed to disk, since a resume rewrites the file from the
 * checkpoint's history. When training ends the file is written whole once more, flushed.
 * At the start of training the rows restart from the trainer's history: a run resumed from a checkpoint
 * continues from that checkpoint's epoch, dropping rows the killed run wrote after it.
 */
public final class MetricsCsv implements TrainingListener {
  /** The first line. */
  public static final String HEADER = EpochCsv.METRICS.header();

  private final Path file;
  private final StringBuilder text = new StringBuilder();
  private int rows;

  /** Keeps {@code file}. */
  public MetricsCsv(Path file) {
    this.file = file;
    text.append(EpochCsv.METRICS.render(List.of()));
  }

  /** The file. */
  Path file() {
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

  /** Training ended: the file once more, flushed to disk, as the run's other final files are. */
  @Override
  public void onEnd(Trainer trainer, TrainingResult result) {
    AtomicFiles.writeString(file, text.toString());
  }

  /** Replaces the rows with {@code history} and writes the file. */
  public void restart(List<EpochReport> history) {
    text.setLength(0);
    text.append(EpochCsv.METRICS.render(history));
    rows = history.size();
    AtomicFiles.writeRebuildable(file, text.toString());
  }

  /**
   * The run ended with {@code history} recorded in its summary: when the file holds more rows (epochs after the
   * last checkpoint of an interrupted run, which a resume trains again), it is written again with these alone, so
   * that no reader of the file sees epochs the summary does not count.
   */
  void endedWith(List<EpochReport> history) {
    if (rows != history.size()) {
      restart(history);
    }
  }

  /** Adds one row to the file. */
  void append(EpochReport report) {
    String row = EpochCsv.METRICS.row(report) + "\n";
    text.append(row);
    rows++;
    if (Files.isRegularFile(file)) {
      AtomicFiles.appendRebuildable(file, row, text::toString);
    } else {
      // deleted while the run trains: written whole again
      AtomicFiles.writeRebuildable(file, text.toString());
    }
  }
}
