package dev.nn.cli;

import dev.nn.core.io.AtomicFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * While a command writes its one output (a prediction, an export), a JVM shutdown hook that says, when Ctrl-C or
 * SIGTERM ends it, whether the output was written: the command's own line never comes, and a silent exit leaves
 * the user to wonder whether the file there is new, old or half written (it is never half written). Removed when
 * the command ends by itself.
 */
final class OutputStopNotice implements AutoCloseable {
  private final Path output;
  private final boolean existed;
  private final PrintStream err;
  private final Runnable quiet;
  private final Thread hook;

  /**
   * Speaks for {@code output} until closed.
   *
   * @param quiet erases a line drawn in place (the working line) before the notice is printed
   * @param env the environment, whose launcher's note is marked ({@link LauncherNote#stopsSaid})
   */
  OutputStopNotice(Path output, PrintStream err, Runnable quiet, java.util.Map<String, String> env) {
    this.output = output;
    this.existed = Files.exists(output);
    this.err = err;
    this.quiet = quiet;
    this.hook = new Thread(this::onShutdown, "nn-output-stopped");
    AtomicFiles.watch(output);
    Runtime.getRuntime().addShutdownHook(hook);
    // from now on a stop is said here: the launcher says one that came before, as the JVM started
    LauncherNote.stopsSaid(env);
  }

  private void onShutdown() {
    AtomicFiles.Stopped where = AtomicFiles.stopOutputs(output);
    quiet.run();
    err.println(message(where));
    err.flush();
  }

  /** What the stop left, for {@code where} the output's write stood. */
  String message(AtomicFiles.Stopped where) {
    if (where == AtomicFiles.Stopped.WRITTEN) {
      return "nn: stopped; " + output + " had been written, whole";
    }
    return "nn: stopped; " + output + " was not written" + (existed ? " (the file there is as it was)"
        : " (nothing was made)");
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      AtomicFiles.unwatch(output);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook speaks
    }
  }
}
