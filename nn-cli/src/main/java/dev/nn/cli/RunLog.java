package dev.nn.cli;

import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code run.log}: the lines {@code nn train} prints — the network, one line per epoch, the final figures,
 * notices, warnings and the error that ended the run — without the progress bar, appended to the run
 * directory's log as they are printed (a resumed run's lines follow the earlier ones). Lines printed before the
 * run directory exists are kept and written once it does. A log that cannot be written costs a warning, never
 * the run.
 */
final class RunLog implements TrainingRun.DirectoryListener, AutoCloseable {
  private final List<String> pending = new ArrayList<>();
  private final Runnable onFailure;
  private OutputStream file;
  private boolean broken;
  private volatile Path directory;

  /** @param onFailure told once when the log cannot be written (it prints a warning) */
  RunLog(Runnable onFailure) {
    this.onFailure = onFailure;
  }

  /** The run directory once the run trains in it (a resume refused never gets that far), else empty. */
  Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** Records one printed line (without its line end; it may hold several lines). */
  synchronized void line(String text) {
    if (broken) {
      return;
    }
    if (file == null) {
      pending.add(text);
      return;
    }
    write(text);
  }

  @Override
  public synchronized void onDirectory(RunDirectory directory) {
    this.directory = directory.path();
    open(directory.runLogFile());
  }

  /**
   * The run directory {@code dir}, found by a stop that came after it appeared and before the run took it (its
   * {@link #onDirectory}, which a stop may never reach): the lines printed so far are written there.
   */
  synchronized void keptIn(Path dir) {
    if (file == null && !broken && Files.isDirectory(dir)) {
      open(dir.resolve(RunDirectory.RUN_LOG));
    }
  }

  private void open(Path logFile) {
    if (file != null || broken) {
      return;
    }
    try {
      file = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      fail();
      return;
    }
    List<String> waiting = List.copyOf(pending);
    pending.clear();
    for (String p : waiting) {
      if (broken) {
        return; // a write failed (a full disk): the file is given up
      }
      write(p);
    }
  }

  /** One line, in one write, so that a killed process leaves whole lines. */
  private void write(String text) {
    try {
      file.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      file.flush();
    } catch (IOException e) {
      fail();
    }
  }

  private void fail() {
    broken = true;
    pending.clear();
    onFailure.run();
  }

  @Override
  public synchronized void close() {
    if (dev.nn.core.experiment.JvmShutdown.inProgress()) {
      // a stop (Ctrl-C, SIGTERM) ended the command: the stop's own hook may still print the message that ends
      // the run, which belongs in the log; the process is ending, and the file closes with it
      return;
    }
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // every line was flushed as it was written
      }
      file = null;
    }
    broken = true;
  }
}
