package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.kernel.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.one-hot}: a column of category codes becomes one 0/1 column per category, the categories being the
 * distinct values of the data it is fitted on; everything else passes as it is, and a value outside the categories
 * is refused wherever it is met.
 */
class OneHotTests {
  @TempDir Path dir;

  private static final Path PENGUINS = Path.of("../examples/data/penguins.csv");
  private static final List<String> PENGUIN_FEATURES = List.of("island", "bill_length_mm", "bill_depth_mm",
      "flipper_length_mm", "body_mass_g", "sex", "year");

  /** Four rows of a, color (codes 3, 1, 3, 2) and b. */
  private static Dataset colors() {
    return Dataset.regression("colors", new double[] {
        1.5, 3, 10,
        2.5, 1, 20,
        3.5, 3, 30,
        4.5, 2, 40}, new double[] {0.5, 1.5, 2.5, 3.5}, List.of("a", "color", "b"), List.of("y"));
  }

  @Test
  void theCategoriesAreTheDistinctValuesInIncreasingOrderAndEachTakesItsColumnsPlace() {
    Dataset d = colors();
    OneHot h = OneHot.fit(d, List.of("color"));
    assertEquals(List.of("a", "color", "b"), h.inputs());
    assertEquals(List.of("a", "color=1", "color=2", "color=3", "b"), h.features());
    assertEquals(List.of("color"), List.copyOf(h.categories().keySet()));
    assertArrayEquals(new double[] {1, 2, 3}, h.categories().get("color"), 0.0);
    assertArrayEquals(new int[] {1, 2, 3}, h.encodedFeatures());
    assertEquals("OneHot[color]", h.toString());

    Dataset e = h.encode(d);
    assertEquals(List.of("a", "color=1", "color=2", "color=3", "b"), e.featureNames());
    assertEquals(5, e.featureCount());
    assertArrayEquals(new double[] {
        1.5, 0, 0, 1, 10,
        2.5, 1, 0, 0, 20,
        3.5, 0, 0, 1, 30,
        4.5, 0, 1, 0, 40}, e.copyX(), 0.0);
    assertArrayEquals(d.copyY(), e.copyY(), 0.0);
    assertEquals("colors", e.source());
    assertEquals(Task.REGRESSION, e.task());
    assertEquals(List.of("y"), e.targetNames());
    assertArrayEquals(new double[] {1.5, 3, 10, 2.5, 1, 20, 3.5, 3, 30, 4.5, 2, 40}, d.copyX(), 0.0,
        "the data encoded is left as it was");
  }

  @Test
  void severalColumnsAreEncodedInInputOrderWhateverTheOrderTheyAreNamedIn() {
    Dataset d = Dataset.regression("d", new double[] {
        -1, 7, 2.5,
        0.25, 7, -1,
        -1, 8, 2.5}, new double[] {0, 0, 0}, List.of("p", "q", "x"), List.of("y"));
    OneHot h = OneHot.fit(d, List.of("x", "p"));
    assertEquals(List.of("p", "x"), List.copyOf(h.categories().keySet()));
    assertEquals(List.of("p=-1", "p=0.25", "q", "x=-1", "x=2.5"), h.features());
    assertArrayEquals(new int[] {0, 1, 3, 4}, h.encodedFeatures());
    assertArrayEquals(new double[] {
        1, 0, 7, 0, 1,
        0, 1, 7, 1, 0,
        1, 0, 8, 0, 1}, h.encode(d).copyX(), 0.0);
    assertEquals(OneHot.fit(d, List.of("p", "x")), h, "the same encoding, whatever the order of the list");
  }

