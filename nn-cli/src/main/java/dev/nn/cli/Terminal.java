package dev.nn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What nn needs to know about the terminal it prints to: whether standard output is one, and how wide it is.
 * Java has no {@code isatty} for one stream ({@link System#console()} also needs standard input to be a
 * terminal, which it is not under {@code nn train x.yaml < /dev/null} or in some IDEs and job runners), so on
 * Linux the answer comes from what {@code /proc/self/fd/1} points to.
 */
final class Terminal {
  /** The width assumed when none can be found: the classic terminal's. */
  static final int DEFAULT_COLUMNS = 80;

  private Terminal() {}

  /** Whether standard output is a terminal: a console, or (Linux) fd 1 open on a tty or pseudo-terminal. */
  static boolean stdoutIsTerminal() {
    if (System.console() != null) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * Whether standard error is a terminal: as the {@code nn} script found it ({@code NN_STDERR_TERMINAL}, 1 or 0),
   * else (Linux) fd 2 open on a tty or pseudo-terminal. Usage errors and failure
   * messages go there, and are coloured and folded to the width only when it is one: {@code 2> log} at a prompt
   * gets plain lines whatever standard output is.
   */
  static boolean stderrIsTerminal(Map<String, String> env) {
    // the nn script passes Java's stderr through a filter (a pipe), and says what the script's own stderr was
    String fromScript = env.get("NN_STDERR_TERMINAL");
    if (fromScript != null) {
      return fromScript.equals("1");
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * Whether the terminal re-breaks a line already shown when its width changes (tmux, GNOME Terminal and other VTE
   * terminals, Konsole, kitty, iTerm2, Terminal.app, WezTerm, Alacritty, foot, Windows Terminal, VS Code's), known by
   * the variables they set. xterm, the Linux console and GNU screen cut a line instead; an unknown terminal is taken to
   * cut it, where a redraw in place is right.
   */
  static boolean rewrapsLines(Map<String, String> env) {
    String term = env.getOrDefault("TERM", "");
    String program = env.getOrDefault("TERM_PROGRAM", "");
    return env.containsKey("TMUX") || env.containsKey("VTE_VERSION") || env.containsKey("KONSOLE_VERSION")
        || env.containsKey("KITTY_WINDOW_ID") || env.containsKey("WT_SESSION") || env.containsKey("ALACRITTY_WINDOW_ID")
        || env.containsKey("ALACRITTY_SOCKET") || term.equals("xterm-kitty") || term.startsWith("alacritty")
        || term.startsWith("foot") || term.startsWith("tmux") || List.of("iTerm.app", "Apple_Terminal", "WezTerm",
            "vscode").contains(program);
  }

  /**
   * The terminal's width in columns: {@code COLUMNS} when the environment sets it, otherwise what
   * {@code stty size} says of {@code /dev/tty}, otherwise {@value #DEFAULT_COLUMNS}.
   */
  static int columns(Map<String, String> env) {
    String fromEnv = env.get("COLUMNS");
    if (fromEnv != null && fromEnv.matches("[1-9][0-9]{0,3}")) {
      return Integer.parseInt(fromEnv);
    }
    return sttyColumns().orElse(DEFAULT_COLUMNS);
  }

  private static java.util.OptionalInt sttyColumns() {
    if (!Files.isReadable(Path.of("/dev/tty"))) {
      return java.util.OptionalInt.empty();
    }
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return java.util.OptionalInt.empty();
      }
      String[] rowsColumns = out.split("\\s+");
      if (rowsColumns.length == 2 && rowsColumns[1].matches("[1-9][0-9]{0,3}")) {
        return java.util.OptionalInt.of(Integer.parseInt(rowsColumns[1]));
      }
    } catch (IOException e) {
      // no stty, or no terminal to ask
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return java.util.OptionalInt.empty();
  }
}
