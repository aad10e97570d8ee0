package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The columns of a CSV header that are features, as a source's {@code features:} chooses them. */
final class FeatureColumns {
  private final String file;
  private final String[] header;
  private final int[] targets;
  /** The column of the rows' weights, or −1. */
  private int weight = -1;

  /** What a message about a column not found adds: a hint at another separator, or nothing. */
  private final String hint;

  FeatureColumns(String file, String[] header, int... targets) {
    this(file, header, "", targets);
  }

  FeatureColumns(String file, String[] header, String hint, int... targets) {
    this.file = file;
    this.header = header;
    this.hint = hint;
    this.targets = targets.clone();
  }

  /** These columns with column {@code column} holding the rows' weights (−1: none), which is not a feature. */
  FeatureColumns weighingBy(int column) {
    weight = column;
    return this;
  }

  private boolean isTarget(int column) {
    for (int t : targets) {
      if (t == column) {
        return true;
      }
    }
    return false;
  }

  /**
   * The 0-based indexes of the feature columns: those {@code options} names, in its order, or every column but
   * the target and the ignored ones, in file order.
   *
   * @throws DataException for a name the header lacks, the target named as a feature, a name given twice, or
   *     no feature left
   */
  int[] of(CsvOptions options) {
    List<Integer> chosen = new ArrayList<>();
    if (!options.features().isEmpty()) {
      Set<String> seen = new HashSet<>();
      for (String name : options.features()) {
        int c = column(name, "feature column");
        if (isTarget(c)) {
          throw new DataException(file + ": feature column \"" + Excerpt.of(name)
              + (targets.length == 1 ? "\" is the target column; a column is either the target or a feature"
                  : "\" is a target column; a column is either a target or a feature"));
        }
        if (c == weight) {
          throw new DataException(file + ": feature column \"" + Excerpt.of(name) + "\" is the weight column"
              + " (weight:); a column is either the rows' weights or a feature");
        }
        if (!seen.add(name)) {
          throw new DataException(file + ": feature column \"" + Excerpt.of(name) + "\" is listed twice");
        }
        chosen.add(c);
      }
    } else {
      Set<Integer> ignored = new HashSet<>();
      for (String name : options.ignored()) {
        ignored.add(column(name, "ignored column"));
      }
      for (int c = 0; c < header.length; c++) {
        if (!isTarget(c) && c != weight && !ignored.contains(c)) {
          chosen.add(c);
        }
      }
    }
    if (chosen.isEmpty()) {
      throw new DataException(header.length == targets.length
          ? file + ": the header has only the target column" + (targets.length == 1 ? " \"" : "s \"")
              + String.join("\", \"", Arrays.stream(targets).mapToObj(t -> Excerpt.of(header[t])).toList())
              + "\"; at least one feature column is needed" + (hint.isEmpty() ? "" : "." + hint)
          : file + ": no feature column is left after the target" + (targets.length == 1 ? "" : "s")
              + " and the ignored columns; at least one is needed");
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private int column(String name, String what) {
    for (int c = 0; c < header.length; c++) {
      if (header[c].equals(name)) {
        return c;
      }
    }
    List<String> near = Suggestions.closest(name, Arrays.asList(header));
    StringBuilder s = new StringBuilder(file).append(": ").append(what).append(" \"").append(Excerpt.of(name))
        .append("\" not found");
    if (near.isEmpty()) {
      s.append('.');
    } else {
      s.append("; did you mean ").append(CsvReader.quoted(near, near.size())).append('?');
    }
    s.append(" Columns: ").append(CsvReader.columnList(header)).append(hint);
    throw new DataException(s.toString());
  }
}
