package dev.nn.cli;

import dev.nn.core.train.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A progress line redrawn in place on a terminal about every {@value #PERIOD_MS} ms, by a daemon timer
 * thread that only reads the trainer's {@link TrainingProgress} counters, so the training loop neither
 * allocates nor waits for it:
 * <pre>
 * epoch 3/20 [#######-------------]  batch 120/250  loss 0.123456  ETA 1:23
 * </pre>
 */
final class ProgressBar {
  static final long PERIOD_MS = 200;
  private static final int BAR = 20;

  private final PrintStream out;
  private Timer timer;
  private int drawn;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  /**
   * Starts redrawing.
   *
   * @param firstEpoch the epochs already done (a resumed run), which the ETA must not count as this run's speed
   */
  void start(TrainingProgress progress, int firstEpoch) {
    long started = System.nanoTime();
    long perEpoch = Math.max(1, progress.batchesPerEpoch());
    long doneAtStart = firstEpoch * perEpoch;
    Timer t = new Timer("nn-progress", true);
    synchronized (out) {
      timer = t;
    }
    t.scheduleAtFixedRate(new TimerTask() {
      @Override
      public void run() {
        int epoch = progress.epoch();
        long done = epoch == 0 ? doneAtStart : Math.max(doneAtStart, (epoch - 1) * perEpoch + progress.batchesDone());
        long total = (long) progress.epochs() * perEpoch;
        double seconds = (System.nanoTime() - started) / 1e9;
        double eta = done > doneAtStart ? (total - done) * seconds / (done - doneAtStart) : Double.NaN;
        draw(render(Math.max(epoch, 1), progress.epochs(), progress.batchesDone(), perEpoch,
            progress.runningLoss(), eta));
      }
    }, PERIOD_MS, PERIOD_MS);
  }

  private void draw(String text) {
    synchronized (out) {
      if (timer == null) {
        return;
      }
      StringBuilder s = new StringBuilder("\r").append(text);
      for (int i = text.length(); i < drawn; i++) {
        s.append(' ');
      }
      out.print(s);
      out.flush();
      drawn = text.length();
    }
  }

  /** Erases the bar so that a line can be printed in its place; the next tick draws it again. */
  void clear() {
    synchronized (out) {
      if (drawn > 0) {
        out.print("\r" + " ".repeat(drawn) + "\r");
        out.flush();
        drawn = 0;
      }
    }
  }

  /** Stops the timer and erases the bar. */
  void close() {
    synchronized (out) {
      if (timer != null) {
        timer.cancel();
      }
      clear();
      timer = null;
    }
  }

  /** The bar's text. */
  static String render(int epoch, int epochs, long batchesDone, long batchesPerEpoch, double runningLoss,
      double etaSeconds) {
    int filled = (int) Math.min(BAR, BAR * batchesDone / Math.max(1, batchesPerEpoch));
    return "epoch " + epoch + "/" + epochs + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]  batch "
        + batchesDone + "/" + batchesPerEpoch + "  loss "
        + (Double.isNaN(runningLoss) ? "-" : String.format(Locale.ROOT, "%.6g", runningLoss))
        + "  ETA " + duration(etaSeconds);
  }

  /** "1:23", "2:01:05", or "-" when not known yet. */
  static String duration(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return "-";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
