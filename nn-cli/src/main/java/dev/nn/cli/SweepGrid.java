package dev.nn.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of a sweep: every combination of its axes' values (the cartesian product), the first axis
 * varying slowest, as nested loops in the order the options were given.
 *
 * @param axes the {@code --sweep} options, in order
 */
record SweepGrid(List<SweepAxis> axes) {

  /**
   * The grid of {@code options}.
   *
   * @throws SweepAxis.Invalid for a malformed option, or a key swept twice
   */
  static SweepGrid of(List<String> options) {
    List<SweepAxis> axes = new ArrayList<>();
    for (String o : options) {
      SweepAxis a = SweepAxis.parse(o);
      for (SweepAxis earlier : axes) {
        if (earlier.key().equals(a.key())) {
          // the example is the one option both meant: their values together
          List<String> both = new ArrayList<>(earlier.values());
          both.addAll(a.values());
          throw new SweepAxis.Invalid("--sweep " + a.key() + " is given twice; list all its values in one"
              + " option, e.g. " + a.key() + "=" + String.join(",", both));
        }
      }
      axes.add(a);
    }
    return new SweepGrid(axes);
  }

  /** Every point, each as its values in the order of {@link #axes()}. */
  List<List<String>> points() {
    List<List<String>> points = new ArrayList<>();
    points.add(List.of());
    for (SweepAxis a : axes) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> p : points) {
        for (String v : a.values()) {
          List<String> q = new ArrayList<>(p);
          q.add(v);
          next.add(List.copyOf(q));
        }
      }
      points = next;
    }
    return points;
  }

  /** A point's values as {@code --set} arguments. */
  List<String> sets(List<String> point) {
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < axes.size(); i++) {
      sets.add(axes.get(i).key() + "=" + point.get(i));
    }
    return sets;
  }
}
