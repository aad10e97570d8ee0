package dev.nn.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The orders of {@code nn runs --sort}. Runs that lack the field (not started, no validation split) come
 * last in either direction; runs that tie keep the order of their directories' paths.
 */
final class RunOrder {
  /** The fields that can be sorted on. */
  static final List<String> FIELDS = List.of("name", "status", "started", "val", "test");

  private RunOrder() {}

  /**
   * The order that {@code field} names, e.g. {@code started} or {@code -val}; empty when it names none.
   *
   * @param reverse whether to sort in descending order (as a leading '-' does; both together cancel out)
   */
  static Optional<Comparator<RunRecord>> parse(String field, boolean reverse) {
    boolean descending = reverse;
    String f = field;
    if (f.startsWith("-")) {
      descending = !descending;
      f = f.substring(1);
    }
    Comparator<RunRecord> byPath = Comparator.comparing(r -> r.directory().toString());
    Comparator<RunRecord> order = switch (f) {
      case "name" -> byKey(r -> r.directory().getFileName().toString(), descending);
      case "status" -> byKey(RunRecord::status, descending);
      case "started" -> byKey(RunRecord::started, descending);
      case "val" -> byFigure(RunRecord::validation, descending);
      case "test" -> byFigure(RunRecord::test, descending);
      default -> null;
    };
    return Optional.ofNullable(order).map(o -> o.thenComparing(byPath));
  }

  /**
   * By a split's figure, runs of one metric together (accuracy, then loss, then RMSE: a folder may hold
   * classifiers and regressions, whose figures do not compare), each metric's runs by value.
   */
  private static Comparator<RunRecord> byFigure(Function<RunRecord, RunRecord.Figure> figure, boolean descending) {
    Comparator<RunRecord.Figure> values = Comparator.comparingDouble(RunRecord.Figure::value);
    Comparator<RunRecord.Figure> figures = Comparator.comparing(RunRecord.Figure::metric)
        .thenComparing(descending ? values.reversed() : values);
    return Comparator.comparing(figure, Comparator.nullsLast(figures));
  }

  private static <T extends Comparable<? super T>> Comparator<RunRecord> byKey(Function<RunRecord, T> key,
      boolean descending) {
    Comparator<T> values = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
    return Comparator.comparing(key, Comparator.nullsLast(values));
  }

}
