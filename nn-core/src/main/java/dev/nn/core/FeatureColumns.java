package dev.nn.core;

import dev.nn.core.data.DataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Picks a model's input features out of a CSV file's columns by name, in the model's order. */
final class FeatureColumns {
  private static final int MAX_LISTED = 12;

  private FeatureColumns() {}

  /**
   * The model's features, row by row.
   *
   * @param features the names the model expects, in its order
   * @param columns the file's column names
   * @param values rows × columns.size(), row-major. Not modified.
   * @param file the file, for the message
   * @return rows × features.size(), row-major
   * @throws DataException naming every feature the file lacks
   */
  static double[] select(List<String> features, List<String> columns, double[] values, int rows, String file) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      index.put(columns.get(c), c);
    }
    requireAll(features, columns, file);
    int d = features.size();
    int[] from = new int[d];
    for (int j = 0; j < d; j++) {
      from[j] = index.get(features.get(j));
    }
    int cols = columns.size();
    double[] x = new double[rows * d];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        x[r * d + j] = values[r * cols + from[j]];
      }
    }
    return x;
  }

  /**
   * Checks that {@code columns}, a file's header, has every one of the model's {@code features}.
   *
   * @throws DataException naming every feature the file lacks
   */
  static void requireAll(List<String> features, List<String> columns, String file) {
    requireAll(features, columns, file, () -> '\0');
  }

  /**
   * {@link #requireAll(List, List, String)} for a file read at the separator {@code used} gives, which its message
   * never advises (asked for only when a feature is missing).
   */
  static void requireAll(List<String> features, List<String> columns, String file,
      java.util.function.Supplier<Character> used) {
    List<String> missing = new ArrayList<>();
    for (String feature : features) {
      if (!columns.contains(feature)) {
        missing.add("\"" + feature + "\"");
      }
    }
    if (!missing.isEmpty()) {
      // the model's features are named once: all of them when the file has none (64 pixels were listed twice, in a
      // line of 1,200 characters)
      throw new DataException(file + ": the model needs the feature " + (missing.size() == 1 ? "column "
          : "columns ") + list(missing) + ", which the header lacks; it has "
          + listed(columns)
          + (missing.size() == features.size() ? "" : "; the model's features are "
              + listed(features))
          + separatorHint(columns, features, used.get()));
    }
  }

  /**
   * When a name of the header holds a separator, that the file may be split at it instead: a header read with
   * the wrong separator is one long name.
   */
  static String separatorHint(List<String> columns, char used) {
    return separatorHint(columns, List.of(), used);
  }

  /**
   * {@link #separatorHint(List)} for a header that lacks some of {@code features}: only for a separator at which
   * the header's names split into names that include every one of them. A comma inside a quoted name of a file
   * read at commas ("sepal, length") was advised as the separator the file already had; the separator {@code used}
   * is never advised.
   */
  static String separatorHint(List<String> columns, List<String> features, char used) {
    for (char c : Nn.SEPARATORS.toCharArray()) {
      if (c == used) {
        continue;
      }
      java.util.Set<String> split = new java.util.HashSet<>();
      for (String name : columns) {
        for (String part : name.split(java.util.regex.Pattern.quote(String.valueOf(c)), -1)) {
          split.add(part.strip());
        }
      }
      if (!split.containsAll(features)) {
        continue;
      }
      for (String name : columns) {
        if (name.indexOf(c) >= 0) {
          String word = c == '\t' ? "tab" : "'" + c + "'";
          return "; the header's names hold " + (c == '\t' ? "a tab" : word) + ": if it separates the fields,"
              + " read the file with " + word + " as the separator (--separator " + word + ")";
        }
      }
    }
    return "";
  }

  /** {@link #list} of {@code names} each as a list shows it ({@link dev.nn.core.text.ListedName}). */
  private static String listed(List<String> names) {
    return list(names.stream().map(dev.nn.core.text.ListedName::of).toList());
  }

  private static String list(List<String> names) {
    if (names.size() <= MAX_LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_LISTED)) + " ... (" + names.size() + " in all)";
  }
}
