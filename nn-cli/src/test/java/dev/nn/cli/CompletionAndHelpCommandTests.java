package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn help COMMAND} and {@code nn completion SHELL}, the script run in a real bash. */
class CompletionAndHelpCommandTests {

  @Test
  void helpWithACommandPrintsThatCommandsUsage() {
    Cli.Outcome o = Cli.run("help", "train");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("\nUsage: nn train "), o.out());
    assertEquals(Cli.run("train", "--help").out(), o.out(), "the same text as nn train --help");
  }

  @Test
  void helpWithAnUnknownCommandIsBadUsage() {
    Cli.Outcome o = Cli.run("help", "trian");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("trian"), o.err());
  }

  /** An option help does not know, or a second command, is refused as any command refuses one (help printed, exit 0). */
  @Test
  void helpRefusesAnUnknownOptionAndASecondCommand() {
    Cli.Outcome option = Cli.run("help", "--bogus");
    assertEquals(2, option.code(), option.describe());
    assertEquals("", option.out());
    assertEquals("nn: unknown option '--bogus'; see nn help --help\n", option.err(), option.describe());
    Cli.Outcome two = Cli.run("help", "train", "predict");
    assertEquals(2, two.code(), two.describe());
    assertEquals("", two.out());
    assertTrue(two.err().startsWith("nn: one argument more than the command takes: 'predict'"), two.err());
  }

  @Test
  void anUnknownShellIsBadUsageNamingTheShellsThereAre() {
    Cli.Outcome o = Cli.run("completion", "fish");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("bash, zsh") && o.err().contains("'fish'"), o.err());
    assertEquals("", o.out());
  }

  /** Sources the script in bash and asks it to complete {@code words}; returns the candidates it offers. */
  private static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
    String line = String.join(" ", words);
    String probe = "source " + script + "\n"
        + "COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "';"
        + " COMP_POINT=${#COMP_LINE}\n"
        // compopt (file-name quoting) only works inside a real completion; its complaint here is not the answer
        + "_complete_nn nn 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void theBashScriptCompletesCommandsAndOptionsInARealShell(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed here");
    Cli.Outcome o = Cli.run("completion", "bash");
    assertEquals(0, o.code(), o.describe());
    assertEquals("", o.err());
    Path script = tmp.resolve("nn-completion.bash");
    Files.writeString(script, o.out());
    assertEquals(List.of("train"), complete(script, "nn", "tr"));
    List<String> commands = complete(script, "nn", "");
    for (String c : List.of("train", "evaluate", "predict", "validate", "plugins", "gradcheck", "bench", "completion",
        "help")) {
      assertTrue(commands.contains(c), c + " in " + commands);
    }
    assertTrue(complete(script, "nn", "train", "--re").contains("--resume"), "train's options are completed");
  }

  @Test
  void theZshScriptIsTheBashScriptLoadedThroughBashcompinit() {
    Cli.Outcome zsh = Cli.run("completion", "zsh");
    assertEquals(0, zsh.code(), zsh.describe());
    assertTrue(zsh.out().contains("bashcompinit"), "the script sets zsh up for bash completion");
    assertEquals(Cli.run("completion", "bash").out(), zsh.out());
  }
}
