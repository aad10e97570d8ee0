package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one category column of a CSV file (one that {@code data.one-hot} encodes), gathered row by row:
 * codes, which are numbers, or words ({@code Biscoe}, {@code Dream}), never both in one column.
 *
 * <p>Words become codes: the index of each word among the column's distinct words in sorted (Unicode) order, so
 * that two files with the same words code them alike whatever their row order. With the words fixed (a held-out
 * file read with the training file's, or rows read for a model trained on them) each value must be one of them.
 */
final class CategoryText {
  /** The most distinct words a column may have, as {@link OneHot#MAX_CATEGORIES} codes. */
  static final int MAX_WORDS = OneHot.MAX_CATEGORIES;

  private final String column;
  private final List<String> fixed;
  private final Map<String, Integer> fixedIndex = new HashMap<>();
  /** What the fixed words' column is called in a message: "the training data" or "the model". */
  private final String fixedBy;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> words = new ArrayList<>();
  private int firstNumberLine = -1;
  private String firstNumber;
  private int firstWordLine = -1;
  private String firstWord;

  /**
   * @param fixed the column's words, index by index; empty for a column of codes, where a word is refused; or
   *     {@code null} to take codes or words as they come
   * @param fixedBy where fixed words come from, for messages: {@code "the training data"} or {@code "the model"}
   */
  CategoryText(String column, List<String> fixed, String fixedBy) {
    this.column = column;
    this.fixed = fixed;
    this.fixedBy = fixedBy;
    if (fixed != null) {
      for (int i = 0; i < fixed.size(); i++) {
        fixedIndex.put(fixed.get(i), i);
      }
    }
  }

  /** Whether {@code value} (stripped) is a word of this column rather than a number. */
  private boolean isWord(String value) {
    // NaN and infinities are numbers that the reader refuses, not words
    return fixed != null && !fixed.isEmpty() || !DecimalText.isDecimal(value) && !DecimalText.isNonFiniteWord(value);
  }

  /**
   * The value of a field: its word's provisional code (turned into the final one by {@link #finish}), its fixed
   * word's index, or {@code NaN} for a number, which the caller reads as a number.
   *
   * @throws DataException for a word that is not one of fixed words, or too many distinct words
   */
  double code(String text, String file, int line) {
    String value = DecimalText.strip(text);
    if (!isWord(value)) {
      if (firstNumberLine < 0) {
        firstNumberLine = line;
        firstNumber = value;
      }
      return Double.NaN;
    }
    if (fixed != null && fixed.isEmpty()) {
      throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + Excerpt.of(value)
          + "\" is a word, but " + fixedBy + " gives this category column as codes; a category column holds codes"
          + " or words, as " + fixedBy + " does");
    }
    if (fixed != null) {
      Integer i = fixedIndex.get(value);
      if (i == null) {
        throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\": \"" + Excerpt.of(value)
            + "\" is not one of the categories of " + fixedBy + ": " + list(fixed));
      }
      return i;
    }
    if (firstWordLine < 0) {
      firstWordLine = line;
      firstWord = value;
    }
    Integer id = ids.get(value);
    if (id == null) {
      if (ids.size() >= MAX_WORDS) {
        throw new DataException(file + ":" + line + ": column \"" + Excerpt.of(column) + "\" has more than " + MAX_WORDS
            + " distinct words; one-hot is for columns of categories, of at most " + MAX_WORDS);
      }
      id = ids.size();
      ids.put(value, id);
      words.add(value);
    }
    return id;
  }

  /**
   * Turns the provisional codes of column {@code j} of {@code rows} rows of {@code d} inputs into the words' sorted
   * order, and returns the words; {@code null} for a column of codes.
   *
   * @throws DataException for a column of numbers and words
   */
  List<String> finish(InputValues x, int rows, int d, int j, String file) {
    if (fixed != null) {
      return fixed.isEmpty() ? null : fixed;
    }
    if (firstWordLine < 0) {
      return null;
    }
    if (firstNumberLine >= 0) {
      boolean wordsFirst = firstWordLine < firstNumberLine;
      throw new DataException(file + ":" + Math.max(firstWordLine, firstNumberLine) + ": column \"" + Excerpt.of(column)
          + "\": \"" + Excerpt.of(wordsFirst ? firstNumber : firstWord) + "\" is a " + (wordsFirst ? "number" : "word")
          + " among " + (wordsFirst ? "words" : "numbers") + " (first \"" + Excerpt.of(wordsFirst ? firstWord
              : firstNumber) + "\" on line " + Math.min(firstWordLine, firstNumberLine) + "); a category column holds"
          + " codes or words, not both");
    }
    List<String> sorted = new ArrayList<>(CodePointOrder.distinctSorted(words));
    int[] codeOf = new int[words.size()];
    for (int i = 0; i < words.size(); i++) {
      codeOf[i] = Collections.binarySearch(sorted, words.get(i), CodePointOrder.ORDER);
    }
    for (int r = 0; r < rows; r++) {
      double v = x.get(r * d + j);
      if (!Double.isNaN(v)) {
        x.set(r * d + j, codeOf[(int) v]);
      }
    }
    return sorted;
  }

  /** Categories as a message lists them: the first 20 of a long list, then how many in all. */
  static String list(List<String> words) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < Math.min(words.size(), 20); k++) {
      s.append(k == 0 ? "" : ", ").append(Excerpt.of(words.get(k)));
    }
    return words.size() > 20 ? s.append(", … (").append(words.size()).append(" in all)").toString() : s.toString();
  }
}
