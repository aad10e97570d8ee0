package dev.nn.cli;

import dev.nn.core.Nn;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --separator} of the commands that read a CSV file a model is applied to ({@code nn predict},
 * {@code nn evaluate}): one picocli mixin, taking the words a csv source's {@code separator:} takes —
 * {@code auto}, {@code ,}, {@code ;}, {@code tab} (or a tab, or {@code \t}) and {@code |}.
 */
final class SeparatorArgument {
  /** What the option takes, for its help and its refusal. */
  static final String WORDS = "auto, ',', ';', tab, '|'";

  @Option(names = "--separator", paramLabel = "SEP", converter = Words.class, defaultValue = "auto",
      description = "What separates the file's fields: auto (the default: found from the header and the first"
          + " records, as for a csv source), ',', ';', tab or '|'.")
  char value;

  /** A word of {@link #WORDS} as the character {@link Nn} reads a file with. */
  static final class Words implements CommandLine.ITypeConverter<Character> {
    @Override
    public Character convert(String word) {
      switch (word) {
        case "auto":
          return Nn.DETECT_SEPARATOR;
        case "tab":
        case "\\t":
        case "\t":
          return '\t';
        default:
          if (word.length() == 1 && Nn.SEPARATORS.indexOf(word.charAt(0)) >= 0) {
            return word.charAt(0);
          }
          throw new CommandLine.TypeConversionException("unknown field separator '" + Printable.of(word)
              + "'; allowed: " + WORDS);
      }
    }
  }
}
