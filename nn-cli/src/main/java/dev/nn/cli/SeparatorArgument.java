package dev.nn.cli;

import dev.nn.core.Nn;
import picocli.CommandLine;

/**
 * {@code --separator}: the words a csv source's {@code separator:} takes — {@code auto}, {@code ,}, {@code ;},
 * {@code tab} (or a tab, or {@code \t}) and {@code |} — as the character {@link Nn} reads a file with.
 */
final class SeparatorArgument implements CommandLine.ITypeConverter<Character> {
  /** What the option takes, for its help and its refusal. */
  static final String WORDS = "auto, ',', ';', tab, '|'";

  @Override
  public Character convert(String value) {
    switch (value) {
      case "auto":
        return Nn.DETECT_SEPARATOR;
      case "tab":
      case "\\t":
      case "\t":
        return '\t';
      default:
        if (value.length() == 1 && Nn.SEPARATORS.indexOf(value.charAt(0)) >= 0) {
          return value.charAt(0);
        }
        throw new CommandLine.TypeConversionException("unknown field separator '" + Printable.of(value)
            + "'; allowed: " + WORDS);
    }
  }
}
