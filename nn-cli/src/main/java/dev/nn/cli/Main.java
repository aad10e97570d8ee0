package dev.nn.cli;

import dev.nn.core.experiment.JvmShutdown;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The entry point of the {@code nn} command.
 *
 * <pre>{@code
 * int status = Main.run(new String[] {"validate", "examples/xor.yaml"}, System.out, System.err, System.getenv());
 * }</pre>
 *
 * <p>Exit codes: 0 success; 1 an unexpected error (a bug) or a failed gradient check; 2 bad usage, an invalid
 * experiment, unreadable data, model or run files, a missing file, a file that cannot be written, or an
 * experiment too large for the JVM's memory; 3 training diverged; 130 and 143 (the JVM's own, after SIGINT and
 * SIGTERM) a training run stopped by Ctrl-C or {@code kill}.
 */
public final class Main {
  /** Success. */
  public static final int OK = 0;
  /** An unexpected error, which is a bug; also a gradient check that failed. */
  public static final int FAILED = 1;
  /** Bad usage, configuration, data, model file, run directory, or a missing file. */
  public static final int BAD_INPUT = 2;
  /** Training diverged: the loss became NaN or infinite. */
  public static final int DIVERGED = 3;
  /**
   * Training stopped because Ctrl-C or SIGTERM stopped the JVM. {@link #main} does not exit with it: the JVM ends
   * with the signal's own status (130 or 143) once its shutdown hooks are done.
   */
  public static final int INTERRUPTED = 130;

  static {
    // Guice's generated fast classes are defined through sun.misc.Unsafe, for which Java 24 and later print four
    // warnings on stderr at every run; nn uses no method interception, and reflection builds its few objects as
    // well. Guice reads the flag once, when it first loads; a value the user set is kept. Set here, in the command's
    // own JVM, not in nn-core: an application that embeds nn may use Guice's interception for its own objects.
    if (System.getProperty("guice_bytecode_gen_option") == null) {
      System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }
  }

