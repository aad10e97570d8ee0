package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Category columns of words ({@code Biscoe}, {@code Dream}): a one-hot column may hold words instead of codes; each
 * word's code is its index among the column's words in sorted order, fixed words are kept by held-out files and
 * models, and a column of both numbers and words, an unknown word and a word in any other column are one message
 * each, naming the line.
 */
class CategoryWordsTests {
  @TempDir Path dir;

  private static final Path PENGUINS = Path.of("../examples/data/penguins.csv");
  private static final List<String> ISLANDS = List.of("Biscoe", "Dream", "Torgersen");

  /**
   * penguins.csv with its island and sex written as the words their codes stand for (0 Biscoe, 1 Dream,
   * 2 Torgersen; 0 female, 1 male), as the source package holds them.
   */
  private Path penguinWords(boolean sexAsWords) throws IOException {
    List<String> lines = Files.readAllLines(PENGUINS);
    StringBuilder s = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      c[0] = ISLANDS.get(Integer.parseInt(c[0]));
      if (sexAsWords) {
        c[5] = c[5].equals("0") ? "female" : "male";
      }
      s.append(String.join(",", c)).append('\n');
    }
    return Files.writeString(dir.resolve("penguin-words.csv"), s);
  }

  private static CategoryWords gathering(List<String> columns, Map<String, List<String>> found) {
    return new CategoryWords(columns, Map.of(), "the training data", found::put);
  }

  /**
   * R's write.csv writes a missing value as a bare NA and the string "NA" in quotes: in a column of words (a
   * category, a class label) the quoted one is a word — Namibia — and the bare one missing; in a column of numbers
   * both are missing.
   */
  @Test
  void aQuotedNaIsAWordInCategoriesAndClassLabelsAndMissingInNumbers() throws IOException {
    Path file = Files.writeString(dir.resolve("countries.csv"), "\"x\",\"country\",\"region\"\n"
        + "1,\"US\",\"NA\"\n2,\"NA\",\"AF\"\n3,\"DE\",\"EU\"\n4,\"NA\",\"AF\"\n");
    Map<String, List<String>> found = new LinkedHashMap<>();
    Dataset read = CsvReader.classification("region").withCategoryWords(gathering(List.of("country"), found))
        .read(file);
    assertEquals(Map.of("country", List.of("DE", "NA", "US")), found);
    assertEquals(List.of("AF", "EU", "NA"), read.classLabels());
    assertEquals(4, read.size());
    assertEquals(List.of(2, 0, 1, 0), java.util.stream.IntStream.range(0, 4).mapToObj(read::classOf).toList());

    Path bare = Files.writeString(dir.resolve("bare.csv"), "x,country,region\n1,US,AF\n2,NA,AF\n");
    DataException missing = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
        () -> CsvReader.classification("region").withCategoryWords(gathering(List.of("country"), new HashMap<>()))
            .read(bare));
    assertEquals(bare + ":3: column \"country\": missing value (\"NA\"); set missing: drop or missing: mean on the"
        + " csv source to accept rows with missing values", missing.getMessage());
    Path number = Files.writeString(dir.resolve("number.csv"), "\"x\",\"region\"\n\"NA\",\"AF\"\n1,\"EU\"\n");
    DataException quotedNumber = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
        () -> CsvReader.classification("region").read(number));
    assertEquals(number + ":2: column \"x\": missing value (\"NA\"); set missing: drop or missing: mean on the"
        + " csv source to accept rows with missing values", quotedNumber.getMessage());
  }

  @Test
  void wordsBecomeTheCodesOfTheirSortedOrderAndReadAsTheNumbersWould() throws IOException {
    Path words = penguinWords(true);
    Map<String, List<String>> found = new LinkedHashMap<>();
    Dataset read = CsvReader.classification("species").withCategoryWords(gathering(List.of("island", "sex"), found))
        .read(words);
    Dataset codes = CsvReader.classification("species").read(PENGUINS);
    // Biscoe < Dream < Torgersen and female < male: the codes of the source package, found again from the words
    // (its first row is a Torgersen penguin: the first word met is not code 0)
    assertEquals(Map.of("island", ISLANDS, "sex", List.of("female", "male")), found);
    assertEquals("Torgersen", Files.readAllLines(words).get(1).split(",")[0]);
    assertArrayEquals(codes.copyX(), read.copyX(), 0.0);
    assertArrayEquals(codes.copyY(), read.copyY(), 0.0);

    // rows in another order code the words alike: a Dream penguin first, still code 1
    List<String> lines = Files.readAllLines(words);
    int dream = 1;
    while (!lines.get(dream).startsWith("Dream,")) {
      dream++;
    }
    Path reordered = Files.writeString(dir.resolve("reordered.csv"), lines.get(0) + "\n" + lines.get(dream) + "\n"
        + String.join("\n", lines.subList(1, dream)) + "\n");
    Map<String, List<String>> again = new LinkedHashMap<>();
    Dataset first = CsvReader.regression("body_mass_g").withCategoryWords(gathering(List.of("island"), again))
        .with(new CsvOptions(List.of("island", "bill_length_mm"), List.of(), CsvOptions.Missing.ERROR,
            CsvOptions.IndexColumn.AUTO)).read(reordered);
    assertEquals(ISLANDS, again.get("island"));
    assertEquals(1.0, first.x(0, 0));
    assertEquals(2.0, first.x(1, 0));
  }

  @Test
  void aFittedEncodingNamesItsInputsByWordAndGivesEachWordsCode() throws IOException {
    Map<String, List<String>> found = new LinkedHashMap<>();
    Dataset read = CsvReader.regression("body_mass_g")
        .withCategoryWords(gathering(List.of("island", "species"), found)).read(penguinWords(false));
    OneHot h = OneHot.fit(read, List.of("island"), found);
    assertEquals(List.of("island=Biscoe", "island=Dream", "island=Torgersen", "bill_length_mm", "bill_depth_mm",
        "flipper_length_mm", "sex", "year", "species"), h.features());
    assertEquals(Map.of("island", ISLANDS), h.words());
    assertArrayEquals(new double[] {0, 1, 2}, h.categories().get("island"), 0.0);
    assertEquals(1.0, h.code("island", "Dream"));
    assertEquals("\"Atlantis\" is not one of the categories of \"island\": Biscoe, Dream, Torgersen",
        assertThrows(IllegalArgumentException.class, () -> h.code("island", "Atlantis")).getMessage());
    assertEquals("\"year\" is not an encoded column of words; those are [island]",
        assertThrows(IllegalArgumentException.class, () -> h.code("year", "2007")).getMessage());
    // a row of codes is told the codes it is compared with, each with its word
    double[] out = new double[h.features().size()];
    double[] row = {5, 39.1, 18.7, 181, 1, 2007, 0};
    assertEquals("input \"island\" of row 0 is 5, which is not one of the categories the model was trained on: the"
        + " codes of its words, 0 (Biscoe), 1 (Dream), 2 (Torgersen)",
        assertThrows(IllegalArgumentException.class, () -> h.encode(row, 0, 1, out)).getMessage());
    // rebuilt from what a model file holds, it is the same encoding
    assertEquals(h, OneHot.of(h.inputs(), h.categories(), h.words()));
  }

  @Test
  void aModelsWordsAreFixedAndAnUnknownWordIsOneMessageWithItsLine() throws IOException {
    Path words = penguinWords(false);
    CategoryWords model = CategoryWords.fixedAs("the model", List.of("island"), Map.of("island", ISLANDS));
    CsvReader.Table table = CsvReader.readTable(words, model);
    assertEquals(List.of(2.0, 2.0, 2.0), List.of(table.values()[0], table.values()[8], table.values()[16]), "Torgersen");
    String moved = Files.readString(words).replaceFirst("\nTorgersen,", "\nAtlantis,");
    Path atlantis = Files.writeString(dir.resolve("atlantis.csv"), moved);
    int line = Files.readAllLines(atlantis).indexOf(Files.readAllLines(atlantis).stream()
        .filter(l -> l.startsWith("Atlantis,")).findFirst().orElseThrow()) + 1;
    assertEquals(atlantis + ":" + line + ": column \"island\": \"Atlantis\" is not one of the categories of the model:"
        + " Biscoe, Dream, Torgersen", assertThrows(DataException.class,
            () -> CsvReader.readTable(atlantis, model)).getMessage());
    // a held-out file read with the training file's words
    CategoryWords heldOut = new CategoryWords(List.of("island"), Map.of("island", ISLANDS), "the training data",
        (c, w) -> { });
    assertEquals(atlantis + ":" + line + ": column \"island\": \"Atlantis\" is not one of the categories of the"
        + " training data: Biscoe, Dream, Torgersen", assertThrows(DataException.class,
            () -> CsvReader.regression("body_mass_g").withCategoryWords(heldOut).read(atlantis)).getMessage());
  }

  @Test
  void aWordWhereTheTrainingDataOrTheModelHasCodesIsOneMessage() throws IOException {
    Path words = penguinWords(false);
    // island was codes in the training file: a held-out file of its words is refused, naming the line
    CategoryWords codes = CategoryWords.fixedAs("the training data", List.of("island"), Map.of());
    assertEquals(words + ":2: column \"island\": \"Torgersen\" is a word, but the training data gives this"
        + " category column as codes; a category column holds codes or words, as the training data does",
        assertThrows(DataException.class,
            () -> CsvReader.regression("body_mass_g").withCategoryWords(codes).read(words)).getMessage());
    // a model's column of codes reads codes, in a table as in a data set
    OneHot model = OneHot.fit(CsvReader.regression("body_mass_g").read(PENGUINS), List.of("island"));
    CsvReader.Table table = CsvReader.readTable(PENGUINS, CategoryWords.ofModel(model));
    assertEquals(CsvReader.readTable(PENGUINS).values()[0], table.values()[0]);
    assertEquals(2.0, table.values()[0]);
    assertEquals(words + ":2: column \"island\": \"Torgersen\" is a word, but the model gives this category"
        + " column as codes; a category column holds codes or words, as the model does",
        assertThrows(DataException.class, () -> CsvReader.readTable(words, CategoryWords.ofModel(model)))
            .getMessage());
    assertEquals(CategoryWords.NONE, CategoryWords.ofModel(null));
  }

  @Test
  void numbersAmongWordsAWordInAnotherColumnAndTooManyWordsAreRefused() throws IOException {
    Path mixed = Files.writeString(dir.resolve("mixed.csv"), "color,x,y\nred,1,0\n2,2,1\nblue,3,0\n");
    Map<String, List<String>> found = new LinkedHashMap<>();
    assertEquals(mixed + ":3: column \"color\": \"2\" is a number among words (first \"red\" on line 2); a category"
        + " column holds codes or words, not both", assertThrows(DataException.class,
            () -> CsvReader.regression("y").withCategoryWords(gathering(List.of("color"), found)).read(mixed))
            .getMessage());
    Path wordsLater = Files.writeString(dir.resolve("later.csv"), "color,x,y\n1,1,0\n2,2,1\nblue,3,0\n");
    assertEquals(wordsLater + ":4: column \"color\": \"blue\" is a word among numbers (first \"1\" on line 2); a"
        + " category column holds codes or words, not both", assertThrows(DataException.class,
            () -> CsvReader.regression("y").withCategoryWords(gathering(List.of("color"), found)).read(wordsLater))
            .getMessage());
    // a column not listed holds numbers, and the message says how to read it as categories
    Path other = Files.writeString(dir.resolve("other.csv"), "color,shade,y\nred,dark,0\nblue,light,1\n");
    assertEquals(other + ":2: column \"shade\": \"dark\" is not a number; values are decimal numbers such as 3, -0.5"
        + " or 1e-3; a column of categories, as words or codes, is read by listing it in data.one-hot, which gives"
        + " the network one 0/1 input per category", assertThrows(DataException.class,
            () -> CsvReader.regression("y").withCategoryWords(gathering(List.of("color"), found)).read(other))
            .getMessage());
    // NaN is a number the reader refuses, not a word
    Path nan = Files.writeString(dir.resolve("nan.csv"), "color,y\nred,0\nNaN,1\n");
    assertEquals(nan + ":3: column \"color\": \"NaN\" is not a finite number; NaN and infinities are not allowed"
        + ", but a NaN that marks a missing value is read as one under missing: drop or missing: mean on the csv source",
        assertThrows(DataException.class,
            () -> CsvReader.regression("y").withCategoryWords(gathering(List.of("color"), found)).read(nan))
            .getMessage());
    StringBuilder many = new StringBuilder("id,y\n");
    for (int i = 0; i <= CategoryText.MAX_WORDS; i++) {
      many.append("w").append(i).append(",0\n");
    }
    Path ids = Files.writeString(dir.resolve("ids.csv"), many);
    assertEquals(ids + ":1002: column \"id\" has more than 1000 distinct words; one-hot is for columns of categories,"
        + " of at most 1000", assertThrows(DataException.class,
            () -> CsvReader.regression("y").withCategoryWords(gathering(List.of("id"), found)).read(ids))
            .getMessage());
  }

  @Test
  void anEncodingOfWordsIsCheckedWhenRebuilt() {
    List<String> inputs = List.of("island", "x");
    Map<String, double[]> codes = Map.of("island", new double[] {0, 1, 2});
    assertEquals("one-hot column \"island\" needs one word per category, found 2 words for 3 categories",
        assertThrows(IllegalArgumentException.class,
            () -> OneHot.of(inputs, codes, Map.of("island", List.of("a", "b")))).getMessage());
    assertEquals("one-hot column \"island\": its words must be distinct and not empty, found [a, b, a]",
        assertThrows(IllegalArgumentException.class,
            () -> OneHot.of(inputs, codes, Map.of("island", List.of("a", "b", "a")))).getMessage());
    assertEquals("one-hot column \"island\" of words has the codes 0..2, found [0.0, 1.0, 3.0]",
        assertThrows(IllegalArgumentException.class, () -> OneHot.of(inputs,
            Map.of("island", new double[] {0, 1, 3}), Map.of("island", List.of("a", "b", "c")))).getMessage());
    assertEquals("the inputs of a one-hot encoding must be distinct, found [island, x, island]",
        assertThrows(IllegalArgumentException.class,
            () -> OneHot.of(List.of("island", "x", "island"), codes)).getMessage());
    assertEquals("one-hot column \"x\" needs one word per category, found 1 words for 0 categories",
        assertThrows(IllegalArgumentException.class,
            () -> OneHot.of(inputs, codes, Map.of("x", List.of("a")))).getMessage());
  }
}
