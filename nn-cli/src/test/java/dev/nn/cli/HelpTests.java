package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpTests {

  @Test
  void theTopLevelHelpListsEveryCommandAndTheExitCodes() {
    Cli.Outcome o = Cli.run("--help");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("Usage: nn [-hV] [--debug] [--plugin-path=DIR_OR_JAR]... COMMAND\n"), o.out());
    for (String command : List.of("train", "evaluate", "predict", "export", "plugins", "validate", "gradcheck")) {
      assertTrue(o.out().contains("\n  " + command + " "), command + " listed:\n" + o.out());
    }
    assertTrue(o.out().contains("Exit codes:\n  0     success\n  1     an unexpected error"), o.out());
    assertTrue(o.out().contains("\n  2     bad usage"), o.out());
    assertTrue(o.out().contains("\n  3     training diverged"), o.out());
    assertTrue(o.out().contains("\n  130   stopped by Ctrl-C"), o.out());
    for (String variable : List.of("NN_PLUGIN_PATH", "NN_LOG", "NN_JAVA_OPTS", "NN_VECTOR")) {
      assertTrue(o.out().contains("\n  " + variable + " "), o.out());
    }
    assertEquals("", o.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "evaluate", "predict", "export", "plugins", "validate", "gradcheck"})
  void everyCommandHasHelpWithItsUsageAndTheGlobalOptions(String command) {
    Cli.Outcome o = Cli.run(command, "--help");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("Usage: nn " + command), o.out());
    assertTrue(o.out().contains("--debug"), o.out());
    assertTrue(o.out().contains("--plugin-path=DIR_OR_JAR"), o.out());
    assertTrue(o.out().contains("Exit codes: 0 "), o.out());
    assertEquals("", o.err());
  }

  /** An 80-column terminal shows every help page without a wrapped line. */
  @ParameterizedTest
  @ValueSource(strings = {"", "train", "evaluate", "predict", "export", "plugins", "validate", "gradcheck", "lr-find",
      "bench", "stability", "runs", "compare", "completion"})
  void everyHelpPageFitsEightyColumns(String command) {
    Cli.Outcome o = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertEquals(0, o.code(), o.describe());
    o.out().lines().forEach(line -> assertTrue(line.length() <= 80, line.length() + ": " + line));
  }

  @Test
  void gradcheckHelpSaysThatAFailedCheckExitsWith1() {
    assertTrue(Cli.run("gradcheck", "--help").out().contains("1 it failed"));
  }

  @Test
  void noCommandOrAnUnknownOneIsBadUsage() {
    Cli.Outcome none = Cli.run();
    assertEquals(2, none.code(), none.describe());
    assertEquals("nn: a command is required; commands: " + COMMANDS + "; see nn --help\n", none.err());
    Cli.Outcome typo = Cli.run("trian", "x.yaml");
    assertEquals(2, typo.code(), typo.describe());
    assertEquals("nn: unknown command \"trian\"; did you mean train? Commands: " + COMMANDS + "\n", typo.err());
    Cli.Outcome option = Cli.run("train", "--epochs", "3");
    assertEquals(2, option.code(), option.describe());
    assertEquals("nn: unknown option '--epochs' (an experiment's keys are given as --set KEY.PATH=VALUE, e.g. --set"
        + " training.epochs=3); see nn train --help\n", option.err());
  }

  private static final String COMMANDS = "train, evaluate, predict, export, plugins, validate, gradcheck, lr-find, bench,"
      + " stability, runs, compare, completion, help";

  /**
   * A word where a command's name goes that names none is refused in the same words wherever it stands: alone, beside
   * --help (which printed nn's help with exit 0, as if "report" were a command) and after help (which picocli refused
   * in words of its own).
   */
  @Test
  void anUnknownCommandIsTheSameErrorWithHelpAndAfterHelp() {
    String expected = "nn: unknown command \"report\"; did you mean export or compare? Commands: " + COMMANDS + "\n";
    for (String[] args : List.of(new String[] {"report", "runs/x"}, new String[] {"report", "--help"},
        new String[] {"help", "report"}, new String[] {"--debug", "report", "-h"})) {
      Cli.Outcome o = Cli.run(args);
      assertEquals(2, o.code(), String.join(" ", args) + ": " + o.describe());
      assertEquals("", o.out(), String.join(" ", args));
      assertEquals(expected, o.err(), String.join(" ", args));
    }
    Cli.Outcome unlike = Cli.run("help", "zzz");
    assertEquals("nn: unknown command \"zzz\"; commands: " + COMMANDS + "\n", unlike.err(), unlike.describe());
    assertEquals(Cli.run("train", "--help").out(), Cli.run("help", "train").out());
  }

  /**
   * Every usage error is one line, "nn: " and what is wrong, then where the options are told, whichever command and
   * whether picocli or the command found it: some printed six lines of usage under the message, others none, and
   * nn bench's began "nn bench:".
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "train|train {xor} --folds 1|--folds must be from 2 to 100, found 1",
      "train|train {xor} --epochs 3|unknown option '--epochs' (an experiment's keys are given as --set KEY.PATH=VALUE,"
          + " e.g. --set training.epochs=3)",
      "train|train|missing required parameter: 'EXPERIMENT.yaml' (or --resume RUN_DIR)",
      "lr-find|lr-find {xor} --updates 1|--updates must be >= 2, found 1",
      "lr-find|lr-find {xor} --from 1 --to 0.1|--from and --to must be finite with 0 < --from < --to, found 1.0 and 0.1",
      "gradcheck|gradcheck {xor} --samples 0|--samples must be >= 1, found 0",
      "runs|runs --sort bogus|--sort: \"bogus\" is not a field; expected one of name, status, started, val, test (with a"
          + " leading '-' for descending order)",
      "bench|bench --repetitions 0|--repetitions must be >= 1, found 0",
      "bench|bench --seconds 0|--seconds must be > 0, found 0.0",
      "evaluate|evaluate m.nnm --data d.csv --importance=0|--importance takes 1 to 1000 shuffles, found 0",
      "stability|stability {xor} --replace-with other|--replace-with must be held-out or self, found \"other\"",
      "validate|validate {xor} --folds 2|unknown option '--folds' (an experiment's keys are given as --set"
          + " KEY.PATH=VALUE, e.g. --set training.epochs=3)",
      "predict|predict m.nnm --input x --output y --bogus|unknown option '--bogus'",
      "predict|predict|missing required parameter: 'MODEL'",
      "validate|validate {xor} extra|one argument more than the command takes: 'extra'",
      "predict|predict m.nnm b c --input x --output y|arguments more than the command takes: 'b', 'c'",
      "evaluate|evaluate m.nnm --dat d.csv|unknown option '--dat' (did you mean --data?)",
      "evaluate|evaluate m.nnm --input=d.csv|unknown option '--input=d.csv'",
      "predict|predict m.nnm --separator ; --inptu x.csv|unknown option '--inptu' (did you mean --input?)",
      "export|export m.nnm --debug --fromat onnx|unknown option '--fromat' (did you mean --format?)",
      "predict|predict m.nnm --input -1|missing required option: '--output=CSV'",
      "train|train {xor} --pp x|unknown option '--pp' (did you mean --plugin-path?)",
      "train|train {xor} --training.epochs=3|unknown option '--training.epochs=3' (an experiment's keys are given with"
          + " --set: --set training.epochs=3)",
      "train|train {xor} --training.epochs 3|unknown option '--training.epochs' (an experiment's keys are given with"
          + " --set: --set training.epochs=3)",
      "validate|validate {xor} --network.layers[1].units=8|unknown option '--network.layers[1].units=8' (an"
          + " experiment's keys are given with --set: --set network.layers[1].units=8)",
      "train|train {xor} --epochs=3|unknown option '--epochs=3' (an experiment's keys are given as --set"
          + " KEY.PATH=VALUE, e.g. --set training.epochs=3)",
      "train|train -data.csv|unknown option '-data.csv'"})
  void everyUsageErrorIsOneLineThatSaysWhereTheOptionsAre(String command, String line, String message) {
    Cli.Outcome o = Cli.run(line.replace("{xor}", Cli.XOR).split(" "));
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + message + "; see nn " + command + " --help\n", o.err());
  }

  /**
   * The usage line is broken only at spaces, at every width, for every command: picocli broke it after a '.' inside
   * a word, so that at 80 columns "[--set=KEY.PATH=VALUE]..." stood as "[--set=KEY." and "PATH=VALUE]...". Each part
   * of a usage line at each width is one of its parts at any other, and opens as many brackets as it closes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "train", "evaluate", "predict", "export", "plugins", "validate", "gradcheck", "lr-find",
      "bench", "stability", "runs", "compare", "completion", "help"})
  void everyUsageLineKeepsItsPartsWholeAtEveryWidth(String command) {
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    String piped = help(java.util.Map.of(), false, args);
    List<String> parts = usageParts(piped);
    for (int width : new int[] {40, 60, 79, 80, 81, 87, 90, 95, 100, 132}) {
      String help = help(java.util.Map.of("COLUMNS", Integer.toString(width), "NO_COLOR", "1"), true, args);
      assertEquals(parts, usageParts(help), command + " at " + width + ":\n" + help);
    }
  }

  /**
   * A command's description and footer are broken only at spaces, at every width, as its usage is: "stability.html"
   * came out as "stability." and "html.", a path after "~/." on the next line. No word of them piped (80 columns) is
   * split between two lines at any width. (The list of options is picocli's table, which may still break after a '.'.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"train", "evaluate", "predict", "export", "plugins", "validate", "gradcheck", "lr-find",
      "bench", "stability", "runs", "compare", "completion"})
  void noWordIsSplitBetweenLinesAtAnyWidth(String command) {
    // the description, the footer, and the table of options (picocli broke "provenance.yaml" after its '.' at 81)
    java.util.Set<String> words = new java.util.HashSet<>(java.util.Arrays.asList(
        help(java.util.Map.of(), false, command, "--help").split("\\s+")));
    for (int width : new int[] {40, 60, 79, 80, 81, 99, 132}) {
      String help = help(java.util.Map.of("COLUMNS", Integer.toString(width), "NO_COLOR", "1"), true, command,
          "--help");
      List<String> lines = help.lines().toList();
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i + 1).trim().startsWith("-") || lines.get(i + 1).trim().startsWith("[")) {
          continue; // an option or a parameter of the table begins: no word goes on there
        }
        String[] here = lines.get(i).trim().split("\\s+");
        String[] next = lines.get(i + 1).trim().split("\\s+");
        String joined = here[here.length - 1] + next[0];
        // a word wider than the terminal is broken where it must be (after a '/')
        boolean bothWords = !here[here.length - 1].isEmpty() && !next[0].isEmpty()
            && here[here.length - 1].length() + next[0].length() < width - 1;
        assertFalse(bothWords && joined.length() > 3 && words.contains(joined) && !words.contains(next[0]),
            command + " at " + width + " splits \"" + joined + "\" after line " + (i + 1) + ":\n" + help);
      }
    }
  }

  /**
   * The parts of a help page's usage: its "Usage:" line and the indented lines after it, each line's brackets
   * closed on it; a part too wide for any line, broken after a ',' or '|' (as cli.md allows), joined again.
   */
  private static List<String> usageParts(String help) {
    List<String> lines = help.lines().toList();
    int start = 0;
    while (!lines.get(start).startsWith("Usage: ")) {
      start++;
    }
    List<String> parts = new java.util.ArrayList<>();
    String open = "";
    // a line, or the lines a part too wide for one spans
    StringBuilder lineOfParts = new StringBuilder();
    // the usage goes on until the description, which starts with a capital letter
    for (int i = start; i == start || i < lines.size() && !lines.get(i).isEmpty()
        && !Character.isUpperCase(lines.get(i).charAt(0)); i++) {
      String line = lines.get(i);
      for (String word : line.trim().split(" +")) {
        String whole = open + word;
        open = whole.matches(".*[,|]") ? whole : "";
        if (open.isEmpty()) {
          parts.add(whole);
        }
      }
      lineOfParts.append(line);
      if (open.isEmpty()) {
        String joined = lineOfParts.toString();
        assertEquals(joined.chars().filter(c -> c == '[').count(), joined.chars().filter(c -> c == ']').count(),
            "brackets closed on the line: " + joined);
        lineOfParts.setLength(0);
      }
    }
    return parts;
  }

  @Test
  void versionNamesNnAndJava() {
    Cli.Outcome o = Cli.run("--version");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("nn "), o.out());
    assertTrue(o.out().contains("\nJava " + System.getProperty("java.version")), o.out());
  }

  /** The option every command's help lists says the same after the command's name as before it. */
  @Test
  void versionAfterAnyCommandSaysWhatItSaysBeforeIt() {
    String before = Cli.run("--version").out();
    for (String command : List.of("train", "validate", "evaluate", "predict", "export", "plugins", "runs",
        "compare", "gradcheck", "lr-find", "stability", "bench", "completion")) {
      for (String option : List.of("--version", "-V")) {
        Cli.Outcome o = Cli.run(command, option);
        assertEquals(0, o.code(), command + " " + option + ": " + o.describe());
        assertEquals(before, o.out(), command + " " + option);
      }
    }
  }

  /**
   * Help is coloured on a terminal that shows colours, and plain on a dumb one (TERM=dumb: Emacs's shell), with
   * NO_COLOR set, or in a file.
   */
  @Test
  void helpIsColouredOnlyWhereColoursShow() {
    assertTrue(help(java.util.Map.of("TERM", "xterm-256color"), true).contains("\u001B["), "a colour terminal");
    for (java.util.Map<String, String> env : List.of(java.util.Map.of("TERM", "dumb"),
        java.util.Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))) {
      String plain = help(env, true);
      assertTrue(plain.startsWith("Usage: nn [-hV] [--debug]"), env + ": " + plain);
      assertTrue(!plain.contains("\u001B"), env + ": " + plain);
    }
    assertTrue(!help(java.util.Map.of("TERM", "xterm-256color"), false).contains("\u001B"), "a file");
    // no-color.org: set but empty asks for nothing
    assertTrue(help(java.util.Map.of("TERM", "xterm-256color", "NO_COLOR", ""), true).contains("\u001B["),
        "NO_COLOR empty");
  }

  /** On a terminal help is as wide as it, from 55 columns to 100; elsewhere 80. */
  @Test
  void helpIsAsWideAsTheTerminalWithinReason() {
    int narrow = help(java.util.Map.of("COLUMNS", "60", "NO_COLOR", "1"), true).lines().mapToInt(String::length)
        .max().orElseThrow();
    assertTrue(narrow <= 60, "at 60 columns: " + narrow);
    String wide = help(java.util.Map.of("COLUMNS", "200", "NO_COLOR", "1"), true);
    int widest = wide.lines().mapToInt(String::length).max().orElseThrow();
    assertTrue(widest > 80 && widest <= 100, "at 200 columns: " + widest + "\n" + wide);
    int file = help(java.util.Map.of("COLUMNS", "200"), false).lines().mapToInt(String::length).max().orElseThrow();
    assertTrue(file <= 80, "in a file: " + file);
  }

  /**
   * Narrower than 80 columns, help is laid out again from picocli's 100-column layout (picocli's own below 80 broke
   * "KEY.PATH" and hand-written lines inside words, and below 55 the lines were broken one by one, leaving indents of
   * 2 to 26 spaces and lines wider than the terminal): at 30, 40, 60 and 79 columns, every line of every help page
   * fits, and its words are those at 100, a word too wide for any line broken only after a ',', '|' or '/'; colours or
   * not.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "train", "predict", "evaluate", "export", "runs", "compare", "bench", "gradcheck",
      "lr-find", "stability", "validate", "plugins", "completion"})
  void onANarrowTerminalHelpFitsAndNoWordIsCut(String command) {
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    List<String> words = List.of(help(java.util.Map.of("COLUMNS", "100", "NO_COLOR", "1"), true, args).trim()
        .split("\\s+"));
    for (String width : List.of("30", "40", "60", "79")) {
      String narrow = help(java.util.Map.of("COLUMNS", width, "NO_COLOR", "1"), true, args);
      narrow.lines().forEach(l -> assertTrue(TerminalText.width(l) < Integer.parseInt(width), width + ": " + l));
      // the pieces of a broken word joined again
      List<String> joined = new java.util.ArrayList<>();
      String open = "";
      for (String w : narrow.trim().split("\\s+")) {
        String whole = open + w;
        if (!words.contains(whole) && whole.matches(".*[,|/]")) {
          open = whole;
        } else {
          joined.add(whole);
          open = "";
        }
      }
      assertEquals(words, joined, command + " at " + width);
      String coloured = help(java.util.Map.of("COLUMNS", width, "TERM", "xterm-256color"), true, args);
      coloured.lines().forEach(l -> assertTrue(TerminalText.width(l) < Integer.parseInt(width), width + ": " + l));
    }
  }

  /** stdout and stderr of one command line, each said to be a terminal or not. */
  private static String[] run(java.util.Map<String, String> env, boolean outTerminal, boolean errTerminal,
      String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Main.run(args, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), env, outTerminal, errTerminal,
        false);
    return new String[] {out.toString(java.nio.charset.StandardCharsets.UTF_8),
        err.toString(java.nio.charset.StandardCharsets.UTF_8)};
  }

  /**
   * On a narrow terminal a line of prose laid out as a table keeps its own line, its words after the gap below it:
   * nn completion's three example lines ran together into one paragraph at 40 columns.
   */
  @Test
  void aNarrowTerminalKeepsTheLinesOfATableInProse() {
    String help = help(java.util.Map.of("COLUMNS", "40", "NO_COLOR", "1"), true, "completion", "--help");
    String text = String.join("\n", help.lines().map(String::stripTrailing).toList());
    assertTrue(text.contains("\nbash, for this shell:\n    source <(nn completion bash)\nbash, every shell:\n    that"
        + " line in ~/.bashrc\n"), help);
    assertTrue(text.contains("\nzsh (in ~/.zshrc):\n    source <(nn completion zsh)\n"), help);
  }

  /** The help's hand-broken lines (the environment's) are under 80 columns, the width help has in a file. */
  @Test
  void theHelpToAFileHasNoLineOf80ColumnsOrMore() {
    String help = help(java.util.Map.of(), false);
    assertTrue(help.contains("NN_LOG"), help);
    help.lines().forEach(l -> assertTrue(l.length() < 80, l.length() + " columns: " + l));
  }

  /**
   * A usage error is the same line on a terminal as in a log: it has no colours ({@code nn trian x 2> log} typed at a
   * terminal leaves no escape codes in the log), and on a terminal it is folded at spaces.
   */
  @Test
  void aUsageErrorIsOneLineWithoutColours() {
    java.util.Map<String, String> env = java.util.Map.of("TERM", "xterm-256color", "COLUMNS", "200");
    String toLog = run(env, true, false, "train", "x.yaml", "--folds", "1")[1];
    assertEquals("nn: --folds must be from 2 to 100, found 1; see nn train --help\n", toLog);
    assertEquals(toLog, run(env, false, true, "train", "x.yaml", "--folds", "1")[1]);
    String folded = run(java.util.Map.of("COLUMNS", "40"), false, true, "trian", "x.yaml")[1];
    assertTrue(folded.lines().count() > 1 && folded.lines().allMatch(l -> l.length() < 40), folded);
    assertTrue(folded.indexOf('\033') < 0, folded);
  }

  /**
   * On a terminal, a problem report is folded at spaces to its width, so that a key or a name is never cut in two
   * ("class" / "-weights"), the parts of an "Allowed:" line under its start; to a file, one line per item.
   */
  @Test
  void aProblemReportIsFoldedToTheWidthOfAStderrTerminalAndNotElsewhere(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path bad = java.nio.file.Files.writeString(tmp.resolve("bad.yaml"),
        java.nio.file.Files.readString(java.nio.file.Path.of(Cli.XOR)).replace("epochs:", "epohcs:"));
    java.util.Map<String, String> env = java.util.Map.of("COLUMNS", "60", "NO_COLOR", "1");
    String folded = run(env, false, true, "validate", bad.toString())[1];
    assertTrue(folded.contains("unknown key \"epohcs\""), folded);
    for (String line : folded.split("\n")) {
      assertTrue(line.length() <= 59, "at most 59 columns: " + line);
    }
    assertTrue(java.util.Arrays.stream(folded.split("\n")).anyMatch(l -> l.startsWith("     ")),
        "an Allowed line's parts go on under it, five spaces in: " + folded);
    for (String key : new String[] {"epochs,", "batch-size,", "early-stopping,"}) {
      assertTrue(java.util.Arrays.stream(folded.split("[\\s]+")).anyMatch(w -> w.equals(key)), key + " whole: "
          + folded);
    }
    String logged = run(env, false, false, "validate", bad.toString())[1];
    assertTrue(logged.lines().anyMatch(l -> l.startsWith("   Allowed: ") && l.length() > 60), logged);
  }

  private static String help(java.util.Map<String, String> env, boolean terminal) {
    return help(env, terminal, "--help");
  }

  private static String help(java.util.Map<String, String> env, boolean terminal, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
    java.io.PrintStream e = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true,
        java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, Main.run(args, o, e, env, terminal));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A file whose name starts with a dash reads as an option: when one of that name is here, the remedy is said. */
  @Test
  void anUnknownOptionThatIsAFileHereSaysHowToGiveIt() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of("-xor-" + ProcessHandle.current().pid() + ".yaml");
    java.nio.file.Files.copy(java.nio.file.Path.of(Cli.XOR), file);
    try {
      Cli.Outcome o = Cli.run("train", file.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: unknown option '" + file + "'; see nn train --help\nnn: " + file + " is also a file here: to"
          + " give it, write ./" + file + "\n", o.err(), o.describe());
      assertFalse(Cli.run("train", "-nothing-of-that-name.yaml").err().contains("is also a file"));
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }
}
