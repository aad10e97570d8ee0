package dev.nn.core.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Which feature columns of a CSV file may hold words as categories ({@code Biscoe}, {@code Dream}): the columns a
 * run encodes one-hot, or a model's. Any other column holds numbers only.
 *
 * @param columns the columns that may hold words; one missing from a file is no error here
 * @param fixed for a column whose words are known already (the training file's, a model's), its words index by
 *     index, or an empty list for a column known to hold codes; a column not in it takes what it holds
 * @param fixedBy where the fixed words come from, as a message says it: {@code the training data}, {@code the model}
 * @param found told each column of words the file held and its words, in sorted order (its codes' order)
 */
public record CategoryWords(List<String> columns, Map<String, List<String>> fixed, String fixedBy,
    BiConsumer<String, List<String>> found) {
  /** No column holds words. */
  public static final CategoryWords NONE = new CategoryWords(List.of(), Map.of(), "the training data", (c, w) -> { });

  /** Copies and checks for {@code null}. */
  public CategoryWords {
    columns = List.copyOf(columns);
    fixed = Map.copyOf(fixed);
    Objects.requireNonNull(fixedBy, "fixedBy");
    Objects.requireNonNull(found, "found");
  }

  /**
   * A model's category columns, each fixed to its words or to codes: a file read for its predictions.
   *
   * @param oneHot the model's encoding, or {@code null} for none
   */
  public static CategoryWords ofModel(OneHot oneHot) {
    return oneHot == null ? NONE : fixedAs("the model", List.copyOf(oneHot.categories().keySet()), oneHot.words());
  }

  /**
   * The category columns {@code columns} each fixed as a training file gave them: to its words, or, for a column not
   * in {@code words}, to codes.
   */
  public static CategoryWords fixedAs(String by, List<String> columns, Map<String, List<String>> words) {
    Map<String, List<String>> fixed = new java.util.HashMap<>();
    for (String column : columns) {
      fixed.put(column, words.getOrDefault(column, List.of()));
    }
    return new CategoryWords(columns, fixed, by, (c, w) -> { });
  }
}
