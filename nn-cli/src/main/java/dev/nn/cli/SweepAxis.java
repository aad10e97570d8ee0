package dev.nn.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --sweep KEY.PATH=V1,V2,…} option: a key and the values it takes. The list is split on the
 * commas that are not inside brackets or quotes, so a value that holds commas is written as YAML flow
 * ({@code [64,32]}, <code>{name: adam, learning-rate: 0.1}</code>) or quoted ({@code 'a,b'} or {@code "a,b"},
 * the quotes kept, as YAML reads them).
 *
 * @param key the key path, as {@code --set} takes it
 * @param values each value, as {@code --set} takes it after the '='
 */
record SweepAxis(String key, List<String> values) {

  /** What is wrong with an option, as a sentence. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /**
   * Reads one option.
   *
   * @throws Invalid naming the option and what is expected
   */
  static SweepAxis parse(String option) {
    int eq = option.indexOf('=');
    if (eq <= 0) {
      throw new Invalid("--sweep \"" + option + "\": expected KEY.PATH=VALUE,VALUE,…, e.g."
          + " optimizer.learning-rate=0.1,0.01");
    }
    String key = option.substring(0, eq).strip();
    List<String> values = split(option.substring(eq + 1));
    List<String> given = values.stream().filter(v -> !v.isBlank()).toList();
    if (given.size() < values.size()) {
      // the example is the user's own list without its empty values, when it has two; epochs are not 0.1
      throw new Invalid("--sweep \"" + option + "\": an empty value in the list; separate values by single"
          + " commas, e.g. " + (given.size() >= 2 ? key + "=" + String.join(",", given)
              : "optimizer.learning-rate=0.1,0.01"));
    }
    return new SweepAxis(key, values);
  }

  /** {@code list} split on the commas outside brackets, braces and quotes; each value stripped of spaces. */
  static List<String> split(String list) {
    List<String> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if ((c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        values.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    values.add(current.toString().strip());
    return values;
  }
}
