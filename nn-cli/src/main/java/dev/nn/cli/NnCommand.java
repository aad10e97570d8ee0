package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingInterruptedException;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code nn} command: the options every subcommand accepts, and what the subcommands share
 * (the output streams, the environment and one {@link Nn} with the plugin path).
 */
@Command(name = "nn", mixinStandardHelpOptions = true, versionProvider = NnCommand.Version.class,
    description = "Trains feed-forward neural networks by SGD and backpropagation, as YAML experiments,"
        + " and uses the models they produce.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:an unexpected error, which is a bug (run with --debug for the stack trace); also a gradient"
            + " check that failed",
        "2:bad usage, an invalid experiment, unreadable data, model file or run directory, a missing file, a"
            + " plugin path entry that is not a whole jar, a plugin whose own code failed, a file that cannot be"
            + " written, or an experiment too large for the JVM's memory",
        "3:training diverged (a loss became NaN or infinite, or grew a thousandfold); earlier checkpoints are kept",
        "129:stopped by SIGHUP (its terminal closed)",
        "130:stopped by Ctrl-C (nn train says how to resume)",
        "143:stopped by SIGTERM (nn train says how to resume)"},
    // lines of their own, each under 80 columns: picocli would wrap a long one without its indent
    footer = {"%nEnvironment:",
        "  NN_PLUGIN_PATH  plugin jars or directories, as for --plugin-path",
        "  NN_LOG          debug, info, warning or off: print nn's log records of that",
        "                  level and above on stderr (default: none; --debug: debug)",
        "  NN_JAVA_OPTS    options for the JVM the nn script starts, e.g. -Xmx8g",
        "  NN_VECTOR       off: the script runs Java without the Vector API: plain loops",
        "  NN_SPARK        on: the script runs nn with nn-spark (built once, with Spark)",
        "  NN_SPARK_LOG    a log4j2 configuration for Spark's own log (default: off)",
        "%nRun 'nn help COMMAND' (or 'nn COMMAND --help') for a command's options.",
        "Documentation: docs/cli.md"})
