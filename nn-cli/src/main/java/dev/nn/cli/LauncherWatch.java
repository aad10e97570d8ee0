package dev.nn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ends this JVM as SIGTERM would when the {@code nn} launcher that started it ends first. The launcher runs
 * Java as a child (its standard error passes a filter), so a signal sent to the launcher's process — {@code
 * kill PID}, a closed terminal, a job scheduler's stop — reaches only the launcher; without this watch Java
 * would go on training alone, holding the run's lock. The launcher names itself in {@code NN_LAUNCHER_PID}.
 */
final class LauncherWatch {
  /** The exit code of a process ended by SIGTERM, which this stands in for. */
  static final int TERMINATED = 143;
  /** How often the launcher's state is read where the system shows it (Linux's /proc). */
  private static final long POLL_MILLIS = 500;

  /** Set once the launcher has ended before this JVM: the terminal's current line is no longer this JVM's. */
  private static volatile boolean launcherGone;
  /** The launcher watched, or 0. */
  private static volatile long watched;

  private LauncherWatch() {
  }

  /**
   * Whether the launcher ended first: the shell has then printed its own lines and prompt, which a progress bar's
   * erase or a notice's carriage return would wipe, so they print on a line of their own instead.
   */
  static boolean launcherGone() {
    long pid = watched;
    if (!launcherGone && pid > 0) {
      // asked as a progress bar is about to be drawn, which must not wait for the watch's own news (it comes late
      // by up to a second): the shell's prompt may be on the line already
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      launcherGone = !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          || Files.isReadable(stat) && zombie(stat);
    }
    return launcherGone;
  }

  /**
   * Starts watching the launcher {@code env} names, if any: once it has ended (at once, if it is already gone),
   * {@code exit} gets 143. Nothing happens without {@code NN_LAUNCHER_PID}.
   */
  static void start(Map<String, String> env, IntConsumer exit) {
    OptionalLong pid = launcherPid(env);
    if (pid.isEmpty()) {
      return;
    }
    AtomicBoolean told = new AtomicBoolean();
    Runnable ended = () -> {
      if (told.compareAndSet(false, true)) {
        exit.accept(TERMINATED);
      }
    };
    ProcessHandle.of(pid.getAsLong())
        .<CompletableFuture<?>>map(ProcessHandle::onExit)
        .orElseGet(() -> CompletableFuture.completedFuture(null))
        .thenRun(ended);
    watchForZombie(pid.getAsLong(), ended);
  }

  /**
   * {@link #start} for this process's own launcher: once it has ended, {@link #launcherGone} is true and the JVM
   * exits with 143. Nothing happens without {@code NN_LAUNCHER_PID}.
   */
  static void watchOwnLauncher(Map<String, String> env) {
    OptionalLong pid = launcherPid(env);
    if (pid.isEmpty()) {
      return;
    }
    watched = pid.getAsLong();
    start(env, code -> {
      launcherGone = true;
      // no signal came to this JVM: the runs it marks interrupted say what did stop them
      dev.nn.core.run.RunDirectory.processStopping("stopped as the nn launcher that started it ended first (killed"
          + " outright, passing on no signal)");
      System.exit(code);
    });
  }

  /**
   * A launcher that has ended but whose parent has not yet reaped it (a Python parent that calls {@code
   * terminate()} and then reads the pipes Java still holds) is a zombie, which {@link ProcessHandle#onExit}
   * counts as alive; where /proc shows a process's state, a zombie counts as ended.
   */
  private static void watchForZombie(long pid, Runnable ended) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.isReadable(stat)) {
      return;
    }
    Thread poll = new Thread(() -> {
      try {
        while (Files.exists(stat)) {
          if (zombie(stat)) {
            ended.run();
            return;
          }
          Thread.sleep(POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "nn-launcher-watch");
    poll.setDaemon(true);
    poll.start();
  }

  /** Whether /proc's {@code stat} line says zombie; a process that is gone is onExit's to tell. */
  static boolean zombie(Path stat) {
    try {
      String line = Files.readString(stat, StandardCharsets.US_ASCII);
      int close = line.lastIndexOf(')');
      return close >= 0 && close + 2 < line.length() && line.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The process id in {@code NN_LAUNCHER_PID}, when it holds one. */
  static OptionalLong launcherPid(Map<String, String> env) {
    String pid = env.get("NN_LAUNCHER_PID");
    if (pid == null) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(pid.strip());
      return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
