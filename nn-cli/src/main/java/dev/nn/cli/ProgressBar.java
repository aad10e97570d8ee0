package dev.nn.cli;

import dev.nn.core.train.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A progress line redrawn in place on a terminal about every {@value #PERIOD_MS} ms, by a daemon timer
 * thread that only reads the trainer's {@link TrainingProgress} counters, so the training loop neither
 * allocates nor waits for it:
 * <pre>
 * epoch 3/20 [#######-------------]  batch 120/250  loss 0.123456  1,234 samples/s  0:12  ETA 1:23
 * </pre>
 * The line never wraps: it is fitted to the terminal's width, read again when the terminal says it was resized
 * (and every few seconds), by leaving out first the bar, then the elapsed time, the speed, the loss and the ETA,
 * and cutting what is left. While the validation split is evaluated, "validating" stands where the batches were.
 * A redraw erases the rest of the line with the terminal's erase-to-end, not with spaces: spaces for a line
 * drawn wider than a window that has since shrunk would wrap, and leave the old line behind.
 */
final class ProgressBar {
  static final long PERIOD_MS = 200;
  /** How often the terminal's width is read again without a resize signal, in ticks. */
  private static final int WIDTH_EVERY_TICKS = 10;
  /** Erases from the cursor to the end of its line (ANSI EL). */
  static final String ERASE_TO_END = "\033[K";
  private static final int BAR = 20;

  /** The bar being drawn in this JVM, if any: a sweep's shutdown hook stops it before it speaks. */
  private static volatile ProgressBar live;
  private final PrintStream out;
  private final IntSupplier columns;
  private Timer timer;
  /** The columns the line drawn last takes, and the terminal's width it was drawn for. */
  private int drawn;
  private int drawnAt;

  /**
   * Whether the terminal rejoins and re-breaks a line when it is resized: narrowed, the line drawn last then takes
   * several rows, of which a redraw in place would clear only the last.
   */
  private final boolean rewraps;

  /** A bar on {@code out}, fitted to a width of {@code columns} (read by the timer thread). */
  ProgressBar(PrintStream out, IntSupplier columns) {
    this(out, columns, false);
  }

  /**
   * A bar on {@code out}, fitted to a width of {@code columns}, on a terminal that re-breaks its lines when resized
   * ({@code rewraps}, see {@link Terminal#rewrapsLines}).
   */
  ProgressBar(PrintStream out, IntSupplier columns, boolean rewraps) {
    this.out = out;
    this.columns = columns;
    this.rewraps = rewraps;
  }

  /** The terminal's width now, for lines printed between the bar's drawings. */
  int columns() {
    return columns.getAsInt();
  }

  /** What one drawing shows. */
  record Frame(int epoch, int epochs, long batchesDone, long batchesPerEpoch, boolean validating,
      double runningLoss, double samplesPerSecond, double elapsedSeconds, double etaSeconds) {}

  /**
   * Starts redrawing.
   *
   * @param firstEpoch the epochs already done (a resumed run), which the ETA must not count as this run's speed
   */
  void start(TrainingProgress progress, int firstEpoch) {
    start(progress, firstEpoch, 0);
  }

  /**
   * {@link #start(TrainingProgress, int)} for a run resumed partway through epoch {@code firstEpoch + 1}, after
   * {@code batchesBefore} of its batches, which the ETA must not count as this run's speed either.
   */
  void start(TrainingProgress progress, int firstEpoch, long batchesBefore) {
    synchronized (out) {
      // the reading line, if any, gives way
      if (timer != null) {
        timer.cancel();
      }
      clear();
    }
    long started = System.nanoTime();
    long perEpoch = Math.max(1, progress.batchesPerEpoch());
    long doneAtStart = firstEpoch * perEpoch + batchesBefore;
    Timer t = begin();
    t.scheduleAtFixedRate(new TimerTask() {
      private int ticks;
      private int width = columns.getAsInt();
      private long lastTick = started;
      /** Time the process spent stopped (Ctrl-Z, then fg), which is no training time: its speed and ETA leave it out. */
      private long stopped;

      @Override
      public void run() {
        long now = System.nanoTime();
        long gap = now - lastTick;
        if (gap > STOPPED_AFTER_NANOS) {
          stopped += gap - PERIOD_MS * 1_000_000L;
        }
        lastTick = now;
        if (++ticks % WIDTH_EVERY_TICKS == 0 | TerminalResize.resizedSinceAsked()) {
          width = columns.getAsInt();
        }
        int epoch = progress.epoch();
        long done = epoch == 0 ? doneAtStart : Math.max(doneAtStart, (epoch - 1) * perEpoch + progress.batchesDone());
        long total = (long) progress.epochs() * perEpoch;
        double seconds = (now - started - stopped) / 1e9;
        double eta = done > doneAtStart ? (total - done) * seconds / (done - doneAtStart) : Double.NaN;
        double samplesPerBatch = (double) progress.samplesPerEpoch() / perEpoch;
        double speed = done > doneAtStart && seconds > 0 ? (done - doneAtStart) * samplesPerBatch / seconds : Double.NaN;
        draw(t, render(new Frame(Math.max(epoch, 1), progress.epochs(), progress.batchesDone(), perEpoch,
            progress.validating(), progress.runningLoss(), speed, seconds, eta), width), width);
      }
    }, PERIOD_MS, PERIOD_MS);
  }

  /** A gap between two ticks this long is a process that was stopped (Ctrl-Z), not a slow tick. */
  private static final long STOPPED_AFTER_NANOS = 3_000_000_000L;

  /** How long the data may be read before the reading line is drawn: a small file is read sooner, with no flash. */
  static final long READING_AFTER_MS = 1000;

  /**
   * Until {@link #start}, says that the data are being read (a CSV of millions of rows takes tens of seconds,
   * which would pass in silence): "reading the data  0:14", the time so far. Nothing is drawn for the first
   * {@value #READING_AFTER_MS} ms.
   */
  void reading() {
    working("reading the data");
  }

  /**
   * Until {@link #start} or {@link #close}, says that {@code what} is being done ("predicting rows.csv  0:14"): for
   * long work whose steps are not counted. Nothing is drawn for the first {@value #READING_AFTER_MS} ms.
   */
  void working(String what) {
    long started = System.nanoTime();
    Timer t = begin();
    t.scheduleAtFixedRate(new TimerTask() {
      @Override
      public void run() {
        int width = columns.getAsInt();
        draw(t, workingLine(what, (System.nanoTime() - started) / 1e9, width), width);
      }
    }, READING_AFTER_MS, PERIOD_MS * 2);
  }

  /** "reading the data  0:14", or nothing on a terminal too narrow for it. */
  static String workingLine(String what, double seconds, int columns) {
    String line = what + "  " + duration(seconds);
    return line.length() <= Math.max(1, columns - 1) ? line : "";
  }

  /** Stops what is drawn (the reading line) and erases it, until {@link #start}. */
  void pause() {
    synchronized (out) {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
      clear();
    }
  }

  /** A new timer that draws this line, the bar this JVM draws, listening to the terminal's resizes. */
  private Timer begin() {
    TerminalResize.listen();
    Timer t = new Timer("nn-progress", true);
    synchronized (out) {
      timer = t;
    }
    live = this;
    return t;
  }

  /**
   * Draws {@code text} on a terminal {@code width} columns wide, unless {@code from} is no longer the timer that draws
   * (a tick that came late).
   */
  private void draw(Timer from, String text, int width) {
    synchronized (out) {
      if (timer != from || LauncherWatch.launcherGone()) {
        return;
      }
      out.print(overRowsDrawn(width) + "\r" + text + ERASE_TO_END);
      out.flush();
      drawn = TerminalText.width(text);
      drawnAt = width;
    }
  }

  /**
   * On a terminal that re-breaks lines, narrowed to {@code width} since the line was drawn: the moves that put the
   * cursor at the start of the line's first row and clear it and the rows below (the terminal re-broke the line
   * over them, and "\r…erase to end" would clear only the last, leaving the rest on screen). Empty otherwise.
   */
  private String overRowsDrawn(int width) {
    return rewraps ? overRows(drawn, width) : "";
  }

  /** The moves of {@link #overRowsDrawn} for a line {@code drawn} columns wide on a terminal {@code width} wide. */
  static String overRows(int drawn, int width) {
    int rows = drawn > 0 && width > 0 ? (drawn + width - 1) / width : 1;
    return rows <= 1 ? "" : "\r\033[" + (rows - 1) + "A\033[J";
  }

  /** Erases the bar so that a line can be printed in its place; the next tick draws it again. */
  void clear() {
    synchronized (out) {
      if (drawn > 0) {
        // the shell's prompt may follow the bar once the launcher is gone: the bar stays, the prompt is not wiped
        // the width is read again only after a resize: asking the terminal takes a process
        int width = rewraps && TerminalResize.resizePending() ? columns.getAsInt() : drawnAt;
        out.print(LauncherWatch.launcherGone() ? "\n" : overRowsDrawn(width) + "\r" + ERASE_TO_END);
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
    if (live == this) {
      live = null;
    }
  }

  /**
   * Stops and erases the bar being drawn, if any, so that a message printed next is not glued to it nor drawn
   * over: for a shutdown hook other than the run's own (a sweep's), which may speak first.
   */
  static void stopLive() {
    ProgressBar bar = live;
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * The bar's text, at most {@code columns} − 1 characters long (a line as wide as the terminal would wrap
   * on some terminals when the cursor moves past its end).
   */
  static String render(Frame f, int columns) {
    String epoch = "epoch " + f.epoch() + "/" + f.epochs();
    int filled = (int) Math.min(BAR, BAR * f.batchesDone() / Math.max(1, f.batchesPerEpoch()));
    String bar = "[" + "#".repeat(f.validating() ? BAR : filled) + "-".repeat(f.validating() ? 0 : BAR - filled) + "]";
    String batch = f.validating() ? "validating" : "batch " + f.batchesDone() + "/" + f.batchesPerEpoch();
    String loss = "loss " + (Double.isNaN(f.runningLoss()) ? "-" : String.format(Locale.ROOT, "%.6g", f.runningLoss()));
    String speed = Double.isNaN(f.samplesPerSecond()) ? "- samples/s"
        : String.format(Locale.ROOT, "%,.0f samples/s", f.samplesPerSecond());
    String elapsed = duration(f.elapsedSeconds());
    String eta = "ETA " + duration(f.etaSeconds());
    int room = Math.max(1, columns - 1);
    // the parts a narrower terminal drops, least useful first: bar, elapsed, speed, loss, ETA
    String[][] layouts = {
        {epoch + " " + bar, batch, loss, speed, elapsed, eta},
        {epoch, batch, loss, speed, elapsed, eta},
        {epoch, batch, loss, speed, eta},
        {epoch, batch, loss, eta},
        {epoch, batch, eta},
        {epoch, batch},
        {epoch + " " + f.batchesDone() + "/" + f.batchesPerEpoch()},
        {epoch}};
    String line = "";
    for (String[] parts : layouts) {
      line = String.join("  ", parts);
      if (line.length() <= room) {
        return line;
      }
    }
    // narrower still: nothing rather than a number cut short ("batch 721/84" for 844 read as a wrong count)
    return "";
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
