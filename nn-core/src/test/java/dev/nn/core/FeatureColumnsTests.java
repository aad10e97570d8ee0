package dev.nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.data.DataException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file's header against a model's features, as {@code nn evaluate} and {@code nn predict} check it. */
class FeatureColumnsTests {
  /**
   * A file of other columns altogether (iris for a model of 64 pixels): the missing names are listed once, the first
   * twelve and how many in all; the line was 1,200 characters, every pixel in it twice.
   */
  @Test
  void aFileLackingManyFeatureColumnsListsAFewOnce() {
    List<String> pixels = new ArrayList<>();
    for (int k = 0; k < 64; k++) {
      pixels.add("pixel_" + k / 8 + "_" + k % 8);
    }
    List<String> quoted = pixels.subList(0, 12).stream().map(p -> "\"" + p + "\"").toList();
    DataException e = assertThrows(DataException.class,
        () -> FeatureColumns.requireAll(pixels, List.of("sepal_length_cm", "target"), "iris.csv"));
    assertEquals("iris.csv: the model needs the feature columns " + String.join(", ", quoted) + " ... (64 in all),"
        + " which the header lacks; it has sepal_length_cm, target", e.getMessage());
  }

  /** Some of them missing: those, and the model's features for what the file should hold. */
  @Test
  void aFileLackingSomeNamesThemAndTheModelsFeatures() {
    DataException e = assertThrows(DataException.class,
        () -> FeatureColumns.requireAll(List.of("x1", "x2"), List.of("x1", "other"), "f.csv"));
    assertEquals("f.csv: the model needs the feature column \"x2\", which the header lacks; it has x1, other; the"
        + " model's features are x1, x2", e.getMessage());
  }

  /**
   * Names that hold a comma or a quote are listed in quotes ("sepal, length" read as two names), and a comma within a
   * name is no hint to split at commas unless the split names would hold the missing features.
   */
  @Test
  void namesHoldingACommaAreQuotedAndNoSeparatorIsAdvisedThatFindsNoFeature() {
    DataException e = assertThrows(DataException.class, () -> FeatureColumns.requireAll(List.of("sepal_length_cm"),
        List.of("sepal, length", "Iris, \"setosa\"", "target"), "q.csv"));
    assertEquals("q.csv: the model needs the feature column \"sepal_length_cm\", which the header lacks; it has"
        + " \"sepal, length\", \"Iris, \"\"setosa\"\"\", target", e.getMessage());
    DataException split = assertThrows(DataException.class, () -> FeatureColumns.requireAll(List.of("a", "b"),
        List.of("a;b;t", "u"), "s.csv"));
    assertEquals("s.csv: the model needs the feature columns \"a\", \"b\", which the header lacks; it has a;b;t, u;"
        + " the header's names hold ';': if it separates the fields, read the file with ';' as the separator"
        + " (--separator ';')", split.getMessage());
  }

  /**
   * A quoted name holding the separator the file is read with would split into the missing features, but that
   * separator is already the file's: nothing to advise.
   */
  @Test
  void theSeparatorTheFileIsReadWithIsNeverAdvised() {
    List<String> header = List.of("sepal_length_cm,sepal_width_cm", "petal_length_cm");
    List<String> features = List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm");

    DataException atCommas = assertThrows(DataException.class,
        () -> FeatureColumns.requireAll(features, header, "q5.csv", () -> ','));
    DataException atSemicolons = assertThrows(DataException.class,
        () -> FeatureColumns.requireAll(features, header, "q5.csv", () -> ';'));

    assertEquals("q5.csv: the model needs the feature columns \"sepal_length_cm\", \"sepal_width_cm\", which the"
        + " header lacks; it has \"sepal_length_cm,sepal_width_cm\", petal_length_cm; the model's features are"
        + " sepal_length_cm, sepal_width_cm, petal_length_cm", atCommas.getMessage());
    assertTrue(atSemicolons.getMessage().endsWith("; the header's names hold ',': if it separates the fields, read the"
        + " file with ',' as the separator (--separator ',')"), atSemicolons.getMessage());
  }
}
