package dev.nn.core.data;

import dev.nn.core.kernel.Precision;
import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * One-hot encoding of category columns ({@code data.one-hot}): a column whose values are codes of categories
 * (island 0 Biscoe, 1 Dream, 2 Torgersen) becomes one 0/1 input per category, so that the network does not read
 * the codes as amounts, as if Torgersen were twice Dream. Every other column passes unchanged; an encoded column's
 * inputs take its place, named {@code column=category} ({@code island=0}, {@code island=1}, {@code island=2}).
 *
 * <p>A column's categories are the distinct values it holds in the data the encoding is fitted on, in increasing
 * order. A value outside them, met later, is refused rather than encoded as no category: the network has learnt
 * nothing for it. Immutable and thread-safe.
 */
public final class OneHot {
  /** The most categories one column may have: more would mean a column of amounts, not of categories. */
  public static final int MAX_CATEGORIES = 1000;

  private final List<String> inputs;
  /** Per input column, its categories in increasing order, or {@code null} for a column passed as it is. */
  private final double[][] categories;
  /** Per input column, the words its codes 0 … k−1 stand for, or {@code null} for a column of codes. */
  private final List<List<String>> words;
  private final List<String> features;

  private OneHot(List<String> inputs, double[][] categories, List<List<String>> words) {
    this.inputs = List.copyOf(inputs);
    this.categories = categories;
    this.words = words;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < categories.length; j++) {
      if (categories[j] == null) {
        names.add(inputs.get(j));
      } else {
        for (int k = 0; k < categories[j].length; k++) {
          names.add(words.get(j) == null ? featureName(inputs.get(j), categories[j][k])
              : inputs.get(j) + "=" + words.get(j).get(k));
        }
      }
    }
    this.features = List.copyOf(names);
  }

  /**
   * Rebuilds an encoding, e.g. from a model file.
   *
   * @param inputs the input columns, in order
   * @param categories for each encoded column (a name among {@code inputs}), its categories: finite and in
   *     strictly increasing order, at least one and at most {@value #MAX_CATEGORIES}
   * @throws IllegalArgumentException naming the first column that does not fit
   */
  public static OneHot of(List<String> inputs, Map<String, double[]> categories) {
    return of(inputs, categories, Map.of());
  }

  /**
   * {@link #of(List, Map)} for columns whose categories are words: a column of {@code words} has the codes
   * 0 … k−1, code i standing for its i-th word.
   *
   * @param words for each column of words (one of {@code categories}' columns), its k distinct words, each not
   *     empty; its categories must be 0 … k−1
   */
  public static OneHot of(List<String> inputs, Map<String, double[]> categories, Map<String, List<String>> words) {
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("a one-hot encoding needs at least one column to encode");
    }
    if (new java.util.HashSet<>(inputs).size() != inputs.size()) {
      throw new IllegalArgumentException("the inputs of a one-hot encoding must be distinct, found "
          + inputs.stream().map(Excerpt::of).toList());
    }
    double[][] byColumn = new double[inputs.size()][];
    for (Map.Entry<String, double[]> e : categories.entrySet()) {
      int j = inputs.indexOf(e.getKey());
      if (j < 0) {
        throw new IllegalArgumentException("one-hot column \"" + Excerpt.of(e.getKey()) + "\" is not an input");
      }
      double[] c = e.getValue();
      if (c.length == 0 || c.length > MAX_CATEGORIES) {
        throw new IllegalArgumentException("one-hot column \"" + Excerpt.of(e.getKey()) + "\" needs 1 to "
            + MAX_CATEGORIES + " categories, found " + c.length);
      }
      for (int k = 0; k < c.length; k++) {
        if (!Double.isFinite(c[k]) || k > 0 && !(c[k] > c[k - 1])) {
          throw new IllegalArgumentException("one-hot column \"" + Excerpt.of(e.getKey()) + "\": categories must be"
              + " finite numbers in increasing order, found " + Arrays.toString(c));
        }
      }
      byColumn[j] = c.clone();
      for (int k = 0; k < c.length; k++) {
        byColumn[j][k] = c[k] == 0.0 ? 0.0 : c[k]; // -0.0 is the category 0, which category() looks up as 0.0
      }
    }
    List<List<String>> wordsOf = new ArrayList<>(Collections.nCopies(inputs.size(), (List<String>) null));
    for (Map.Entry<String, List<String>> e : words.entrySet()) {
      String column = Excerpt.of(e.getKey());
      double[] c = categories.get(e.getKey());
      List<String> w = List.copyOf(e.getValue());
      if (c == null || c.length != w.size()) {
        throw new IllegalArgumentException("one-hot column \"" + column + "\" needs one word per category, found "
            + w.size() + " words for " + (c == null ? 0 : c.length) + " categories");
      }
      for (int k = 0; k < c.length; k++) {
        if (c[k] != k) {
          throw new IllegalArgumentException("one-hot column \"" + column + "\" of words has the codes 0.."
              + (c.length - 1) + ", found " + Arrays.toString(c));
        }
        if (w.get(k).isEmpty() || w.indexOf(w.get(k)) != k) {
          throw new IllegalArgumentException("one-hot column \"" + column + "\": its words must be distinct and not"
              + " empty, found " + w.stream().map(Excerpt::of).toList());
        }
      }
      wordsOf.set(inputs.indexOf(e.getKey()), w);
    }
    return new OneHot(inputs, byColumn, Collections.unmodifiableList(wordsOf));
  }

  /**
   * Fits the encoding of {@code columns} on {@code data}: their categories are the values the data holds.
   *
   * @throws DataException for a column the data lacks (naming those it has), a missing value in an encoded column,
   *     or a column of more than {@value #MAX_CATEGORIES} distinct values
   */
  public static OneHot fit(Dataset data, List<String> columns) {
    return fit(data, columns, Map.of());
  }

  /**
   * {@link #fit(Dataset, List)} for data whose category columns may hold words, read as codes
   * ({@link CategoryWords}): such a column's categories are all its words' codes 0 … k−1.
   *
   * @param words for each column read as words, its words in the order of their codes
   */
  public static OneHot fit(Dataset data, List<String> columns, Map<String, List<String>> words) {
    List<String> names = data.featureNames();
    Map<String, double[]> categories = new LinkedHashMap<>();
    for (String column : columns) {
      int j = names.indexOf(column);
      if (j < 0) {
        List<String> near = Suggestions.closest(column, names);
        throw new DataException(data.source() + ": one-hot column \"" + Excerpt.of(column) + "\" is not a feature"
            + (near.isEmpty() ? "." : "; did you mean " + CsvReader.quoted(near, near.size()) + "?")
            + " Features: " + CsvReader.columnList(names.toArray(String[]::new)));
      }
      TreeSet<Double> seen = new TreeSet<>();
      for (int r = 0; r < data.size(); r++) {
        double v = data.x(r, j);
        if (Double.isNaN(v)) {
          throw new DataException(data.source() + ": data row " + (r + 1) + " has no value for \"" + Excerpt.of(column)
              + "\", a one-hot column; its values must be categories (missing: drop leaves such rows out)");
        }
        if (data.inputPrecision() == Precision.FLOAT32 && v != Math.rint(v)) {
          // a float32 run holds 0.1 as 0.100000001490116…, which a file or a program giving 0.1 would never match
          throw new DataException(data.source() + ": \"" + Excerpt.of(column) + "\" holds " + Float.toString((float) v)
              + " in data row " + (r + 1) + "; in a float32 run a one-hot column holds whole-number codes or words, as"
              + " its values are held as float32 numbers, which most decimals are not exactly");
        }
        seen.add(v == 0.0 ? 0.0 : v); // -0.0 and 0.0 are one category
        if (seen.size() > MAX_CATEGORIES) {
          throw new DataException(data.source() + ": \"" + Excerpt.of(column) + "\" has more than " + MAX_CATEGORIES
              + " distinct values; one-hot is for columns of categories, of at most " + MAX_CATEGORIES);
        }
      }
      List<String> w = words.get(column);
      categories.put(column, w == null ? seen.stream().mapToDouble(Double::doubleValue).toArray()
          : IntStream.range(0, w.size()).asDoubleStream().toArray());
    }
    Map<String, List<String>> used = new LinkedHashMap<>();
    for (String column : columns) {
      if (words.containsKey(column)) {
        used.put(column, words.get(column));
      }
    }
    return of(names, categories, used);
  }

  /** The name of the input that is 1 for the code {@code category} of {@code column}: {@code island=2}. */
  static String featureName(String column, double category) {
    return column + "=" + categoryText(category);
  }

  /** A category as written: an integer without a decimal point, any other number as Java writes it. */
  public static String categoryText(double category) {
    return category == Math.rint(category) && Math.abs(category) < 1e15 ? Long.toString((long) category)
        : Double.toString(category);
  }

  /** The columns the encoding reads, in order. */
  public List<String> inputs() {
    return inputs;
  }

  /** The columns it gives, in order: the network's inputs. */
  public List<String> features() {
    return features;
  }

  /** The encoded columns and their categories, in input order; the arrays are copies. */
  public Map<String, double[]> categories() {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (int j = 0; j < categories.length; j++) {
      if (categories[j] != null) {
        m.put(inputs.get(j), categories[j].clone());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The encoded columns of words and their words, code by code, in input order. */
  public Map<String, List<String>> words() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int j = 0; j < words.size(); j++) {
      if (words.get(j) != null) {
        m.put(inputs.get(j), words.get(j));
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The code of {@code word} in the encoded column {@code column}: what a row gives {@link dev.nn.core.model.Model}
   * for it.
   *
   * @throws IllegalArgumentException for a column that is not one of words, or a word that is not one of its own
   */
  public double code(String column, String word) {
    int j = inputs.indexOf(column);
    List<String> w = j < 0 ? null : words.get(j);
    if (w == null) {
      throw new IllegalArgumentException("\"" + Excerpt.of(column) + "\" is not an encoded column of words; those are "
          + words().keySet());
    }
    int k = w.indexOf(word);
    if (k < 0) {
      throw new IllegalArgumentException("\"" + Excerpt.of(word) + "\" is not one of the categories of \""
          + Excerpt.of(column) + "\": " + CategoryText.list(w));
    }
    return k;
  }

  /** The positions, among {@link #features()}, of the 0/1 columns an encoded column gives. */
  public int[] encodedFeatures() {
    List<Integer> at = new ArrayList<>();
    int f = 0;
    for (double[] c : categories) {
      int width = c == null ? 1 : c.length;
      for (int k = 0; k < width; k++, f++) {
        if (c != null) {
          at.add(f);
        }
      }
    }
    return at.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * {@code data} with its encoded columns replaced by their 0/1 columns, held in the same precision; targets and
   * class labels are shared.
   *
   * @throws DataException if {@code data} does not have this encoding's input columns, or for a value that is not
   *     one of its column's categories
   */
  public Dataset encode(Dataset data) {
    if (!data.featureNames().equals(inputs)) {
      throw new DataException(data.source() + " has the feature columns "
          + CsvReader.columnList(data.featureNames().toArray(String[]::new)) + "; a one-hot encoding reads those of the"
          + " training data: " + CsvReader.columnList(inputs.toArray(String[]::new)));
    }
    int rows = data.size();
    InputValues x = InputValues.zeros(rows * features.size(), data.inputPrecision());
    for (int r = 0; r < rows; r++) {
      int f = r * features.size();
      for (int j = 0; j < categories.length; j++) {
        double v = data.x(r, j);
        if (categories[j] == null) {
          x.set(f++, v);
        } else {
          int k = category(j, v);
          if (Double.isNaN(v)) {
            throw new DataException(data.source() + ": data row " + (r + 1) + " has no value for \""
                + Excerpt.of(inputs.get(j)) + "\", a one-hot column; its values must be categories (missing: drop"
                + " leaves such rows out)");
          }
          if (k < 0) {
            throw new DataException(data.source() + ": data row " + (r + 1) + " has " + valueText(v) + " for \""
                + Excerpt.of(inputs.get(j)) + "\", which is not one of the categories it has in the training data: "
                + categoryList(j));
          }
          x.set(f + k, 1.0);
          f += categories[j].length;
        }
      }
    }
    return data.withFeatures(x, features);
  }

  /**
   * Encodes {@code rows} rows of input values into {@code out}.
   *
   * @param in row-major rows of {@code inputs().size()} values. Not modified.
   * @param first the first row of {@code in} to encode
   * @param out rows × {@code features().size()}, row-major. Modified.
   * @throws IllegalArgumentException for a value that is not one of its column's categories, naming the row
   */
  public void encode(double[] in, int first, int rows, double[] out) {
    int d = inputs.size();
    int width = features.size();
    Arrays.fill(out, 0, rows * width, 0.0);
    for (int r = 0; r < rows; r++) {
      int f = r * width;
      for (int j = 0; j < d; j++) {
        double v = in[(first + r) * d + j];
        if (categories[j] == null) {
          out[f++] = v;
        } else {
          int k = category(j, v);
          if (k < 0) {
            throw new IllegalArgumentException("input \"" + Excerpt.of(inputs.get(j)) + "\" of row " + (first + r)
                + " is " + valueText(v) + ", which is not one of the categories the model was trained on: "
                + (words.get(j) != null ? "the codes of its words, " + codeList(j) : categoryList(j)));
          }
          out[f + k] = 1.0;
          f += categories[j].length;
        }
      }
    }
  }

  /**
   * Refuses rows of input values that hold a category the encoding lacks: a file read for a model, whose message
   * names it.
   *
   * @param in rows × {@code inputs().size()}, row-major. Not modified.
   * @throws DataException naming the first such row (counted from 1 after the header), its column and value, and
   *     the column's categories
   */
  public void requireKnown(double[] in, int rows, String source) {
    requireKnown(in, rows, source, 0);
  }

  /**
   * {@link #requireKnown(double[], int, String)} of a block of a file's rows whose first is data row {@code firstRow}
   * (counted from 0): the message numbers the row as the file does.
   */
  public void requireKnown(double[] in, int rows, String source, int firstRow) {
    int d = inputs.size();
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        double v = in[r * d + j];
        if (categories[j] != null && category(j, v) < 0) {
          throw new DataException(source + ": data row " + (firstRow + r + 1) + " has " + valueText(v) + " for \""
              + Excerpt.of(inputs.get(j)) + "\", which is not one of the categories the model was trained on: "
              + categoryList(j));
        }
      }
    }
  }

  /** The index of {@code v} among column j's categories, or −1. */
  private int category(int j, double v) {
    int k = Arrays.binarySearch(categories[j], v == 0.0 ? 0.0 : v);
    return k < 0 ? -1 : k;
  }

  private static String valueText(double v) {
    return Double.isFinite(v) ? categoryText(v) : Double.toString(v);
  }

  /** A column of words' codes, each with its word ("0 (Biscoe)"): what a row of codes is compared with. */
  private String codeList(int j) {
    List<String> w = words.get(j);
    return CategoryText.list(IntStream.range(0, categories[j].length)
        .mapToObj(k -> categoryText(categories[j][k]) + " (" + w.get(k) + ")").toList());
  }

  /** Column j's categories (its words, for a column of words), the first 20 of a long list. */
  private String categoryList(int j) {
    return CategoryText.list(words.get(j) != null ? words.get(j)
        : Arrays.stream(categories[j]).mapToObj(OneHot::categoryText).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OneHot h && inputs.equals(h.inputs) && Arrays.deepEquals(categories, h.categories)
        && words.equals(h.words);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * inputs.hashCode() + Arrays.deepHashCode(categories)) + words.hashCode();
  }

  @Override
  public String toString() {
    return "OneHot" + categories().keySet();
  }
}
