package dev.nn.cli;

import dev.nn.core.text.Grouped;
import dev.nn.core.text.Significant;
import dev.nn.core.train.ClassWeightedLoss;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints the network's size when training starts and exactly one line per finished epoch:
 * <pre>
 * epoch 3/20  train-loss 0.123456  val-loss 0.134000  val-accuracy 0.9650  1.2s
 * </pre>
 * On a terminal a {@link ProgressBar} is drawn below the lines between epochs; each line is printed over it.
 */
final class EpochLines implements TrainingListener, AutoCloseable {
  private final PrintStream out;
  private final ProgressBar bar;
  private final Consumer<String> log;

  /** The trainer's rate multiplier after the last epoch printed: a change is a plateau reduction. */
  private double multiplier = 1;
  /**
   * Set by {@link #close}: training ended, or an interruption's notice is about to name the last checkpoint, after
   * which a line for an epoch still finishing would say more than the run kept. Guarded by {@code out}.
   */
  private boolean closed;

  /**
   * Prints to {@code out}.
   *
   * @param bar the live progress display, or {@code null} for plain lines only
   */
  EpochLines(PrintStream out, ProgressBar bar) {
    this(out, bar, line -> { });
  }

  /**
   * Prints to {@code out}, and gives every line printed to {@code log} too (the bar is not).
   *
   * @param bar the live progress display, or {@code null} for plain lines only
   */
  EpochLines(PrintStream out, ProgressBar bar, Consumer<String> log) {
    this(out, bar, log, null);
  }

  /**
   * As {@link #EpochLines(PrintStream, ProgressBar, Consumer)}, folding the lines to {@code columns} without a bar
   * too: plain lines on a terminal ({@code --plain}, {@code TERM=dumb}) are still one line per epoch, which the
   * terminal would otherwise cut inside a figure.
   *
   * @param columns the terminal's width, or {@code null} when {@code out} is no terminal
   */
  EpochLines(PrintStream out, ProgressBar bar, Consumer<String> log, java.util.function.IntSupplier columns) {
    this.out = out;
    this.bar = bar;
    this.log = log;
    this.columns = bar != null ? bar::columns : columns;
  }

  /** The width lines are folded to, or {@code null} for lines printed as they are. */
  private final java.util.function.IntSupplier columns;

  private void print(String line) {
    // on a terminal a line wider than the window is folded between its figures, never inside a number
    out.println(columns == null ? line : line.startsWith("epoch ") ? fold(line, columns.getAsInt())
        : TerminalText.wrap(line, columns.getAsInt()));
    log.accept(line);
  }

  /**
   * {@code line} as it fits in fewer than {@code columns} characters: its parts one space apart instead of two when
   * that is enough (MNIST's epoch lines from epoch 9 on, 81 characters, in an 80-column window), else broken where
   * its parts meet (two spaces), each line after the first indented by two spaces; a part longer than that stays
   * whole.
   */
  static String fold(String line, int columns) {
    int room = Math.max(1, columns - 1);
    if (line.length() <= room) {
      return line;
    }
    String closer = line.replace("  ", " ");
    if (closer.length() <= room) {
      return closer;
    }
    StringBuilder folded = new StringBuilder();
    String indent = "  ";
    StringBuilder current = new StringBuilder();
    for (String part : line.split("  ")) {
      if (current.length() > indent.length() && current.length() + 2 + part.length() > room) {
        folded.append(current).append(System.lineSeparator());
        current.setLength(0);
        current.append(indent);
      } else if (current.length() > 0 && !current.toString().equals(indent)) {
        current.append("  ");
      }
      current.append(part);
    }
    return folded.append(current).toString();
  }

  @Override
  public void onStart(Trainer trainer) {
    multiplier = trainer.rateMultiplier();
    synchronized (out) {
      if (closed) {
        return;
      }
      if (bar != null) {
        // the reading line ends here, before the lines that follow it
        bar.pause();
      }
      print(trainer.network().describe());
      if (trainer.loss() instanceof ClassWeightedLoss weighted) {
        print("class weights " + ClassWeightedLoss.describe(weighted.weights()));
      }
      trainer.rowWeights().ifPresent(w -> print("row weights " + w));
      if (trainer.resumesAfterBatches() > 0) {
        print("resuming partway through epoch " + (trainer.epoch() + 1) + " of " + trainer.options().epochs()
            + ", after " + Grouped.of(trainer.resumesAfterBatches()) + " of its "
            + Grouped.of(trainer.progress().batchesPerEpoch()) + " batches");
      } else if (trainer.epoch() > 0) {
        print("resuming after epoch " + trainer.epoch() + " of " + trainer.options().epochs());
      }
    }
    if (bar != null) {
      bar.start(trainer.progress(), trainer.epoch(), trainer.resumesAfterBatches());
    }
  }

  @Override
  public void onEpochEnd(Trainer trainer, EpochReport report) {
    synchronized (out) {
      if (closed) {
        return;
      }
      if (bar != null) {
        bar.clear();
      }
      print(line(report, trainer.options().epochs()));
      double next = trainer.rateMultiplier();
      if (next != multiplier) {
        // the plateau schedule reduced the rate after this epoch's validation figures: said when an epoch follows
        if (trainer.trainsOn()) {
          print(reduced(trainer.nextRate(), report.epoch() + 1));
        }
        multiplier = next;
      }
    }
  }

  /**
   * Training ended: no epoch line follows, and until the command prints its result ({@link #close}) the terminal says
   * that the run's files are being written (a model of 96 MB took 4 s, in silence).
   */
  @Override
  public void onEnd(Trainer trainer, TrainingResult result) {
    synchronized (out) {
      if (closed) {
        return;
      }
      closed = true;
      if (bar != null) {
        bar.close();
        bar.working("writing the run's files");
      }
    }
  }

  /** Says on the terminal, until training starts, that the data are being read ({@link ProgressBar#reading}). */
  void reading() {
    synchronized (out) {
      if (bar != null && !closed) {
        bar.reading();
      }
    }
  }

  /**
   * Erases the progress line so that a message on stderr (a notice) starts a line of its own; the next tick draws
   * the line again below it.
   */
  void makeRoom() {
    if (bar != null) {
      bar.clear();
    }
  }

  /** The command is about to print its result: what the terminal says meanwhile is erased, as {@link #close} does. */
  void finish() {
    close();
  }

  /** Stops the progress bar, also when training ends with an exception, and prints nothing more. */
  @Override
  public void close() {
    synchronized (out) {
      closed = true;
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** The notice of a plateau reduction: "learning rate reduced to 0.025 from epoch 23 (plateau)". */
  static String reduced(double rate, int fromEpoch) {
    return "learning rate reduced to " + Significant.of(rate, 6) + " from epoch " + fromEpoch + " (plateau)";
  }

  /** One epoch's line, without its line end. */
  static String line(EpochReport r, int epochs) {
    StringBuilder s = new StringBuilder();
    s.append("epoch ").append(r.epoch()).append('/').append(epochs);
    s.append("  train-loss ").append(Figures.sixDigits(r.trainLoss()));
    Metrics v = r.validation();
    if (v != null) {
      s.append("  ").append(Figures.of(v, "val-", true));
    }
    s.append("  ").append(String.format(Locale.ROOT, "%.1fs", r.seconds()));
    return s.toString();
  }
}
