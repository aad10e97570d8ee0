package dev.nn.cli;

import dev.nn.core.config.ProblemReport;
import dev.nn.core.data.DataException;
import dev.nn.core.experiment.ClusterException;
import dev.nn.core.experiment.TrainingInterruptedException;
import dev.nn.core.export.ExportException;
import dev.nn.core.io.SystemReason;
import dev.nn.core.model.ModelFormatException;
import dev.nn.core.plugin.PluginException;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
import dev.nn.core.text.ControlCharacters;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns what a command threw into one message on stderr and an exit code: 2 for what the user can fix
 * (usage, configuration, data, model and run files, missing files), 3 for a diverged training run, 1 for
 * anything else, which is a bug. Only {@code --debug} adds stack traces.
 */
final class Failures {
  private Failures() {}

  /**
   * Prints what went wrong and returns the exit code. A control character in the message — from a value in the
   * user's file, a file name, a plugin — is printed as an escape ({@code \e}, {@code \0}, …): an ESC must not
   * colour or move the terminal, a NUL must not vanish. Line ends stay, since messages span lines. The stack trace
   * {@code --debug} adds is printed as the JVM prints it.
   */
  static int report(Throwable thrown, PrintStream err, boolean debug) {
    return report(thrown, err, debug, java.util.function.UnaryOperator.identity());
  }

  /**
   * As {@link #report(Throwable, PrintStream, boolean)}, the message passed through {@code fit} (folded to a
   * terminal's width, {@link NnCommand#fittedErr}).
   */
  static int report(Throwable thrown, PrintStream err, boolean debug, java.util.function.UnaryOperator<String> fit) {
    if (!debug && dev.nn.core.experiment.JvmShutdown.inProgress()) {
      // Ctrl-C or SIGTERM: what failed failed because the JVM is stopping (an output it would not put in place,
      // a temporary file its hook deleted); the stop's own notice, if any, says what happened
      return Main.INTERRUPTED;
    }
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    int code;
    try (PrintStream p = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8)) {
      code = reportUnescaped(thrown, p, debug);
    }
    String message = ControlCharacters.escapeKeepingLineEnds(text.toString(java.nio.charset.StandardCharsets.UTF_8));
    err.print(fit.apply(message));
    if (debug) {
      // as the JVM prints it: asked for, and read by people who know what a stack trace looks like
      thrown.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static int reportUnescaped(Throwable thrown, PrintStream err, boolean debug) {
    Throwable e = thrown;
    int code;
    if (e instanceof KeptRunFailure kept) {
      code = reportUnescaped(kept.getCause(), err, debug);
      err.println(kept.hint());
      return code;
    }
    Optional<OutOfMemoryError> oom = OutOfMemory.in(e);
    if (e instanceof TrainingInterruptedException) {
      // the interruption's notice has said what happened and how to resume; what failed as the JVM stopped is
      // no news (--debug still shows it)
      code = Main.INTERRUPTED;
    } else if (oom.isPresent() && !(e instanceof CommandFailure)) {
      // a command that said what it needs (an export's sizing) composed its own message around the error
      code = Main.BAD_INPUT;
      err.print(OutOfMemory.message(oom.get()));
    } else if (e instanceof InvalidPathException) {
      code = Main.BAD_INPUT;
      err.println(invalidPath((InvalidPathException) e));
    } else if (e instanceof CommandFailure) {
      code = Main.BAD_INPUT;
      err.print(endLine(e.getMessage()));
    } else if (e instanceof ConfigException) {
      code = Main.BAD_INPUT;
      err.println(configuration(((ConfigException) e).problems()));
    } else if (e instanceof DataException || e instanceof ModelFormatException || e instanceof RunFileException
        || e instanceof ExportException || e instanceof dev.nn.core.sweep.SweepFileException) {
      code = Main.BAD_INPUT;
      // one line: a line break in it came from a value, a column's name or a path, and is shown as \n
      err.println("nn: " + ControlCharacters.escape(append(e.getMessage(), SystemReason.ofRefusal(e))));
    } else if (e instanceof ClusterException || e instanceof PluginException) {
      code = Main.BAD_INPUT;
      err.println("nn: " + append(e.getMessage(), SystemReason.ofRefusal(e)));
    } else if (e instanceof dev.nn.core.io.FolderGoneException gone) {
      // only a run directory is held in place; the hint a kept run gets would name the folder that is gone
      code = Main.BAD_INPUT;
      err.println("nn: " + ControlCharacters.escape(gone.folder() + " was moved or deleted while its run trained;"
          + " the run stopped rather than make it again with half its files. The run's files are wherever it went: "
          + dev.nn.core.text.CommandName.of() + " train --resume THERE continues it from its last checkpoint"));
    } else if (e instanceof UncheckedIOException || e instanceof IOException) {
      code = Main.BAD_INPUT;
      err.println("nn: " + ControlCharacters.escape(describe(e)));
    } else if (e instanceof TrainingDivergedException) {
      code = Main.DIVERGED;
      err.print(diverged((TrainingDivergedException) e));
    } else {
      code = Main.FAILED;
      err.println("nn: unexpected error: " + e.getClass().getName() + ": " + e.getMessage());
      if (!debug) {
        err.println("This is a bug in nn; run with --debug for the stack trace.");
      }
    }
    err.flush();
    return code;
  }

  /** What {@link #report} prints for {@code thrown} without {@code --debug}, without its last line end. */
  static String messageOf(Throwable thrown) {
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8)) {
      report(thrown, p, false);
    }
    return text.toString(java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
  }

