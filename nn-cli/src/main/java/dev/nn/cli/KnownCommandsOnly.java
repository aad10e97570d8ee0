package dev.nn.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs the command a command line names, as picocli's {@link CommandLine.RunLast} does, but first refuses a word that
 * stands where a command's name goes and names none. picocli lets two such words through: one beside {@code --help}
 * ({@code nn report --help} printed nn's help and exited with 0, as if {@code report} were a command), and one after
 * {@code help} ({@code nn help report}, refused in other words than {@code nn report}). Both are refused here as
 * {@code nn report} is, through the usage-error handler ({@link UsageError#unknownCommand}).
 */
final class KnownCommandsOnly implements CommandLine.IExecutionStrategy {
  private final CommandLine.IExecutionStrategy then = new CommandLine.RunLast();

  @Override
  public int execute(ParseResult parsed) {
    CommandLine root = parsed.commandSpec().commandLine();
    if (parsed.subcommand() == null && !parsed.unmatched().isEmpty()) {
      throw new CommandLine.UnmatchedArgumentException(root, new java.util.ArrayList<>(parsed.unmatched()));
    }
    ParseResult sub = parsed.subcommand();
    if (sub != null && sub.commandSpec().helpCommand()) {
      if (!sub.unmatched().isEmpty()) {
        // picocli's help command keeps what it does not know aside and prints help anyway, with exit 0
        throw new CommandLine.UnmatchedArgumentException(sub.commandSpec().commandLine(),
            new java.util.ArrayList<>(sub.unmatched()));
      }
      for (CommandLine.Model.PositionalParamSpec named : sub.matchedPositionals()) {
        for (String word : named.stringValues()) {
          if (!root.getSubcommands().containsKey(word)) {
            throw UsageError.unknownCommand(root, word);
          }
        }
      }
    }
    return then.execute(parsed);
  }
}
