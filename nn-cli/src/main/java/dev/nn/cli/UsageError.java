package dev.nn.cli;

import dev.nn.core.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every usage error reads, whichever command it is about and whether picocli's parser or the command found it:
 * one line, "nn: " and what is wrong, then where the command's options are told ({@code ; see nn train --help}).
 * The usage itself is not printed: six lines of it under each message buried the message, and some commands
 * printed it while others did not.
 */
final class UsageError {
  private UsageError() {}

  /** The line {@code e} is printed as. */
  static String line(ParameterException e) {
    CommandLine command = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException unmatched && isCommandName(command, unmatched.getUnmatched())) {
      return unknownCommand(command, unmatched.getUnmatched().get(0), unmatched.getSuggestions());
    }
    String what = sentence(e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
      // picocli names the words after it too ("'--epochs', '3'"), most often the unknown option's value
      List<String> nearest = nearestOptions(command, unmatched.getUnmatched().get(0));
      what = "unknown option '" + Printable.of(unmatched.getUnmatched().get(0)) + "'" + (!nearest.isEmpty()
          ? " (did you mean " + String.join(" or ", nearest) + "?)"
          : command.getCommandSpec().findOption("--set") != null ? keyHint(unmatched.getUnmatched()) : "");
    } else if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      // "unmatched argument at index 2" counts words the user never numbered
      List<String> extra = unmatched.getUnmatched();
      what = (extra.size() == 1 ? "one argument more than the command takes: '" : "arguments more than the command"
          + " takes: '") + String.join("', '", extra.stream().map(Printable::of).toList()) + "'";
    }
    return "nn: " + what + "; see " + command.getCommandSpec().qualifiedName() + " --help";
  }

  /**
   * For an unknown option that reads as an experiment's key ({@code --epochs 3}, {@code --training.epochs=3}): how
   * keys are given, with the user's own key and value when they wrote a path; empty for a word that is no key (a
   * file's name such as {@code -data.csv}).
   */
  private static String keyHint(List<String> unmatched) {
    String written = unmatched.get(0);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("--?([A-Za-z][A-Za-z0-9-]*(?:\\.[A-Za-z][A-Za-z0-9-]*"
        + "|\\[[0-9]+\\])*)(?:=(.*))?").matcher(written);
    if (!m.matches() || m.group(1).matches("(?i).*\\.(ya?ml|csv|tsv|txt|gz|nnm|json|onnx|npz)")) {
      return "";
    }
    String key = m.group(1);
    // the value, given after '=' or as the next word
    String value = m.group(2) != null ? m.group(2) : unmatched.size() > 1 && !unmatched.get(1).startsWith("-")
        ? unmatched.get(1) : null;
    return key.contains(".") && value != null && !value.isEmpty() && value.matches("[^\\s'\"]+")
        ? " (an experiment's keys are given with --set: --set " + key + "=" + value + ")"
        : " (an experiment's keys are given as --set KEY.PATH=VALUE, e.g. --set training.epochs=3)";
  }

  /**
   * The options of {@code command} nearest to {@code written} as nn finds a key's nearest names ({@link
   * Suggestions}): picocli's own missed a swap of two letters ({@code --fromat}) and initials ({@code --pp}).
   */
  private static List<String> nearestOptions(CommandLine command, String written) {
    Map<String, String> byWord = new LinkedHashMap<>();
    for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
      if (!option.hidden()) {
        byWord.put(option.longestName().replaceFirst("^-+", ""), option.longestName());
      }
    }
    int equals = written.indexOf('=');
    String word = (equals < 0 ? written : written.substring(0, equals)).replaceFirst("^-+", "");
    return Suggestions.closest(word, byWord.keySet()).stream().map(byWord::get).toList();
  }

  /**
   * {@code e}, or, when it is a required option found missing and {@code args} hold an option the command does not
   * know, the refusal of that option: picocli checks what is required first, so {@code nn evaluate M --dat x.csv}
   * said that {@code --data} was missing, not that {@code --dat} was misspelt.
   */
  static ParameterException unknownOptionFirst(ParameterException e, String[] args) {
    if (!(e instanceof CommandLine.MissingParameterException)) {
      return e;
    }
    CommandLine command = e.getCommandLine();
    CommandLine.Model.CommandSpec root = command.getCommandSpec().root();
    boolean valueNext = false;
    for (String arg : args) {
      if (valueNext) {
        valueNext = false;
      } else if (arg.equals("--")) {
        break;
      } else if (arg.length() > 1 && arg.startsWith("-") && !isNumber(arg)) {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        CommandLine.Model.OptionSpec known = command.getCommandSpec().findOption(name);
        if (known == null) {
          known = root.findOption(name);
        }
        if (known == null) {
          return new UnmatchedArgumentException(command, new ArrayList<>(List.of(arg)));
        }
        valueNext = equals < 0 && known.arity().min() > 0;
      }
    }
    return e;
  }

  /** Whether {@code arg} is a negative number, which is a value and not an option. */
  private static boolean isNumber(String arg) {
    try {
      Double.parseDouble(arg);
      return true;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }

  /**
   * The line for a word given where a command's name goes ({@code nn trian x}, {@code nn help trian}) that names
   * none: the nearest names, and all of them.
   */
  static String unknownCommand(CommandLine root, String word, List<String> nearest) {
    List<String> commands = commands(root);
    List<String> near = nearest.stream().filter(commands::contains).toList();
    return "nn: unknown command \"" + Printable.of(word) + "\"" + (near.isEmpty() ? "; commands: "
        : "; did you mean " + String.join(" or ", near) + "? Commands: ") + String.join(", ", commands);
  }

  /** The refusal of {@code word} as a command's name, for the handler to print as {@link #unknownCommand}. */
  static UnmatchedArgumentException unknownCommand(CommandLine root, String word) {
    return new UnmatchedArgumentException(root, new ArrayList<>(List.of(word)));
  }

  /** The commands {@code root} has, in the order its help lists them. */
  static List<String> commands(CommandLine root) {
    return root.getSubcommands().values().stream().filter(c -> !c.getCommandSpec().usageMessage().hidden())
        .map(CommandLine::getCommandName).distinct().toList();
  }

  /** Whether the first of {@code unmatched} stands where {@code command}'s subcommand is named: a word, not an option. */
  private static boolean isCommandName(CommandLine command, List<String> unmatched) {
    return !command.getSubcommands().isEmpty() && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-");
  }

  /** picocli's "Unknown option: '--epochs'" as nn's messages go on after "nn: ", in lower case. */
  private static String sentence(String message) {
    return message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))
        ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
  }
}