  @Test
  void aClassifiersRowsKeepTheirClasses() {
    Dataset d = Dataset.classification("c", new double[] {0, 1, 2, 0, 0, 1}, new int[] {2, 0, 1},
        List.of("island", "size"), "species", List.of("a", "b", "c"));
    Dataset e = OneHot.fit(d, List.of("island")).encode(d);
    assertEquals(List.of("island=0", "island=2", "size"), e.featureNames());
    assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0, 1, 0, 1}, e.copyX(), 0.0);
    assertEquals(Task.CLASSIFICATION, e.task());
    assertEquals(List.of("a", "b", "c"), e.classLabels());
    assertEquals(List.of("species"), e.targetNames());
    for (int r = 0; r < 3; r++) {
      assertEquals(d.classOf(r), e.classOf(r));
    }
  }

  @Test
  void penguinsIslandsAndSexesBecomeFiveColumnsOfWhichEachRowHasOne1PerColumnEncoded() {
    Dataset raw = CsvReader.classification("species").read(PENGUINS);
    assertEquals(333, raw.size());
    assertEquals(PENGUIN_FEATURES, raw.featureNames());
    OneHot h = OneHot.fit(raw, List.of("sex", "island"));
    assertArrayEquals(new double[] {0, 1, 2}, h.categories().get("island"), 0.0);
    assertArrayEquals(new double[] {0, 1}, h.categories().get("sex"), 0.0);
    assertEquals(List.of("island=0", "island=1", "island=2", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
        "body_mass_g", "sex=0", "sex=1", "year"), h.features());
    assertArrayEquals(new int[] {0, 1, 2, 7, 8}, h.encodedFeatures());

    Dataset e = h.encode(raw);
    assertEquals(333, e.size());
    // the first data row: 2,39.1,18.7,181,3750,1,2007,0 (Torgersen, male); the 16th: 0,37.8,18.3,174,3400,0,2007,0
    assertArrayEquals(new double[] {0, 0, 1, 39.1, 18.7, 181, 3750, 0, 1, 2007}, row(e, 0), 0.0);
    assertArrayEquals(new double[] {1, 0, 0, 37.8, 18.3, 174, 3400, 1, 0, 2007}, row(e, 15), 0.0);
    double[] ones = new double[10];
    for (int r = 0; r < e.size(); r++) {
      double[] x = row(e, r);
      for (int j = 0; j < 10; j++) {
        ones[j] += x[j];
      }
      int island = (int) raw.x(r, 0);
      int sex = (int) raw.x(r, 5);
      for (int k = 0; k < 3; k++) {
        assertEquals(k == island ? 1.0 : 0.0, x[k], "row " + r + " island=" + k);
      }
      for (int k = 0; k < 2; k++) {
        assertEquals(k == sex ? 1.0 : 0.0, x[7 + k], "row " + r + " sex=" + k);
      }
      for (int j = 1; j <= 4; j++) {
        assertEquals(raw.x(r, j), x[j + 2], "row " + r + " " + raw.featureNames().get(j));
      }
      assertEquals(raw.x(r, 6), x[9], "row " + r + " year");
      assertEquals(raw.classOf(r), e.classOf(r));
    }
    // 163 penguins of Biscoe, 123 of Dream, 47 of Torgersen; 165 female, 168 male
    assertEquals(163, ones[0]);
    assertEquals(123, ones[1]);
    assertEquals(47, ones[2]);
    assertEquals(165, ones[7]);
    assertEquals(168, ones[8]);
  }

  @Test
  void float32DataStaysFloat32AndItsOtherColumnsKeepTheirFloatValues() {
    Dataset raw = CsvReader.classification("species").read(PENGUINS).inPrecision(Precision.FLOAT32);
    assertEquals(Precision.FLOAT32, raw.inputPrecision());
    OneHot h = OneHot.fit(raw, List.of("island"));
    assertArrayEquals(new double[] {0, 1, 2}, h.categories().get("island"), 0.0);
    Dataset e = h.encode(raw);
    assertEquals(Precision.FLOAT32, e.inputPrecision());
    assertArrayEquals(new double[] {0, 0, 1, (float) 39.1, (float) 18.7, 181, 3750, 1, 2007}, row(e, 0), 0.0);
    assertNotEquals(39.1, e.x(0, 3), "held as a float, not widened back to the double 39.1");

    Dataset doubles = CsvReader.classification("species").read(PENGUINS);
    assertEquals(Precision.FLOAT64, h.encode(doubles).inputPrecision(), "each data set keeps its own precision");
    // codes that are not whole numbers are refused in float32, where 0.1 is held as 0.100000001490116…, which a
    // file giving 0.1 to the model would never match; in float64 they are categories like any other
    Dataset tenths = Dataset.regression("h", new double[] {0.5, 0.1, 0.5}, new double[] {0, 0, 0}, List.of("x"),
        List.of("y"));
    OneHot f = OneHot.fit(tenths, List.of("x"));
    assertArrayEquals(new double[] {0.1, 0.5}, f.categories().get("x"), 0.0);
    assertEquals(List.of("x=0.1", "x=0.5"), f.features());
    DataException e32 = assertThrows(DataException.class,
        () -> OneHot.fit(tenths.inPrecision(Precision.FLOAT32), List.of("x")));
    assertEquals("h: \"x\" holds 0.5 in data row 1; in a float32 run a one-hot column holds whole-number codes or"
        + " words, as its values are held as float32 numbers, which most decimals are not exactly", e32.getMessage());
  }

  @Test
  void minusZeroAndZeroAreOneCategory() {
    Dataset d = Dataset.regression("z", new double[] {-0.0, 1, 0.0, -0.0}, new double[] {0, 0, 0, 0}, List.of("z"),
        List.of("y"));
    OneHot h = OneHot.fit(d, List.of("z"));
    double[] categories = h.categories().get("z");
    assertEquals(2, categories.length);
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(categories[0]), "written as 0, not -0");
    assertEquals(1.0, categories[1]);
    assertEquals(List.of("z=0", "z=1"), h.features());
    assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0, 1, 0}, h.encode(d).copyX(), 0.0);
    double[] out = new double[2];
    h.encode(new double[] {-0.0}, 0, 1, out);
    assertArrayEquals(new double[] {1, 0}, out, 0.0);
    h.requireKnown(new double[] {-0.0, 0.0, 1.0}, 3, "rows.csv");
  }

  @Test
  void aValueOutsideTheCategoriesIsRefusedNamingItsRowColumnAndTheCategories() {
    OneHot h = OneHot.fit(colors(), List.of("color"));
    Dataset other = Dataset.regression("new.csv", new double[] {1, 2, 3, 1, 4, 3}, new double[] {0, 0},
        List.of("a", "color", "b"), List.of("y"));
    assertEquals("new.csv: data row 2 has 4 for \"color\", which is not one of the categories it has in the training"
        + " data: 1, 2, 3", assertThrows(DataException.class, () -> h.encode(other)).getMessage());
    Dataset half = Dataset.regression("half.csv", new double[] {1, 2.5, 3}, new double[] {0}, List.of("a", "color", "b"),
        List.of("y"));
    assertEquals("half.csv: data row 1 has 2.5 for \"color\", which is not one of the categories it has in the"
        + " training data: 1, 2, 3", assertThrows(DataException.class, () -> h.encode(half)).getMessage());
  }

  @Test
  void aLongListOfCategoriesIsCutAfterTwenty() {
    double[] x = new double[25];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    OneHot h = OneHot.fit(Dataset.regression("many", x, new double[25], List.of("k"), List.of("y")), List.of("k"));
    assertEquals(25, h.features().size());
    assertEquals("k=24", h.features().get(24));
    assertEquals("input \"k\" of row 0 is 25, which is not one of the categories the model was trained on: 0, 1, 2,"
        + " 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, … (25 in all)",
        assertThrows(IllegalArgumentException.class, () -> h.encode(new double[] {25}, 0, 1, new double[25]))
            .getMessage());
  }

  @Test
  void dataWithOtherFeatureColumnsIsRefused() {
    OneHot h = OneHot.fit(colors(), List.of("color"));
    Dataset swapped = Dataset.regression("swapped.csv", new double[] {1, 2, 3}, new double[] {0},
        List.of("color", "a", "b"), List.of("y"));
    assertEquals("swapped.csv has the feature columns color, a, b; a one-hot encoding reads those of the training"
        + " data: a, color, b", assertThrows(DataException.class, () -> h.encode(swapped)).getMessage());
    Dataset encoded = h.encode(colors());
    assertEquals("colors has the feature columns a, color=1, color=2, color=3, b; a one-hot encoding reads those of"
        + " the training data: a, color, b", assertThrows(DataException.class, () -> h.encode(encoded)).getMessage(),
        "data already encoded is not encoded twice");
  }

  @Test
  void aMissingValueInAnEncodedColumnIsRefusedNamingTheDataRow() throws IOException {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, "a,color,y\n1,2,0\n2,3,1\n3,,2\n4,NA,3\n");
    CsvOptions mean = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.MEAN, CsvOptions.IndexColumn.AUTO);
    Dataset d = CsvReader.regression("y").with(mean).leavingMissingValues().read(file);
    assertEquals(file + ": data row 3 has no value for \"color\", a one-hot column; its values must be categories"
        + " (missing: drop leaves such rows out)",
        assertThrows(DataException.class, () -> OneHot.fit(d, List.of("color"))).getMessage());
    // a column that is not encoded may be missing: the run fills it later
    Files.writeString(file, "a,color,y\n1,2,0\n,3,1\n");
    Dataset a = CsvReader.regression("y").with(mean).leavingMissingValues().read(file);
    OneHot h = OneHot.fit(a, List.of("color"));
    assertEquals(List.of("a", "color=2", "color=3"), h.features());
    assertEquals(Double.NaN, h.encode(a).x(1, 0));
  }

  @Test
  void aColumnOfMoreThanAThousandValuesIsNotOfCategories() {
    double[] x = new double[OneHot.MAX_CATEGORIES + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 0.5;
    }
    Dataset many = Dataset.regression("many.csv", x, new double[x.length], List.of("amount"), List.of("y"));
    assertEquals("many.csv: \"amount\" has more than 1000 distinct values; one-hot is for columns of categories, of at"
        + " most 1000", assertThrows(DataException.class, () -> OneHot.fit(many, List.of("amount"))).getMessage());
    OneHot thousand = OneHot.fit(many.head(OneHot.MAX_CATEGORIES), List.of("amount"));
    assertEquals(1000, thousand.features().size());
    assertEquals("amount=499.5", thousand.features().get(999));
    // repeated values count once
    double[] repeated = new double[3000];
    for (int i = 0; i < repeated.length; i++) {
      repeated[i] = i % 1000;
    }
    assertEquals(1000, OneHot.fit(Dataset.regression("r", repeated, new double[3000], List.of("k"), List.of("y")),
        List.of("k")).categories().get("k").length);
  }

  @Test
  void aColumnThatIsNotAFeatureIsRefusedWithSuggestionsAndTheFeatures() {
    Dataset raw = CsvReader.classification("species").read(PENGUINS);
    assertEquals(PENGUINS + ": one-hot column \"islnd\" is not a feature; did you mean \"island\"? Features: island,"
        + " bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex, year",
        assertThrows(DataException.class, () -> OneHot.fit(raw, List.of("islnd"))).getMessage());
    assertEquals(PENGUINS + ": one-hot column \"species\" is not a feature. Features: island, bill_length_mm,"
        + " bill_depth_mm, flipper_length_mm, body_mass_g, sex, year",
        assertThrows(DataException.class, () -> OneHot.fit(raw, List.of("island", "species"))).getMessage(),
        "the target is not a feature");
  }

  @Test
  void predictionRowsAreEncodedFromAnyFirstRowAndAnUnknownValueNamesItsRow() {
    OneHot h = OneHot.fit(colors(), List.of("color"));
    double[] in = {
        9, 1, 90,
        8, 3, 80,
        7, 2, 70,
        6, 5, 60};
    double[] out = new double[11];
    java.util.Arrays.fill(out, -4);
    h.encode(in, 1, 2, out);
    assertArrayEquals(new double[] {
        8, 0, 0, 1, 80,
        7, 0, 1, 0, 70,
        -4}, out, 0.0, "rows 1 and 2 of the input, every 0 written, nothing past them");
    assertArrayEquals(new double[] {9, 1, 90, 8, 3, 80, 7, 2, 70, 6, 5, 60}, in, 0.0);
    assertEquals("input \"color\" of row 3 is 5, which is not one of the categories the model was trained on: 1, 2, 3",
        assertThrows(IllegalArgumentException.class, () -> h.encode(in, 2, 2, new double[10])).getMessage(),
        "the row is counted from the start of the input, not from first");
    assertEquals("input \"color\" of row 0 is NaN, which is not one of the categories the model was trained on: 1,"
        + " 2, 3", assertThrows(IllegalArgumentException.class,
            () -> h.encode(new double[] {0, Double.NaN, 0}, 0, 1, new double[5])).getMessage());
  }

  @Test
  void requireKnownNamesTheFirstDataRowWithACategoryTheEncodingLacks() {
    OneHot h = OneHot.fit(colors(), List.of("color"));
    h.requireKnown(new double[] {100, 1, -5, 0, 2, 0, 0, 3, 0}, 3, "rows.csv");
    DataException e = assertThrows(DataException.class,
        () -> h.requireKnown(new double[] {100, 1, -5, 0, 0, 0, 0, 7, 0}, 3, "rows.csv"));
    assertEquals("rows.csv: data row 2 has 0 for \"color\", which is not one of the categories the model was trained"
        + " on: 1, 2, 3", e.getMessage());
    // only the rows asked about are read
    h.requireKnown(new double[] {100, 1, -5, 0, 0, 0}, 1, "rows.csv");
    // a block of a file's rows whose first is data row 436 (from 0): the row numbered as the file numbers it
    assertEquals("rows.csv: data row 438 has 0 for \"color\", which is not one of the categories the model was"
        + " trained on: 1, 2, 3", assertThrows(DataException.class, () -> h.requireKnown(
            new double[] {100, 1, -5, 0, 0, 0, 0, 7, 0}, 3, "rows.csv", 436)).getMessage());
  }

  @Test
  void ofRebuildsAnEncodingAndRefusesOneThatCannotBe() {
    OneHot fitted = OneHot.fit(colors(), List.of("color"));
    double[] categories = {1, 2, 3};
    OneHot rebuilt = OneHot.of(List.of("a", "color", "b"), Map.of("color", categories));
    assertEquals(fitted, rebuilt);
    assertEquals(fitted.hashCode(), rebuilt.hashCode());
    assertEquals(fitted.features(), rebuilt.features());
    categories[0] = 0;
    assertArrayEquals(new double[] {1, 2, 3}, rebuilt.categories().get("color"), 0.0, "of copies the array");
    rebuilt.categories().get("color")[1] = 5;
    assertArrayEquals(new double[] {1, 2, 3}, rebuilt.categories().get("color"), 0.0, "categories() gives copies");
    assertNotEquals(fitted, OneHot.of(List.of("a", "color", "b"), Map.of("color", new double[] {1, 2})));
    assertNotEquals(fitted, OneHot.of(List.of("a", "color", "c"), Map.of("color", new double[] {1, 2, 3})));

    List<String> inputs = List.of("a", "color", "b");
    assertEquals("a one-hot encoding needs at least one column to encode",
        refused(() -> OneHot.of(inputs, Map.of())));
    assertEquals("one-hot column \"colour\" is not an input",
        refused(() -> OneHot.of(inputs, Map.of("colour", new double[] {1}))));
    assertEquals("one-hot column \"color\" needs 1 to 1000 categories, found 0",
        refused(() -> OneHot.of(inputs, Map.of("color", new double[0]))));
    assertEquals("one-hot column \"color\" needs 1 to 1000 categories, found 1001",
        refused(() -> OneHot.of(inputs, Map.of("color", new double[1001]))));
    assertEquals("one-hot column \"color\": categories must be finite numbers in increasing order, found [1.0, 1.0]",
        refused(() -> OneHot.of(inputs, Map.of("color", new double[] {1, 1}))));
    assertEquals("one-hot column \"color\": categories must be finite numbers in increasing order, found [2.0, 1.0]",
        refused(() -> OneHot.of(inputs, Map.of("color", new double[] {2, 1}))));
    assertEquals("one-hot column \"color\": categories must be finite numbers in increasing order, found [1.0, NaN]",
        refused(() -> OneHot.of(inputs, Map.of("color", new double[] {1, Double.NaN}))));
    assertEquals("one-hot column \"color\": categories must be finite numbers in increasing order, found [-Infinity,"
        + " 1.0]", refused(() -> OneHot.of(inputs, Map.of("color", new double[] {Double.NEGATIVE_INFINITY, 1}))));
    assertEquals("one-hot column \"color\": categories must be finite numbers in increasing order, found [-0.0, 0.0]",
        refused(() -> OneHot.of(inputs, Map.of("color", new double[] {-0.0, 0.0}))), "one category written twice");
    // a second column is checked as the first
    Map<String, double[]> two = new LinkedHashMap<>();
    two.put("color", new double[] {1, 2, 3});
    two.put("b", new double[0]);
    assertEquals("one-hot column \"b\" needs 1 to 1000 categories, found 0", refused(() -> OneHot.of(inputs, two)));
  }

  @Test
  void aCategoryWrittenAsMinusZeroStillMatchesZero() {
    // a model file may hold -0.0, e.g. written by hand: it is the category 0, which a row's 0 or -0 is
    OneHot h = OneHot.of(List.of("z"), Map.of("z", new double[] {-0.0, 1}));
    assertEquals(OneHot.fit(Dataset.regression("z", new double[] {0, 1}, new double[2], List.of("z"), List.of("y")),
        List.of("z")), h);
    assertEquals(List.of("z=0", "z=1"), h.features());
    double[] out = new double[4];
    h.encode(new double[] {0.0, -0.0}, 0, 2, out);
    assertArrayEquals(new double[] {1, 0, 1, 0}, out, 0.0);
    OneHot middle = OneHot.of(List.of("z"), Map.of("z", new double[] {-1, -0.0, 1}));
    double[] three = new double[3];
    middle.encode(new double[] {0.0}, 0, 1, three);
    assertArrayEquals(new double[] {0, 1, 0}, three, 0.0);
  }

  @Test
  void aCategoryIsWrittenAsAnIntegerWhenItIsOne() {
    assertEquals("2", OneHot.categoryText(2.0));
    assertEquals("-3", OneHot.categoryText(-3.0));
    assertEquals("0", OneHot.categoryText(-0.0));
    assertEquals("2.5", OneHot.categoryText(2.5));
    assertEquals("-0.125", OneHot.categoryText(-0.125));
    assertEquals("1.0E-7", OneHot.categoryText(1e-7));
    assertEquals("999999999999999", OneHot.categoryText(999_999_999_999_999.0));
    assertEquals("1.0E15", OneHot.categoryText(1e15), "beyond 15 digits, as Java writes a double");
    assertEquals("-1.0E15", OneHot.categoryText(-1e15));
    assertEquals("island=2", OneHot.featureName("island", 2));
    assertEquals("x=2.5", OneHot.featureName("x", 2.5));
  }

  @Test
  void theStandardizerLeavesTheEncodedColumnsAsTheyAre() {
    Dataset raw = CsvReader.classification("species").read(PENGUINS);
    OneHot h = OneHot.fit(raw, List.of("island"));
    Dataset e = h.encode(raw);
    Standardizer fitted = Standardizer.fit(e);
    Standardizer left = fitted.leaving(h.encodedFeatures());
    double[] means = fitted.means();
    double[] stds = fitted.stds();
    assertEquals(163.0 / 333, means[0], 1e-15, "fitted, island=0 has the share of Biscoe's penguins as its mean");
    for (int j = 0; j < 9; j++) {
      boolean encoded = j < 3;
      assertEquals(encoded ? 0.0 : means[j], left.means()[j], 0.0, e.featureNames().get(j));
      assertEquals(encoded ? 1.0 : stds[j], left.stds()[j], 0.0, e.featureNames().get(j));
    }
    assertArrayEquals(means, fitted.means(), 0.0, "leaving gives a copy");
    assertArrayEquals(stds, fitted.stds(), 0.0);
    Dataset t = left.transform(e);
    for (int r = 0; r < e.size(); r++) {
      for (int j = 0; j < 9; j++) {
        double expected = j < 3 ? e.x(r, j) : (e.x(r, j) - means[j]) / stds[j];
        assertEquals(expected, t.x(r, j), 0.0, "row " + r + " " + e.featureNames().get(j));
      }
    }
    Standardizer none = fitted.leaving(new int[0]);
    assertArrayEquals(means, none.means(), 0.0);
    assertArrayEquals(stds, none.stds(), 0.0);
  }

  @Test
  void encodingTheSameDataTwiceGivesEqualValuesInNewArrays() {
    Dataset d = colors();
    OneHot h = OneHot.fit(d, List.of("color"));
    Dataset first = h.encode(d);
    Dataset second = h.encode(d);
    assertArrayEquals(first.copyX(), second.copyX(), 0.0);
    assertSame(d.source(), first.source());
  }

  private static double[] row(Dataset d, int r) {
    double[] x = new double[d.featureCount()];
    for (int j = 0; j < x.length; j++) {
      x[j] = d.x(r, j);
    }
    return x;
  }

  private static String refused(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }
}
