package dev.nn.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the command line does with nn's log records ({@code System.Logger}s named {@code dev.nn.…}, which go
 * to java.util.logging): the command prints its own messages, so by default the records are dropped rather
 * than printed beside them by java.util.logging's console handler. {@code --debug} or {@code NN_LOG=debug}
 * prints them from DEBUG up, {@code NN_LOG=info} from INFO, {@code NN_LOG=warning} warnings only, each as one
 * line on the command's standard error. Installed for one command and undone after it, so that a program
 * running commands in-process keeps its own logging set-up.
 */
final class CliLogging implements AutoCloseable {
  /** The environment variable that chooses which log records the command line prints. */
  static final String ENV = "NN_LOG";

  // held here: java.util.logging keeps loggers weakly, and a collected one forgets its level
  private static final Logger NN = Logger.getLogger("dev.nn");
  private static final Map<String, Level> LEVELS = Map.of("debug", Level.FINE, "info", Level.INFO,
      "warning", Level.WARNING, "off", Level.OFF);

  private final Level previousLevel;
  private final boolean previousUseParent;
  private final Handler handler;

  private CliLogging(Level level, PrintStream err) {
    previousLevel = NN.getLevel();
    previousUseParent = NN.getUseParentHandlers();
    handler = new LineHandler(err);
    handler.setLevel(level);
    NN.setLevel(level);
    NN.setUseParentHandlers(false);
    NN.addHandler(handler);
  }

  /**
   * Routes nn's log records for one command line.
   *
   * @param args the command line: {@code --debug} anywhere in it turns DEBUG records on (it is read here,
   *     before the options are parsed, so that parsing and plugin loading are logged too)
   * @param env read for {@link #ENV}; a value other than debug, info, warning or off is named on {@code err}
   *     and ignored
   */
  static CliLogging install(List<String> args, Map<String, String> env, PrintStream err) {
    Level level = Level.OFF;
    String wanted = env.get(ENV);
    if (wanted != null && !wanted.isBlank()) {
      Level named = LEVELS.get(wanted.strip().toLowerCase(Locale.ROOT));
      if (named == null) {
        err.println("nn: warning: " + ENV + "=" + Printable.of(wanted)
            + " is not one of debug, info, warning, off; ignored");
      } else {
        level = named;
      }
    }
    if (args.contains("--debug") && level.intValue() > Level.FINE.intValue()) {
      level = Level.FINE;
    }
    return new CliLogging(level, err);
  }

  /** Puts the logger back as it was before the command. */
  @Override
  public void close() {
    NN.removeHandler(handler);
    NN.setLevel(previousLevel);
    NN.setUseParentHandlers(previousUseParent);
  }

  /** One line a record: "nn: log: INFO dev.nn.core.experiment.TrainingRun: run started in runs/xor-…". */
  private static final class LineHandler extends Handler {
    private final PrintStream err;
    private final SimpleFormatter messages = new SimpleFormatter();

    LineHandler(PrintStream err) {
      this.err = err;
    }

    @Override
    public void publish(LogRecord r) {
      if (!isLoggable(r)) {
        return;
      }
      String level = r.getLevel().intValue() <= Level.FINE.intValue() ? "DEBUG" : r.getLevel().getName();
      err.println("nn: log: " + level + " " + r.getLoggerName() + ": " + messages.formatMessage(r));
      if (r.getThrown() != null && getLevel().intValue() <= Level.FINE.intValue()) {
        // --debug: the trace of what the record is about (a plugin's constructor that threw), as the JVM prints it
        r.getThrown().printStackTrace(err);
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