  /**
   * Runs {@code action}, which reads or uses the experiment {@code file}, reporting a configuration problem as
   * the numbered {@link ProblemReport} of that file.
   *
   * @param file the file's name as the user typed it
   */
  static <T> T readingConfig(String file, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      if (e instanceof ConfigException) {
        throw new CommandFailure(ProblemReport.format(file, ((ConfigException) e).problems()), e);
      }
      throw e;
    }
  }

  /**
   * Problems that belong to no experiment file (a plugin jar, a setting given in code), as one line each with
   * its id, so that a user can look every one up in docs/errors.md as in a file's report.
   */
  static String configuration(List<ConfigProblem> problems) {
    StringBuilder s = new StringBuilder("nn: invalid configuration: ");
    if (problems.size() == 1) {
      return s.append(withId(problems.get(0))).toString();
    }
    s.append(problems.size()).append(" problems:");
    for (int i = 0; i < problems.size(); i++) {
      s.append('\n').append(i + 1).append(") ").append(withId(problems.get(i)));
    }
    return s.toString();
  }

  private static String withId(ConfigProblem p) {
    return "[" + p.id().code() + "] " + p;
  }

  /** The encoding this JVM gives file names and arguments, which the locale chose ({@code sun.jnu.encoding}). */
  static String fileNameEncoding() {
    return System.getProperty("sun.jnu.encoding", "");
  }

  /** Whether {@link #fileNameEncoding()} is UTF-8, however it is spelled. */
  static boolean fileNamesInUtf8() {
    return fileNameEncoding().replace("-", "").equalsIgnoreCase("UTF8");
  }

  /**
   * A path the file system cannot name: one with a NUL character, or characters the file-name encoding
   * (which follows the locale) cannot express.
   */
  static String invalidPath(InvalidPathException e) {
    String encoding = fileNameEncoding();
    boolean utf8 = fileNamesInUtf8();
    return "nn: cannot use \"" + e.getInput().replace("\0", "\\0") + "\" as a path: "
        + e.getReason().toLowerCase(Locale.ROOT)
        + (e.getInput().indexOf('\0') >= 0 ? " (a path cannot hold a NUL character)"
            : utf8 ? "" : " (file names are encoded as " + encoding + " in this locale; run nn in a UTF-8 locale,"
                + " e.g. LC_ALL=C.UTF-8)");
  }

  /**
   * A file problem as "path: what", without exception class names, ending in the operating system's reason
   * (permission denied, read-only file system, no space left on device) whenever it gave one.
   */
  static String describe(Throwable e) {
    Throwable io = e instanceof UncheckedIOException ? e.getCause() : e;
    boolean ownMessage = e instanceof UncheckedIOException && e.getMessage() != null
        && !e.getMessage().equals(String.valueOf(io));
    if (ownMessage) {
      return withReason(e.getMessage(), e);
    }
    if (io instanceof IOException i) {
      return SystemReason.describe(i);
    }
    return String.valueOf(io.getMessage());
  }

  /** {@code message}, then ": " and the system's reason for {@code e} unless the message already says it. */
  static String withReason(String message, Throwable e) {
    return append(message, SystemReason.of(e));
  }

  private static String append(String message, Optional<String> reason) {
    if (reason.isEmpty() || message.toLowerCase(Locale.ROOT).contains(reason.get().toLowerCase(Locale.ROOT))) {
      return message;
    }
    return message + ": " + reason.get();
  }

  /** The divergence, where it happened and which checkpoint is left. */
  static String diverged(TrainingDivergedException e) {
    StringBuilder s = new StringBuilder("nn: ").append(e.getMessage()).append('\n');
    Optional<Path> dir = e.runDirectory();
    if (dir.isPresent()) {
      s.append("run directory: ").append(dir.get()).append('\n');
      Optional<Path> best = RunDirectory.bestCheckpointIn(dir.get());
      if (best.isPresent()) {
        s.append("the best checkpoint before it is kept: ").append(best.get()).append('\n');
      } else {
        s.append("no checkpoint was written before epoch ").append(e.epoch()).append(" diverged\n");
      }
    }
    return s.toString();
  }

  private static String endLine(String message) {
    return message.endsWith("\n") ? message : message + "\n";
  }
}
