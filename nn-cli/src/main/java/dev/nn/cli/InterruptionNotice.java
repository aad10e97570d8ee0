package dev.nn.cli;

import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.text.CommandName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * While {@code nn train} runs, a JVM shutdown hook that says, when Ctrl-C (SIGINT) or SIGTERM ends the
 * process, that training was interrupted, where its run directory is and how to resume it — without it the
 * process would just vanish, leaving the user to guess whether the run can be continued. The hook is removed
 * when the command ends by itself, so it speaks only for an interruption.
 */
final class InterruptionNotice implements AutoCloseable, TrainingRun.InterruptionListener {
  private final Supplier<Optional<Path>> runDirectory;
  private final String retry;
  private final PrintStream err;
  private final boolean terminal;
  private final Thread hook;
  private volatile boolean ended;
  /** Set once the run's own hook is installed: that hook then says it, after the run's record of it. */
  private volatile boolean armed;
  private volatile Consumer<String> log = line -> { };
  private volatile Consumer<Path> foundIn = dir -> { };
  private volatile Runnable quiet = () -> { };
  private volatile java.util.function.UnaryOperator<String> fit = text -> text;
  /** Whether the run is a point of a sweep, which says itself how to go on: the whole sweep is continued. */
  private volatile boolean sweepPoint;
  /** Counted down once the run's directory and record are made, while they are being made; else null. */
  private volatile java.util.concurrent.CountDownLatch making;
  /** Why the checkpoint of a stop within an epoch could not be written, or null. */
  private volatile String stopCheckpointFailure;
  /** Set once training ended: a stop then waits for the run's files being written, not for a batch. */
  private volatile boolean trained;
  /** Counted down once the run's hook has made this notice speak. */
  private final java.util.concurrent.CountDownLatch spoken = new java.util.concurrent.CountDownLatch(1);
  /** How long a stop may take on a terminal before the user is told what it waits for. */
  static final long WAITING_NOTICE_MILLIS = 2_000;