final class NnCommand implements Callable<Integer> {
  private static final Pattern PATH_SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));
  /**
   * Terminals narrower than this get help laid out by {@link NarrowText}: picocli's two columns need 55 at least, and
   * below 80 its hand-written lines (the train command's usage, the environment's list) are broken inside words.
   */
  static final int NARROW_HELP = 80;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final boolean terminal;
  /** Whether standard error is a terminal: as standard output unless told ({@link #errorsToTerminal}). */
  private boolean errTerminal;
  private final List<String> arguments;
  private Nn nn;

  @Spec
  CommandSpec spec;

  private boolean debug;
  private final Set<String> pluginPath = new LinkedHashSet<>();
  /** Set under spark-submit: an experiment must say how it trains on the cluster. */
  private boolean clusterOnly;
  private List<Path> recordedPluginPath = List.of();

  // Setters rather than fields: an inherited option is reset when a subcommand's parsing starts, and a
  // setter can keep what was given before the subcommand's name as well as after it.

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error, not only its message.")
  void debug(boolean on) {
    debug |= on;
  }

  @Option(names = "--plugin-path", scope = ScopeType.INHERIT, paramLabel = "DIR_OR_JAR",
      description = "A plugin jar, or a directory whose jars are all loaded; repeatable, and split on '"
          + "${sys:path.separator}'. Adds to NN_PLUGIN_PATH.")
  void pluginPath(List<String> entries) {
    // called with the entries given so far, so each one arrives several times
    if (entries != null) {
      pluginPath.addAll(entries);
    }
  }

  NnCommand(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, List<String> arguments) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.terminal = terminal;
    this.errTerminal = terminal;
    this.arguments = List.copyOf(arguments);
  }

  /** The command line {@link #commandLine} built last, whose parse names the command that ran. */
  private CommandLine built;

  /** The command line with every subcommand and the handlers that turn errors into exit codes. */
  CommandLine commandLine() {
    CommandLine cl = new CommandLine(this)
        .addSubcommand(new TrainCommand(this))
        .addSubcommand(new EvaluateCommand(this))
        .addSubcommand(new PredictCommand(this))
        .addSubcommand(new ExportCommand(this))
        .addSubcommand(new PluginsCommand(this))
        .addSubcommand(new ValidateCommand(this))
        .addSubcommand(new GradcheckCommand(this))
        .addSubcommand(new LrFindCommand(this))
        .addSubcommand(new BenchCommand(this))
        .addSubcommand(new StabilityCommand(this))
        .addSubcommand(new RunsCommand(this))
        .addSubcommand(new CompareCommand(this))
        .addSubcommand(new CompletionCommand(this))
        .addSubcommand(new CommandLine.HelpCommand());
    // every command's --version (which picocli's standard options give each) says what nn --version says
    Version version = new Version();
    cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
    // after the subcommands: picocli gives a converter to the commands that exist when it is registered
    cl.registerConverter(Path.class, new PathArgument());
    int columns = terminal ? Terminal.columns(env) : Integer.MAX_VALUE;
    // narrower than two columns of help read well, picocli's lines are laid out again, never broken inside a word
    cl.setOut(columns < NARROW_HELP ? new PrintWriter(new NarrowText(new java.io.OutputStreamWriter(out,
        StandardCharsets.UTF_8), columns), true) : new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(NnCommand::badUsage);
    cl.setExecutionStrategy(new KnownCommandsOnly());
    // every command's, the subcommands' too: their usage lines are broken at spaces only
    cl.setHelpFactory(WholeWordHelp.FACTORY);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(colours(terminal) ? CommandLine.Help.Ansi.ON
        : CommandLine.Help.Ansi.OFF));
    if (terminal) {
      // help as wide as the terminal, up to what still reads as prose (100); narrower than NARROW_HELP, written for
      // 100 and laid out again by NarrowText
      cl.setUsageHelpWidth(columns < NARROW_HELP ? 100 : Math.min(100, columns));
    }
    cl.setExecutionExceptionHandler(
        (e, command, parsed) -> Failures.report(pluginFailureOr(e, command.getCommandName()), err, debug,
            this::fittedErr));
    built = cl;
    return cl;
  }

  /**
   * Whether help printed to a stream is coloured: when the stream is a terminal that is not a dumb one (Emacs's
   * shell, some IDE consoles print the escape codes), unless NO_COLOR asks for none: set and not empty, as
   * no-color.org has it.
   */
  private boolean colours(boolean toTerminal) {
    String noColor = env.get("NO_COLOR");
    return toTerminal && !"dumb".equals(env.get("TERM")) && (noColor == null || noColor.isEmpty());
  }

  /** Says whether standard error is a terminal, where messages are folded to its width ({@link #fittedErr}). */
  void errorsToTerminal(boolean errTerminal) {
    this.errTerminal = errTerminal;
  }

  /**
   * {@code text} as standard error should show it: on a terminal each line longer than it broken at spaces, never
   * inside a word, a path or a number ({@link TerminalText#wrap}; "Allowed: …" lines keep their indent), so that a
   * key or a plugin's name is not cut in two; elsewhere as it is, one line per message for logs.
   */
  String fittedErr(String text) {
    return errTerminal ? TerminalText.wrapLines(text, terminalColumns()) : text;
  }

  /** Without a command: a usage error, which names the commands. */
  @Override
  public Integer call() {
    err.println(fittedErr("nn: a command is required; commands: " + String.join(", ",
        UsageError.commands(spec.commandLine())) + "; see nn --help"));
    return Main.BAD_INPUT;
  }

  /** Whether {@code name} names a file or folder here; false for a name no path can take. */
  private static boolean existsQuietly(String name) {
    try {
      return java.nio.file.Files.exists(java.nio.file.Path.of(name));
    } catch (RuntimeException notAPath) {
      return false;
    }
  }

  /** A usage error: one line ({@link UsageError}), and how to give a file whose name reads as an option. */
  private static int badUsage(CommandLine.ParameterException thrown, String[] args) {
    CommandLine.ParameterException e = UsageError.unknownOptionFirst(thrown, args);
    CommandLine cl = e.getCommandLine();
    PrintWriter w = cl.getErr();
    NnCommand root = (NnCommand) cl.getCommandSpec().root().userObject();
    w.println(root.fittedErr(UsageError.line(e)));
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      for (String arg : unmatched.getUnmatched()) {
        if (arg.startsWith("-") && !arg.equals("-") && existsQuietly(arg)) {
          // a file whose name starts with a dash reads as an option
          w.println(root.fittedErr("nn: " + arg + " is also a file here: to give it, write ./" + arg));
        }
      }
    }
    w.flush();
    return Main.BAD_INPUT;
  }

  /** What escaped the command's handler (an Error), as the failure of the plugin whose code threw it when one did. */
  Throwable blamed(Throwable thrown) {
    CommandLine.ParseResult parsed = built == null ? null : built.getParseResult();
    String command = parsed != null && parsed.subcommand() != null ? parsed.subcommand().commandSpec().name() : "";
    return pluginFailureOr(thrown, command);
  }

  /**
   * {@code thrown} as the failure of the plugin whose code threw it, when one did: the steps that run outside
   * {@link Nn}'s own methods (a gradient check's, a benchmark's) call plugins too.
   */
  private Throwable pluginFailureOr(Throwable thrown, String command) {
    if (nn == null || thrown instanceof TrainingInterruptedException) {
      return thrown;
    }
    if (thrown instanceof KeptRunFailure kept && kept.getCause() != null) {
      Throwable cause = kept.getCause();
      // the failure is blamed as any other; the line about the kept run still follows it
      return kept.about(pluginFailureOr(cause, command));
    }
    return nn.plugins().blame(thrown, "while running nn " + command).<Throwable>map(f -> f).orElse(thrown);
  }

  /** From now on {@code nn train} refuses an experiment without a {@code distributed} section. */
  void trainOnClusterOnly() {
    clusterOnly = true;
  }

  /** Whether {@code nn train} refuses an experiment without a {@code distributed} section. */
  boolean clusterOnly() {
    return clusterOnly;
  }

  /** Whether stack traces are wanted. */
  boolean debug() {
    return debug;
  }

  /** Where results go. */
  PrintStream out() {
    return out;
  }

  /** Where warnings go. */
  PrintStream err() {
    return err;
  }

  /** Whether {@link #out()} is a terminal, where progress may be drawn in place. */
  boolean terminal() {
    return terminal;
  }

  /**
   * Whether progress may be redrawn in place: on a terminal other than a dumb one ({@code TERM=dumb}: Emacs's
   * shell, some IDE consoles), which shows a carriage return and an erase as characters.
   */
  boolean drawsInPlace() {
    return terminal && !"dumb".equals(env.get("TERM"));
  }

  /**
   * Whether a line of {@link #err()} may be erased in place (the ^C a terminal echoed, before a stop's message): on a
   * terminal that draws in place, when standard error is that terminal too; a log it is redirected to gets no escape
   * codes.
   */
  boolean errDrawsInPlace() {
    return drawsInPlace() && errTerminal;
  }

  /**
   * {@code text} as a terminal should show it: each line longer than the terminal broken where it has room to be
   * ({@link TerminalText#wrap}), never inside a word or number, the parts after the first indented; printed
   * elsewhere, as it is.
   */
  String fitted(String text) {
    return terminal ? TerminalText.wrapLines(text, terminalColumns()) : text;
  }

  /** The environment the command runs in. */
  Map<String, String> env() {
    return env;
  }

  /** The terminal's width in columns (see {@link Terminal#columns}). */
  int terminalColumns() {
    return Terminal.columns(env);
  }

  /** A progress line on standard output, for this terminal's width and its way with resized lines. */
  ProgressBar progressBar() {
    return new ProgressBar(out, this::terminalColumns, Terminal.rewrapsLines(env));
  }

  /** The command line as given, for provenance. */
  List<String> commandLineForProvenance() {
    List<String> all = new ArrayList<>();
    all.add("nn");
    all.addAll(arguments);
    return all;
  }

  /**
   * nn with the built-in plugins and those of NN_PLUGIN_PATH and --plugin-path, created once; a provider that
   * failed to load is named in a warning, so that a jar on the path never loses a plugin without a word.
   */
  Nn nn() {
    return nn(true);
  }

  /**
   * As {@link #nn()}.
   *
   * @param warnOfFailedProviders false for a command that reports the providers that failed to load itself
   */
  Nn nn(boolean warnOfFailedProviders) {
    if (nn == null) {
      refuseMissingEnvironmentEntries();
      nn = Nn.withPluginPath(pluginPathEntries());
      // once the path is usable: an error about it says all there is
      for (String notice : nn.plugins().pluginPathWarnings()) {
        err.println(fittedErr("nn: warning: " + notice));
      }
      if (warnOfFailedProviders && !nn.plugins().failures().isEmpty()) {
        for (String failure : nn.plugins().failures()) {
          err.println(fittedErr("nn: warning: " + failure));
        }
        // said once: a report of an unknown plugin name points at these warnings rather than repeating them
        nn = Nn.withPlugins(nn.plugins().withFailuresShown());
      }
    }
    return nn;
  }

  /**
   * Names NN_PLUGIN_PATH when one of its entries does not exist: the variable is set far from the command
   * line (a shell profile, a job script), so a message naming the entry alone sends the user looking at the
   * command they typed.
   */
  private void refuseMissingEnvironmentEntries() {
    List<String> missing = missing(env.get(Nn.PLUGIN_PATH_ENV));
    if (!missing.isEmpty()) {
      // the command line's missing entries too: fixing the variable must not only uncover the next error
      List<String> alsoMissing = new ArrayList<>();
      for (String given : pluginPath) {
        alsoMissing.addAll(missing(given));
      }
      throw new CommandFailure("nn: " + String.join(", ", missing) + ": " + (missing.size() == 1 ? "does" : "do")
          + " not exist; named by the environment variable " + Nn.PLUGIN_PATH_ENV + " ('"
          + Printable.of(env.get(Nn.PLUGIN_PATH_ENV)) + "'); give it existing jars or directories, separated by '"
          + File.pathSeparator + "', or unset it" + (alsoMissing.isEmpty() ? "" : "; and " + String.join(", ",
              alsoMissing) + (alsoMissing.size() == 1 ? " does" : " do") + " not exist, named by --plugin-path"));
    }
  }

  /** The entries of one plugin path as given ({@code null}: none) that do not exist, as messages show them. */
  private static List<String> missing(String path) {
    List<String> missing = new ArrayList<>();
    for (Path entry : entries(path)) {
      if (!Files.exists(entry)) {
        missing.add(Printable.of(entry.toString()));
      }
    }
    return missing;
  }

  /** The entries of one plugin path as given ({@code null}: none), split on the path separator, blanks left out. */
  private static List<Path> entries(String path) {
    List<Path> entries = new ArrayList<>();
    if (path != null) {
      for (String part : PATH_SEPARATOR.split(path)) {
        if (!part.isBlank()) {
          entries.add(Path.of(part.strip()));
        }
      }
    }
    return entries;
  }

  /**
   * NN_PLUGIN_PATH's entries, then those of every --plugin-path, each split on the path separator; an entry
   * given twice counts once, so that a jar is never loaded twice.
   */
  List<Path> pluginPathEntries() {
    List<String> raw = new ArrayList<>();
    String fromEnv = env.get(Nn.PLUGIN_PATH_ENV);
    if (fromEnv != null) {
      raw.add(fromEnv);
    }
    raw.addAll(pluginPath);
    if (raw.isEmpty()) {
      return new ArrayList<>(recordedPluginPath);
    }
    Set<Path> entries = new LinkedHashSet<>();
    for (String r : raw) {
      entries.addAll(entries(r));
    }
    return new ArrayList<>(entries);
  }

  /**
   * Uses {@code entries} as the plugin path when neither NN_PLUGIN_PATH nor --plugin-path gives one: the path
   * a resumed run recorded. Called before {@link #nn()} creates nn.
   */
  void pluginPathIfNoneGiven(List<Path> entries) {
    recordedPluginPath = List.copyOf(entries);
  }

  /** {@code nn --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nn " + Nn.version(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
