package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class labels of a classification target column, gathered row by row and resolved at the end.
 *
 * <p>When every label is a number, labels are class indices, integers {@code 0 .. k−1} (written {@code 2} or
 * {@code 2.0}), named {@code "0" .. "k−1"}. When no label is a number, labels are names ({@code setosa},
 * {@code versicolor}), and the classes are the distinct names in sorted (Unicode) order, so that two files with the same classes number them alike whatever their row order.
 * A column with both numbers and words is refused at its first word, as a class index that is not an integer
 * ({@code 0x1}, {@code 1d}). With names given (a held-out file read with the training file's classes, or a
 * file evaluated with a model's) each label must be one of them, or a class index {@code 0 .. k−1}.
 */
final class ClassLabels {
  private final int classes;
  /** Whether every label is a name, numbers too ({@code labels: names}). */
  private final boolean names;
  /**
   * Whether any fixed name is a number, which a label then matches by value, never as an index: all of them for
   * numeric classes, some of them for a column of numbers and words read with {@code labels: names}.
   */
  private final boolean numericNames;
  private final List<String> fixedNames;
  private final Map<String, Integer> fixed = new HashMap<>();
  /** Distinct label texts, in order of first appearance, and the line of each one's first row. */
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> texts = new ArrayList<>();
  private final List<Integer> firstLines = new ArrayList<>();

  /** The classes as they come ({@code classes} 0, no {@code names}), or fixed to k classes or to names. */
  ClassLabels(int classes, List<String> names) {
    this(classes, names, false);
  }

  /**
   * {@link #ClassLabels(int, List)}, with every label read as a name when {@code allNames}: numbers equal in value are
   * one class, and the classes of an all-numeric column are ordered by value.
   */
  ClassLabels(int classes, List<String> names, boolean allNames) {
    this.classes = classes;
    this.names = allNames;
    this.fixedNames = names;
    this.numericNames = names.stream().anyMatch(DecimalText::isDecimal);
    for (int i = 0; i < names.size(); i++) {
      fixed.put(DecimalText.isDecimal(names.get(i)) ? canonical(names.get(i)) : names.get(i), i);
    }
  }

  /** A number's text for a class name: {@code 1}, {@code 1.0} and {@code 01} are all "1". */
  static String canonical(String number) {
    BigDecimal v = new BigDecimal(number).stripTrailingZeros();
    if (v.signum() == 0) {
      return "0";
    }
    return Math.abs(v.scale()) > 30 ? v.toString() : v.toPlainString();
  }

  /** What {@link #finish} found: the name of each class index. */
  record Result(List<String> names) {
  }

  /** A provisional number for the label {@code text} on line {@code line}, turned into its class by {@link #finish}. */
  double index(String text, String file, int line, String column) {
    String value = DecimalText.strip(text);
    if (!fixedNames.isEmpty()) {
      Integer c = fixed.get(numericNames && DecimalText.isDecimal(value) ? canonical(value) : value);
      if (c == null && !numericNames && DecimalText.isDecimal(value)) {
        // a file of class indices, as a model's classes named in code may be evaluated on
        double v = Double.parseDouble(value);
        if (v == Math.rint(v) && v >= 0 && v < fixedNames.size()) {
          return v;
        }
      }
      if (c == null) {
        throw new DataException(file + ":" + line + ": class label \"" + Excerpt.of(value) + "\" in column \""
            + Excerpt.of(column) + "\" is not a class of the training data; classes: "
            + String.join(", ", fixedNames.stream().map(n -> dev.nn.core.text.ListedName.of(Excerpt.of(n))).toList()));
      }
      return c;
    }
    if (names && DecimalText.isDecimal(value)) {
      value = canonical(value);
    }
    Integer id = ids.get(value);
    if (id == null) {
      if (ids.size() >= CsvReader.MAX_CLASSES) {
        throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\" has more than "
            + CsvReader.MAX_CLASSES + " distinct class labels; a classification target has at most that many (if the"
            + " column holds a quantity, set task: regression on the source)");
      }
      id = ids.size();
      ids.put(value, id);
      texts.add(value);
      firstLines.add(line);
    }
    return id;
  }

  /** Turns the provisional numbers in {@code y} into class indices and names the classes. */
  Result finish(double[] y, int rows, String file, String column) {
    if (!fixedNames.isEmpty()) {
      return new Result(fixedNames);
    }
    long decimals = texts.stream().filter(DecimalText::isDecimal).count();
    boolean numeric = decimals == texts.size();
    if (names) {
      return named(y, rows, file, column, numeric);
    }
    if (!numeric && (decimals > 0 || classes > 0)) {
      // numbers and words in one column: a typo among class indices (0x1, 1d), not a set of names; or words
      // where a number of classes was given, which only indices can meet
      int i = 0;
      while (DecimalText.isDecimal(texts.get(i))) {
        i++;
      }
      throw new DataException(file + ":" + firstLines.get(i) + ": class label \"" + Excerpt.of(texts.get(i))
          + "\" in column \"" + Excerpt.of(column) + "\" is not an integer; classification targets must be class"
          + " indices " + (classes > 0 ? givenClasses() : "0..k-1, or, with labels:"
          + " names on the csv source, names of classes (numbers and words alike)"));
    }
    int[] classOf = new int[texts.size()];
    List<String> names = new ArrayList<>();
    if (numeric) {
      int maxLabel = -1;
      for (int i = 0; i < texts.size(); i++) {
        classOf[i] = classIndex(texts.get(i), file, firstLines.get(i), column);
        maxLabel = Math.max(maxLabel, classOf[i]);
      }
      int k = classes > 0 ? classes : maxLabel + 1;
      if (classes == 0) {
        requireNoGaps(classOf, k, maxLabel, file, column);
      }
      for (int c = 0; c < k; c++) {
        names.add(Integer.toString(c));
      }
    } else {
      names.addAll(CodePointOrder.distinctSorted(texts));
      if (names.size() < 2) {
        throw new DataException(file + ": column \"" + Excerpt.of(column) + "\" holds only the class \""
            + Excerpt.of(names.get(0)) + "\"; classification needs at least 2 classes");
      }
      for (int i = 0; i < texts.size(); i++) {
        classOf[i] = Collections.binarySearch(names, texts.get(i), CodePointOrder.ORDER);
      }
    }
    for (int i = 0; i < rows; i++) {
      y[i] = classOf[(int) y[i]];
    }
    return new Result(names);
  }

  /** {@code labels: names}: every distinct value a class, ordered by value when all are numbers, else as text. */
  private Result named(double[] y, int rows, String file, String column, boolean numeric) {
    List<String> sorted = new ArrayList<>(CodePointOrder.distinctSorted(texts));
    if (numeric) {
      sorted.sort(Comparator.comparing(BigDecimal::new));
    }
    if (sorted.size() < 2) {
      throw new DataException(file + ": column \"" + Excerpt.of(column) + "\" holds only the class \""
          + Excerpt.of(sorted.get(0)) + "\"; classification needs at least 2 classes");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < sorted.size(); c++) {
      index.put(sorted.get(c), c);
    }
    for (int i = 0; i < rows; i++) {
      y[i] = index.get(texts.get((int) y[i]));
    }
    return new Result(sorted);
  }

  private void requireNoGaps(int[] classOf, int k, int maxLabel, String file, String column) {
    if (k < 2) {
      throw new DataException(
          file + ": column \"" + Excerpt.of(column) + "\" holds only class 0; classification needs at least 2 classes");
    }
    boolean[] present = new boolean[k];
    for (int c : classOf) {
      present[c] = true;
    }
    for (int c = 0; c < k; c++) {
      if (!present[c] && count(present) > QUANTITY_LIKE) {
        // hundreds of distinct numbers are a quantity's values more often than classes numbered with gaps
        throw new DataException(file + ": column \"" + Excerpt.of(column) + "\" holds " + count(present)
            + " distinct numbers from " + firstPresent(present) + " to " + maxLabel + " with gaps (no row of class " + c
            + "), read as class labels because the source says task: classification; if the column holds a"
            + " quantity, set task: regression on the source; if these are classes, set labels: names to read its"
            + " values as class names");
      }
      if (!present[c]) {
        throw new DataException(
            file + ": column \"" + Excerpt.of(column) + "\" has class labels up to " + maxLabel + " but no row of class " + c
                + "; classes must be numbered 0.." + maxLabel + " without gaps, or set labels: names on the csv source"
                + " to read its values as class names (" + presentList(present) + " as " + count(present)
                + (count(present) == 1 ? " class)" : " classes, ordered by value)"));
      }
    }
  }

  /** More distinct class numbers than this, with a gap, suggest a quantity rather than classes. */
  private static final int QUANTITY_LIKE = 50;

  private static int firstPresent(boolean[] present) {
    int c = 0;
    while (!present[c]) {
      c++;
    }
    return c;
  }

  private static String presentList(boolean[] present) {
    List<String> shown = new ArrayList<>();
    for (int c = 0; c < present.length && shown.size() < 6; c++) {
      if (present[c]) {
        shown.add(Integer.toString(c));
      }
    }
    return String.join(", ", shown) + (count(present) > shown.size() ? ", ..." : "");
  }

  private static int count(boolean[] present) {
    int n = 0;
    for (boolean p : present) {
      n += p ? 1 : 0;
    }
    return n;
  }

  /** The class indices a given number of classes allows, as messages name them: "0..2 (3 classes)". */
  private String givenClasses() {
    return "0.." + (classes - 1) + " (" + classes + " classes)";
  }

  private int classIndex(String value, String file, int line, String column) {
    double v = Double.parseDouble(value);
    if (!Double.isFinite(v) || v != Math.rint(v)) {
      throw new DataException(
          file + ":" + line + ": class label \"" + Excerpt.of(value) + "\" in column \"" + Excerpt.of(column)
              + "\" is not an integer; classification targets must be class indices " + (classes > 0
                  // a given k is a model's or an experiment's classes, which a quantity cannot be made to fit
                  ? givenClasses()
                  : "0..k-1 (if the column holds a quantity, set task: regression on the source)"));
    }
    int limit = classes > 0 ? classes : CsvReader.MAX_CLASSES;
    if (v < 0 || v >= limit) {
      throw new DataException(
          file + ":" + line + ": class label \"" + Excerpt.of(value) + "\" in column \"" + Excerpt.of(column)
              + "\" is out of range; allowed 0.." + (limit - 1)
              + (classes > 0 ? " (" + classes + " classes)" : (v < 0 ? "" : "; if the column holds a quantity (a"
                  + " price, a count), set task: regression on the source") + "; if the column's values are names of"
                  + " classes, not indices (-1 and +1, say), set labels: names on the csv source"));
    }
    return (int) v;
  }
}