  private InterruptionNotice(Supplier<Optional<Path>> runDirectory, String retry, PrintStream err,
      boolean terminal) {
    this.runDirectory = runDirectory;
    this.retry = retry;
    this.err = err;
    this.terminal = terminal;
    this.hook = new Thread(this::onShutdown, "nn-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * This notice's shutdown hook: speaks unless the command ended by itself, or the run's own hook speaks (once it
   * recorded the interruption, the epoch in progress and its checkpoint completed, so the checkpoint named is the
   * one the record counted and a resume continues from).
   */
  void onShutdown() {
    java.util.concurrent.CountDownLatch m = making;
    if (m != null) {
      // the directory may appear, marked interrupted, after the stop began: say what is there once it is made
      try {
        m.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!ended && !armed) {
      Optional<Path> dir = runDirectory.get();
      // stopped between the directory's appearance and the run's taking it: its log still gets what was printed
      dir.ifPresent(foundIn);
      say(message(dir, retry, sweepPoint));
    } else if (!ended && terminal) {
      // the run's hook waits for the batch in progress (seconds, for large ones): said, rather than a bar drawn on
      awaitSpoken();
    }
  }

  /** Waits for the run's hook to make this notice speak; says what the stop waits for when that takes a while. */
  private void awaitSpoken() {
    try {
      if (!spoken.await(WAITING_NOTICE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS) && !ended) {
        quiet.run();
        err.print((LauncherWatch.launcherGone() ? "\n" : "\r" + ProgressBar.ERASE_TO_END)
            + fit.apply(trained ? "nn: stopping once the run's files are written"
                : "nn: stopping once the batch in progress is done") + "\n");
        err.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void makingRunDirectory(boolean done) {
    if (!done) {
      making = new java.util.concurrent.CountDownLatch(1);
    } else if (making != null) {
      making.countDown();
    }
  }

  @Override
  public void armed() {
    armed = true;
  }

  @Override
  public void onEnd(dev.nn.core.train.Trainer trainer, dev.nn.core.train.TrainingResult result) {
    trained = true;
  }

  @Override
  public void onStopCheckpointFailed(RuntimeException failure) {
    stopCheckpointFailure = failure.getMessage();
  }

  @Override
  public void recorded(Path directory) {
    if (!ended) {
      String failure = stopCheckpointFailure;
      say((failure == null ? "" : "nn: the checkpoint of the stop, within the epoch, could not be written (" + failure
          + "): what the epoch trained since the last checkpoint is lost\n") + message(Optional.of(directory), retry,
              sweepPoint));
    }
    spoken.countDown();
  }

  @Override
  public void completedFirst(Path directory) {
    if (!ended) {
      say("nn: stopped after the run completed: every file of it is written in " + directory
          + ", and there is nothing to resume\n");
    }
    spoken.countDown();
  }

  private void say(String message) {
    // a progress bar drawn after the message would hide it and leave the shell's prompt on the bar's line
    quiet.run();
    if (message.isEmpty()) {
      return; // a sweep's point that made no run directory: the sweep says it all
    }
    // on a terminal the line also holds the ^C the terminal echoed: erased, so the message starts the line
    // (once the launcher is gone, the line holds the shell's prompt instead: a line of its own)
    err.print((!terminal ? "" : LauncherWatch.launcherGone() ? "\n" : "\r" + ProgressBar.ERASE_TO_END)
        + fit.apply(message.stripTrailing()) + "\n");
    err.flush();
    log.accept(message.stripTrailing());
  }

  /**
   * The same notice, also written to the run's {@code log} when it is printed; when the notice itself finds the run
   * directory (a stop before the run took it), the log is kept there.
   */
  InterruptionNotice alsoTo(RunLog log) {
    this.log = log::line;
    this.foundIn = log::keptIn;
    return this;
  }

  /** The same notice, its lines fitted by {@code fitting} to the terminal (broken at spaces) as it is printed. */
  InterruptionNotice fitting(java.util.function.UnaryOperator<String> fitting) {
    fit = fitting;
    return this;
  }

  /** The same notice, running {@code stopDrawing} (what stops and erases a progress bar) before it speaks. */
  InterruptionNotice quieting(Runnable stopDrawing) {
    quiet = stopDrawing;
    return this;
  }

  /** For a run resumed in {@code runDirectory}. */
  static InterruptionNotice resuming(Path runDirectory, PrintStream err, boolean terminal) {
    return new InterruptionNotice(() -> Optional.of(runDirectory), CommandName.resume(runDirectory), err,
        terminal);
  }

  /**
   * For a new run of the experiment {@code name}, whose directory {@code <outputDir>/<name>-<timestamp>} is
   * created once the data and the network are ready: the hook looks for it when it runs.
   *
   * @param command how to start the run again, for when no checkpoint was written yet
   */
  static InterruptionNotice training(Path outputDir, String name, String command, PrintStream err,
      boolean terminal) {
    Instant started = Instant.now();
    // a directory there already is another run's (a sweep's previous point, written to a second ago)
    Set<Path> earlier = entries(outputDir);
    return new InterruptionNotice(() -> newestRun(outputDir, name, started, earlier), command, err, terminal);
  }

  private static Set<Path> entries(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.collect(java.util.stream.Collectors.toSet());
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }

  static String message(Optional<Path> runDirectory, String retry) {
    return message(runDirectory, retry, false);
  }

  /**
   * What is said of the interrupted run; of a sweep's point, without how to go on with the run alone (which would
   * leave the points after it untrained): the sweep says how to continue it.
   */
  static String message(Optional<Path> runDirectory, String retry, boolean sweepPoint) {
    if (runDirectory.isEmpty()) {
      // a sweep's point: the sweep says it was stopped as the point started, and what its table keeps
      return sweepPoint ? "" : "nn: training was interrupted before its run directory was created; nothing was"
          + " written. Start it again with: " + retry + "\n";
    }
    Path dir = runDirectory.get();
    Optional<Path> checkpoint = RunDirectory.latestCheckpointIn(dir);
    if (checkpoint.isEmpty()) {
      return "nn: training was interrupted before its first checkpoint" + (sweepPoint ? "\n" : "; " + CommandName.resume(dir)
          + " trains it again from the start\n");
    }
    return "nn: training was interrupted; the last checkpoint is " + checkpoint.get() + "\n"
        + (sweepPoint ? "" : "Resume the run with: " + CommandName.resume(dir) + "\n");
  }

  /** This notice for a point of a sweep: see {@link #message(Optional, String, boolean)}. */
  InterruptionNotice ofSweepPoint() {
    sweepPoint = true;
    return this;
  }

  /**
   * The run directory this command created: the newest {@code <name>-…} directory in {@code outputDir} made
   * since the command started.
   */
  private static Optional<Path> newestRun(Path outputDir, String name, Instant started, Set<Path> earlier) {
    // timestamps of directories have whole seconds on some file systems
    FileTime since = FileTime.from(started.minusSeconds(1));
    try (Stream<Path> entries = Files.list(outputDir)) {
      // <name>-yyyyMMdd-HHmmss, with -2, -3, … when two runs start in the same second
      Pattern runName = Pattern.compile(Pattern.quote(name) + "-\\d{8}-\\d{6}(-\\d+)?");
      return entries.filter(p -> runName.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
          .filter(p -> !earlier.contains(p))
          .filter(p -> modified(p).compareTo(since) >= 0)
          .max(Comparator.comparing(InterruptionNotice::modified));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * The command ended by itself: the hook is removed and stays silent. Unless the JVM is already stopping (a
   * signal came while the run wrote its last files, and its record waited for them): then the run's own hook
   * still says that the run completed first, since the process will not exit 0.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      ended = true;
    } catch (IllegalStateException stopping) {
      // the run's hook has armed this notice, so its own hook is silent; the run's says how the run ended
    }
  }
}