  private Main() {}

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    exitAfter(args, false);
  }

  /**
   * {@code nn train} with {@code trainArguments} under a cluster's {@code spark-submit}, and exits the JVM with its
   * exit code. An experiment without a {@code distributed} section is refused (exit 2): nn would train it in the
   * driver alone, while the cluster's executors sat idle.
   */
  public static void trainOnCluster(String[] trainArguments) {
    String[] train = new String[trainArguments.length + 1];
    train[0] = "train";
    System.arraycopy(trainArguments, 0, train, 1, trainArguments.length);
    exitAfter(train, true);
  }

  private static void exitAfter(String[] args, boolean clusterOnly) {
    // UTF-8 whatever the locale: messages and reports contain characters such as "—" and "²"
    WatchedOutput stdout = new WatchedOutput(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    // unbuffered below the print stream's own encoder, as System.out flushes every write: progress lines end in \r
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    LauncherWatch.watchOwnLauncher(System.getenv());
    Map<String, String> env = System.getenv();
    boolean errTerminal = Terminal.stderrIsTerminal(env);
    int status = run(args, out, err, env, Terminal.stdoutIsTerminal(), errTerminal, clusterOnly);
    out.flush();
    java.util.Optional<String> incomplete = stdout.incomplete();
    if (incomplete.isPresent()) {
      // a file that cannot be written, as for any other output: the user can fix it
      String message = "nn: cannot write to standard output: " + incomplete.get() + "; what the command printed there"
          + " is incomplete";
      // folded as every message on a terminal is
      err.println(errTerminal ? TerminalText.wrap(message, Terminal.columns(env)) : message);
      status = status == 0 ? BAD_INPUT : status;
    }
    err.flush();
    if (JvmShutdown.inProgress()) {
      // Ctrl-C or SIGTERM: the hooks say so, and the JVM exits with the signal's status once they are done
      JvmShutdown.awaitEnd();
    }
    System.exit(status);
  }

  /**
   * Runs one command line in this JVM, printing to {@code out} and {@code err}, and returns its exit code;
   * never calls {@link System#exit}. Progress is drawn as a bar when this JVM's standard output is a terminal.
   *
   * @param env the environment, read for {@code NN_PLUGIN_PATH} and {@code NN_LOG}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, env, Terminal.stdoutIsTerminal());
  }

  /** As {@link #run(String[], PrintStream, PrintStream, Map)}, saying whether {@code out} is a terminal. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
    return run(args, out, err, env, terminal, false);
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream, Map, boolean)}, with {@code err} a terminal when {@code out}
   * is; {@code clusterOnly} as in {@link #trainOnCluster}.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
      boolean clusterOnly) {
    return run(args, out, err, env, terminal, terminal, clusterOnly);
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream, Map, boolean, boolean)}, saying whether {@code err} is a
   * terminal.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
      boolean errTerminal, boolean clusterOnly) {
    // nn's own process ends while it trains only by a signal (its launcher's death is told apart as it happens)
    dev.nn.core.run.RunDirectory.processStopping(dev.nn.core.run.RunDirectory.BY_SIGNAL);
    for (int i = 0; i < args.length; i++) {
      if (args[i].indexOf(UNDECODABLE) >= 0) {
        err.println(undecodable(args[i], i == 0 ? null : args[i - 1]));
        return BAD_INPUT;
      }
    }
    if (!workingFolderNamed()) {
      err.println("nn: the current folder's name holds characters that are not " + Failures.fileNameEncoding()
          + " text, the encoding of file names in this locale, so nn cannot name a file in it: run nn in a UTF-8"
          + " locale (e.g. LC_ALL=C.UTF-8), or from another folder; nothing was done");
      return BAD_INPUT;
    }
    PathArgument.forget();
    NnCommand root = new NnCommand(out, err, env, terminal, List.of(args));
    root.errorsToTerminal(errTerminal);
    if (clusterOnly) {
      root.trainOnClusterOnly();
    }
    CliLogging logging = CliLogging.install(List.of(args), env, err);
    try {
      return root.commandLine().execute(args);
    } catch (RuntimeException | Error e) {
      // picocli passes exceptions from commands to the handler; this catches what escapes it, an Error a
      // plugin threw (an assertion, a missing class) among them, which is blamed on it as an exception is
      return Failures.report(root.blamed(e), err, root.debug(), root::fittedErr);
    } finally {
      logging.close();
    }
  }

  /**
   * Whether the JVM could name the working folder: where file names are not UTF-8 (a C locale), a folder named
   * "café" is known to it as "caf??", a path that does not exist, and every relative path fails.
   */
  private static boolean workingFolderNamed() {
    if (Failures.fileNamesInUtf8()) {
      return true;
    }
    try {
      return java.nio.file.Files.isDirectory(java.nio.file.Path.of(System.getProperty("user.dir", ".")));
    } catch (RuntimeException unnamed) {
      return false;
    }
  }

  /** The options whose values are an experiment's text, not a file's name. */
  private static final List<String> TEXT_OPTIONS = List.of("--set", "--sweep");

  /** What the JVM makes of bytes of an argument that are not text in the locale's encoding. */
  private static final char UNDECODABLE = '\uFFFD';

  /**
   * An argument holding bytes that are not text in the file-name encoding: the JVM has replaced them with U+FFFD
   * before nn sees them, so a file of that name could be neither read nor written (an output would be written
   * under the replaced name, over whatever is there), and nothing is done.
   */
  static String undecodable(String arg, String before) {
    String encoding = Failures.fileNameEncoding();
    boolean utf8 = Failures.fileNamesInUtf8();
    // a --set or --sweep names a key and its values, not a file
    String option = TEXT_OPTIONS.stream().filter(o -> o.equals(before) || arg.startsWith(o + "=")).findFirst()
        .orElse(null);
    if (option != null && utf8) {
      return "nn: the " + option + " value \"" + dev.nn.core.text.ControlCharacters.escape(arg.startsWith(option + "=")
          ? arg.substring(option.length() + 1) : arg) + "\" holds bytes that are not UTF-8 text (shown as \uFFFD): an"
          + " experiment's keys and values are UTF-8 text, so write it in UTF-8; nothing was done";
    }
    return "nn: the argument \"" + dev.nn.core.text.ControlCharacters.escape(arg) + "\" holds bytes that are not "
        + (utf8 ? "UTF-8 text (shown as \uFFFD), so nn cannot name the file it means: rename the file"
            : encoding + " text (shown as \uFFFD), the encoding of file names in this locale: run nn in a UTF-8 locale"
                + " (e.g. LC_ALL=C.UTF-8)") + "; nothing was done";
  }

}
