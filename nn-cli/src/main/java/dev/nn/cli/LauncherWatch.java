package dev.nn.cli;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
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

  private LauncherWatch() {
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
    CompletableFuture<?> ended = ProcessHandle.of(pid.getAsLong())
        .<CompletableFuture<?>>map(ProcessHandle::onExit)
        .orElseGet(() -> CompletableFuture.completedFuture(null));
    ended.thenRun(() -> exit.accept(TERMINATED));
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
