package dev.nn.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nn completion bash|zsh}: prints a script that completes nn's commands, options and option values in
 * the shell, generated from the same command model that parses them, so it never falls out of date.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    header = "Prints a shell completion script.",
    description = {"Prints a script that makes the shell complete nn's commands, options and file names.",
        "",
        "bash, for this shell:   source <(nn completion bash)",
        "bash, every shell:      that line in ~/.bashrc",
        "zsh (in ~/.zshrc):      source <(nn completion zsh)",
        "",
        "Or, for every new bash, the script in bash-completion's folder (docs/cli.md)."},
    footer = "%nExit codes: 0 printed, 2 an unknown shell.")
final class CompletionCommand implements Callable<Integer> {
  /** The shells the script is for. */
  enum Shell {
    bash, zsh
  }

  private final NnCommand root;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  CompletionCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    // picocli's script is bash; under zsh it runs through bashcompinit, which the script itself loads
    root.out().print(AutoComplete.bash("nn", spec.root().commandLine()));
    root.out().flush();
    return Main.OK;
  }
}
