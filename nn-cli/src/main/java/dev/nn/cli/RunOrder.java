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
      case "val" -> byKey(r -> r.validation() == null ? null : r.validation().value(), descending);
      case "test" -> byKey(r -> r.test() == null ? null : r.test().value(), descending);
      default -> null;
    };
    return Optional.ofNullable(order).map(o -> o.thenComparing(byPath));
  }

  private static <T extends Comparable<? super T>> Comparator<RunRecord> byKey(Function<RunRecord, T> key,
      boolean descending) {
    Comparator<T> values = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
    return Comparator.comparing(key, Comparator.nullsLast(values));
  }

}
