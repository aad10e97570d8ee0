package dev.nn.core.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What the compare page calls each run in its cards and legends: its number in the table of differences, "#2",
 * and what tells it from the others: the experiment's name when no two runs share one; else, as runs of one
 * experiment (a sweep's points, say) have directory names alike but for a time stamp, the values they differ in,
 * "#2 learning-rate 0.1, batch-size 32", when those are few and short; else the run's directory.
 */
final class RunNames {
  /** At most this many differing keys name a run. */
  private static final int MOST_KEYS = 3;
  /** Nor any value longer than this (a path, a list of layers). */
  private static final int LONGEST_VALUE = 24;

  private RunNames() {}

  /**
   * The names of the runs whose directories are {@code labels}, their experiments differing in {@code differences}.
   */
  static List<String> of(List<String> labels, List<RunComparison.Difference> differences) {
    List<String> described = byExperimentName(differences);
    if (described == null) {
      described = byValues(differences);
    }
    if (described == null) {
      described = labels;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      names.add("#" + (i + 1) + " " + described.get(i));
    }
    return names;
  }

  /** The differing values, the name aside; {@code null} when there are none, or too many or too long ones. */
  private static List<String> byValues(List<RunComparison.Difference> differences) {
    List<RunComparison.Difference> keys =
        differences.stream().filter(d -> !d.key().equals("name")).toList();
    if (keys.isEmpty() || keys.size() > MOST_KEYS
        || keys.stream().anyMatch(d -> d.values().stream().anyMatch(v -> v.length() > LONGEST_VALUE))) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.get(0).values().size(); i++) {
      List<String> parts = new ArrayList<>();
      for (RunComparison.Difference d : keys) {
        parts.add(RunVariant.entry(d.key(), d.values().get(i)));
      }
      out.add(String.join(", ", parts));
    }
    return out;
  }

  /** The experiments' names, when no two are alike; else {@code null}. */
  private static List<String> byExperimentName(List<RunComparison.Difference> differences) {
    for (RunComparison.Difference d : differences) {
      if (d.key().equals("name") && d.values().stream().distinct().count() == d.values().size()) {
        return d.values();
      }
    }
    return null;
  }
}
