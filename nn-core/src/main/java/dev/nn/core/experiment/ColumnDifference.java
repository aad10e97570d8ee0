package dev.nn.core.experiment;

import dev.nn.core.text.Excerpt;
import java.util.List;

/** How a held-out source's columns differ from the training data's, by name, for a message about their count. */
final class ColumnDifference {
  private static final int LISTED = 5;

  private ColumnDifference() {}

  /**
   * "; it lacks the column "petal_width_cm" of the training data" and "; it has the column "id", which the
   * training data lacks", joined; empty when the names do not tell (the same names, or none).
   */
  static String of(List<String> training, List<String> heldOut) {
    List<String> lacks = training.stream().filter(c -> !heldOut.contains(c)).toList();
    List<String> extra = heldOut.stream().filter(c -> !training.contains(c)).toList();
    StringBuilder s = new StringBuilder();
    if (!lacks.isEmpty()) {
      s.append("; it lacks ").append(columns(lacks)).append(" of the training data");
    }
    if (!extra.isEmpty()) {
      s.append("; it has ").append(columns(extra)).append(", which the training data lacks");
    }
    return s.toString();
  }

  private static String columns(List<String> names) {
    List<String> shown = names.stream().limit(LISTED).map(n -> "\"" + Excerpt.of(n) + "\"").toList();
    return (names.size() == 1 ? "the column " : "the columns ") + String.join(", ", shown)
        + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
  }
}
