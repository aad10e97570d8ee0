package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTests {
  private static final Path DATA = Path.of("../examples/data");

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static String failure(CsvReader reader, Path file) {
    return assertThrows(DataException.class, () -> reader.read(file)).getMessage();
  }

  // --- the project's data files

  @Test
  void diabetesIs442RowsOf10RawFeaturesWithTheTargetByName() {
    Dataset d = CsvReader.regression("target").read(DATA.resolve("diabetes.csv"));
    assertEquals(442, d.size());
    assertEquals(10, d.featureCount());
    assertEquals(Task.REGRESSION, d.task());
    assertEquals(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), d.featureNames());
    assertEquals(List.of("target"), d.targetNames());
    double[] first = {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87};
    for (int j = 0; j < 10; j++) {
      assertEquals(first[j], d.x(0, j));
    }
    assertEquals(151.0, d.y(0, 0));
    assertEquals(4.5951, d.x(441, 8));
    assertEquals(57.0, d.y(441, 0));
    double sum = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < d.size(); i++) {
      sum += d.y(i, 0);
      min = Math.min(min, d.y(i, 0));
      max = Math.max(max, d.y(i, 0));
    }
    assertEquals(67243.0, sum);
    assertEquals(25.0, min);
    assertEquals(346.0, max);
  }

  @Test
  void digitsIs1797ImagesOf64PixelsInTenClasses() {
    Dataset d = CsvReader.classification("last").read(DATA.resolve("digits.csv"));
    assertEquals(1797, d.size());
    assertEquals(64, d.featureCount());
    assertEquals(10, d.targetCount());
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classLabels());
    assertEquals(List.of("target"), d.targetNames());
    assertEquals("pixel_0_0", d.featureNames().get(0));
    assertEquals("pixel_7_7", d.featureNames().get(63));
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
    assertEquals(5.0, d.x(0, 2));
    assertEquals(13.0, d.x(0, 3));
    assertEquals(0, d.classOf(0));
    assertEquals(1, d.classOf(1));
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < 64; j++) {
        double v = d.x(i, j);
        assertEquals(Math.rint(v), v);
        assertEquals(true, v >= 0 && v <= 16, "pixel counts are 0..16");
      }
    }
  }

  @Test
  void irisHasThreeBalancedClassesAndItsTargetCanBeNamedByIndex() {
    Dataset byLast = CsvReader.classification("last").read(DATA.resolve("iris.csv"));
    Dataset byIndex = CsvReader.classification("4").read(DATA.resolve("iris.csv"));
    Dataset byName = CsvReader.classification("target").read(DATA.resolve("iris.csv"));
    assertEquals(150, byLast.size());
    assertEquals(4, byLast.featureCount());
    assertArrayEquals(new int[] {50, 50, 50}, byLast.classCounts());
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, java.util.Arrays.copyOf(byLast.copyX(), 4));
    assertArrayEquals(new double[] {0, 0, 1}, java.util.Arrays.copyOfRange(byLast.copyY(), 149 * 3, 150 * 3));
    assertArrayEquals(byLast.copyX(), byIndex.copyX());
    assertArrayEquals(byLast.copyY(), byName.copyY());
  }

  @Test
  void aFeatureColumnCanBeTheRegressionTarget() {
    Dataset d = CsvReader.regression("0").read(DATA.resolve("iris.csv"));
    assertEquals(List.of("sepal_width_cm", "petal_length_cm", "petal_width_cm", "target"), d.featureNames());
    assertEquals(List.of("sepal_length_cm"), d.targetNames());
    assertEquals(5.1, d.y(0, 0));
    assertEquals(3.5, d.x(0, 0));
    assertEquals(0.0, d.x(0, 3));
  }

  @Test
  void linnerudReadsItsThreeTargetsInTheOrderNamedAndTheOtherColumnsAsFeatures() {
    Dataset d = CsvReader.regression(List.of("pulse", "weight", "waist")).read(DATA.resolve("linnerud.csv"));
    assertEquals(20, d.size());
    assertEquals(List.of("chins", "situps", "jumps"), d.featureNames());
    assertEquals(List.of("pulse", "weight", "waist"), d.targetNames());
    assertEquals(3, d.targetCount());
    // line 2 of the file: 5,162,60,191,36,50
    assertArrayEquals(new double[] {5, 162, 60}, new double[] {d.x(0, 0), d.x(0, 1), d.x(0, 2)});
    assertArrayEquals(new double[] {50, 191, 36}, new double[] {d.y(0, 0), d.y(0, 1), d.y(0, 2)});
    double[] sums = new double[3];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < 3; j++) {
        sums[j] += d.y(i, j);
      }
    }
    // column sums of the file: pulse 1122, weight 3572, waist 708
    assertArrayEquals(new double[] {1122, 3572, 708}, sums);
  }

  @Test
  void targetsMayBeNamedByIndexFirstAndLastAndOneTargetListedReadsAsBefore() throws IOException {
    Path p = write("t.csv", "a,b,c,d\n1,2,3,4\n5,6,7,8\n");
    Dataset d = CsvReader.regression(List.of("first", "2", "last")).read(p);
    assertEquals(List.of("b"), d.featureNames());
    assertEquals(List.of("a", "c", "d"), d.targetNames());
    assertArrayEquals(new double[] {1, 3, 4, 5, 7, 8}, d.copyY());
    Dataset one = CsvReader.regression(List.of("d")).read(p);
    Dataset single = CsvReader.regression("d").read(p);
    assertEquals(single.targetNames(), one.targetNames());
    assertArrayEquals(single.copyY(), one.copyY());
    assertArrayEquals(single.copyX(), one.copyX());
  }

  @Test
  void aColumnNamedTwiceAsATargetAFeatureThatIsATargetAndOnlyTargetsAreRefused() throws IOException {
    Path p = write("t.csv", "a,b,c\n1,2,3\n");
    assertEquals(p + ": target column \"c\" is named twice (c and last); each target column once",
        failure(CsvReader.regression(List.of("c", "last")), p));
    assertEquals(p + ": feature column \"b\" is a target column; a column is either a target or a feature",
        failure(CsvReader.regression(List.of("b", "c")).with(new CsvOptions(List.of("a", "b"), List.of(), CsvOptions.Missing.ERROR,
            CsvOptions.IndexColumn.AUTO)), p));
    assertEquals(p + ": the header has only the target columns \"a\", \"b\", \"c\"; at least one feature column"
        + " is needed", failure(CsvReader.regression(List.of("a", "b", "c")), p));
    assertEquals(p + ": target column \"height\" not found. Columns: a, b, c",
        failure(CsvReader.regression(List.of("a", "height")), p));
  }

  @Test
  void aMissingValueInAnyTargetIsRefusedOrDropsTheRow() throws IOException {
    Path p = write("t.csv", "a,b,c\n1,2,3\n4,5,NA\n7,8,9\n");
    assertEquals(p + ":3: column \"c\": the target is missing (\"NA\"); a row's target cannot be filled in"
        + "; set missing: drop on the csv source to leave such rows out",
        failure(CsvReader.regression(List.of("b", "c")), p));
    Dataset d = CsvReader.regression(List.of("b", "c"))
        .with(new CsvOptions(List.of(), List.of(), CsvOptions.Missing.DROP, CsvOptions.IndexColumn.AUTO)).read(p);
    assertArrayEquals(new double[] {1, 7}, d.copyX());
    assertArrayEquals(new double[] {2, 3, 8, 9}, d.copyY());
  }

  /** missing: mean says how many values it filled, and in which columns, as missing: drop says how many rows it left out. */
  @Test
  void theValuesMissingMeanFillsAreCountedInANote() throws IOException {
    Path p = write("f.csv", "a,b,c,y\n1,,3,0\nNA,5,,1\n7,8,NA,2\n");
    CsvOptions mean = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.MEAN, CsvOptions.IndexColumn.AUTO);
    List<String> notes = new java.util.ArrayList<>();
    CsvReader.regression("y").with(mean).withNotes(notes::add).read(p);
    assertEquals(List.of(p + ": 4 missing values filled with the mean of their columns \"a\", \"b\", \"c\""
        + " (missing: mean)"), notes);
    notes.clear();
    CsvReader.regression("y").with(mean).leavingMissingValues().withNotes(notes::add)
        .read(write("g.csv", "a,b,y\n1,NA,0\n2,3,1\n"));
    assertEquals(List.of(dir.resolve("g.csv") + ": 1 missing value filled with the training rows' mean of its column"
        + " \"b\" (missing: mean)"), notes);
  }

  /**
   * Values listed in missing-values ("?", as UCI's files write a missing value) are missing as NA is: refused
   * naming the policies, dropped, or filled; elsewhere "?" is no number, with a hint naming the key.
   */
  @Test
  void valuesListedAsMissingAreReadAsMissing() throws IOException {
    Path p = write("uci.csv", "a,b,y\n1,?,3\n4, ? ,6\n7,8,9\n");
    CsvOptions marked = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.ERROR, CsvOptions.IndexColumn.AUTO)
        .withMissingValues(List.of("?"));
    assertEquals(p + ":2: column \"b\": missing value (\"?\"); set missing: drop or missing: mean on the csv source"
        + " to accept rows with missing values", failure(CsvReader.regression("y").with(marked), p));
    Dataset dropped = CsvReader.regression("y").with(new CsvOptions(List.of(), List.of(), CsvOptions.Missing.DROP,
        CsvOptions.IndexColumn.AUTO).withMissingValues(List.of("?"))).read(p);
    assertArrayEquals(new double[] {7, 8}, dropped.copyX());
    assertTrue(failure(CsvReader.regression("y"), p).endsWith("\"?\" is not read as a missing value: a missing value"
        + " is an empty field, NA or N/A (which missing: drop or missing: mean on the source then handle), or a value"
        + " listed in missing-values: [\"?\"] on the source"));
  }

  /**
   * A feature of distinct consecutive whole numbers (a row number, an id), in any order, is noted with how to
   * leave it out; one with a gap or a repeat, or a short file's, is not.
   */
  @Test
  void aColumnThatCountsTheRowsIsNotedAsPerhapsAnId() throws IOException {
    StringBuilder counted = new StringBuilder("id,x,gap,y\n");
    for (int i = 0; i < 25; i++) {
      int id = 100 + (i * 7) % 25;
      counted.append(id).append(',').append(i % 3).append(',').append(i < 24 ? i : 30).append(',').append(i)
          .append('\n');
    }
    Path p = write("ids.csv", counted.toString());
    List<String> notes = new java.util.ArrayList<>();
    CsvReader.regression("y").withNotes(notes::add).read(p);
    assertEquals(List.of(p + ": column \"id\" holds 25 whole numbers that are all different and consecutive, as a"
        + " row number or an id does; if it is one, leave it out with features: {ignore: [id]} on the source (an id"
        + " tells a network nothing true of a row; a year or a time index may carry a trend worth keeping)"), notes);
    notes.clear();
    Path shortFile = write("short.csv", "year,y\n1990,1\n1991,2\n1992,3\n");
    CsvReader.regression("y").withNotes(notes::add).read(shortFile);
    CsvReader.regression("target").withNotes(notes::add).read(DATA.resolve("diabetes.csv"));
    assertEquals(List.of(), notes);
  }

  @Test
  void noTargetAtAllIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> CsvReader.regression(List.of()));
  }

  // --- format details

  @Test
  void crlfLineEndsAByteOrderMarkAndBlankLinesReadLikePlainLf() throws IOException {
    Path lf = write("lf.csv", "a,b,y\n1,2.5,0\n3,-4e-1,1\n");
    Path crlf = write("crlf.csv", "\uFEFFa,b,y\r\n1,2.5,0\r\n\r\n3,-4e-1,1\r\n\r\n");
    Dataset a = CsvReader.classification("y").read(lf);
    Dataset b = CsvReader.classification("y").read(crlf);
    assertArrayEquals(new double[] {1, 2.5, 3, -0.4}, b.copyX());
    assertArrayEquals(a.copyX(), b.copyX());
    assertArrayEquals(a.copyY(), b.copyY());
    assertEquals(List.of("a", "b"), b.featureNames());
  }

  @Test
  void integralClassLabelsMayBeWrittenWithADecimalPoint() throws IOException {
    Dataset d = CsvReader.classification("y").read(write("c.csv", "a,y\n1,1.0\n2,0\n"));
    assertArrayEquals(new double[] {0, 1, 1, 0}, d.copyY());
  }

  @Test
  void aFixedClassCountAllowsClassesWithoutRows() throws IOException {
    Dataset d = CsvReader.classification("y").withClasses(4).read(write("c.csv", "a,y\n1,1\n2,3\n"));
    assertEquals(4, d.targetCount());
    assertArrayEquals(new int[] {0, 1, 0, 1}, d.classCounts());
  }

  // --- errors, each with its exact message

  @Test
  void aMissingFileIsNamed() {
    Path p = dir.resolve("nope.csv");
    assertEquals(p + ": no such file; expected a CSV file", failure(CsvReader.regression("last"), p));
  }

  @Test
  void anEmptyFileNeedsAHeader() throws IOException {
    Path p = write("empty.csv", "");
    assertEquals(
        p + ": file is empty; expected a header row of column names on line 1", failure(CsvReader.regression("last"), p));
  }

  /** A comment above the header is read as the header: the message says so, whichever column it then misses. */
  @Test
  void aCommentAboveTheHeaderIsNamedAsOne() throws IOException {
    Path p = write("commented.csv", "# exported 2024-01-01\na,b,y\n1,2,3\n");
    assertEquals(p + ": the header has only the target column \"# exported 2024-01-01\"; at least one feature column"
        + " is needed. The header line, \"# exported 2024-01-01\", begins with #: if it is a comment, remove it and"
        + " any other line above the header: nn reads the first line that is not blank as the header.",
        failure(CsvReader.regression("last"), p));
    String named = failure(CsvReader.regression("y"), p);
    assertTrue(named.contains("The header line, \"# exported 2024-01-01\", begins with #"), named);
  }

  @Test
  void aHeaderWithoutRowsIsRejected() throws IOException {
    Path p = write("h.csv", "a,b\n\n");
    assertEquals(p + ": no data rows after the header", failure(CsvReader.regression("last"), p));
  }

  @Test
  void aRaggedRowNamesItsLineAndBothFieldCounts() throws IOException {
    Path p = write("ragged.csv", "a,b,c\n1,2,3\n\n4,5\n");
    assertEquals(p + ":4: expected 3 fields as in the header, found 2", failure(CsvReader.regression("c"), p));
  }

  @Test
  void aNonNumericFieldNamesLineColumnAndText() throws IOException {
    Path p = write("text.csv", "a,b,c\n1,2,3\n4,five,6\n");
    assertEquals(p + ":3: column \"b\": \"five\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3"
        + "; a column of categories, as words or codes, is read by listing it in data.one-hot, which gives the"
        + " network one 0/1 input per category", failure(CsvReader.regression("c"), p));
  }

  /** A regression's target holding words holds class names: the hint is the task, not the one-hot encoding. */
  @Test
  void classNamesInARegressionsTargetSayToSetTheTaskToClassification() throws IOException {
    Path p = write("species.csv", "a,b,species\n1,2,setosa\n2,3,virginica\n");
    assertEquals(p + ":2: column \"species\": \"setosa\" is not a number, and a regression's target is a number;"
        + " if the column holds classes, set task: classification on the source, which reads its values as class"
        + " names", failure(CsvReader.regression("species"), p));
    // a model's target (nn evaluate) has no source to set: the file is what is to mend
    assertEquals(p + ":2: column \"species\": \"setosa\" is not a number, and this model is a regression, whose"
        + " targets are numbers (a model of classes is trained with task: classification on its source)",
        failure(CsvReader.regression("species").forModel(), p));
    // an input of words keeps its own hint, and so does a missing-value marker in the target
    Path input = write("input.csv", "a,b,y\n1,red,2\n");
    assertTrue(failure(CsvReader.regression("y"), input).endsWith("is read by listing it in data.one-hot, which"
        + " gives the network one 0/1 input per category"));
    Path marker = write("marker.csv", "a,y\n1,?\n");
    assertTrue(failure(CsvReader.regression("y"), marker).contains("\"?\" is not read as a missing value"));
  }

  /**
   * A file without a header loses its first row to the column names: when those names are numbers (all of them,
   * or all but a class name at the end), reading says so, and a name that then appears twice says it too.
   */
  @Test
  void aHeaderOfNumbersIsNotedAsPerhapsARowOfData() throws IOException {
    List<String> notes = new java.util.ArrayList<>();
    Path bare = write("bare.csv", "5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n");
    Dataset d = CsvReader.regression("last").withNotes(notes::add).read(bare);
    assertEquals(2, d.size());
    assertEquals(List.of(bare + ":1: the header's names are numbers (5.1, 3.5, 1.4, 0.2, 0), so line 1 may be a row"
        + " of data: nn reads line 1 as the column names; if the file has no header, add a line naming its columns"),
        notes);
    notes.clear();
    Path uci = write("iris.data", "5.1,3.5,1.4,0.2,Iris-setosa\n4.9,3.0,1.4,0.2,Iris-setosa\n6.3,3.3,6.0,2.5,Iris-virginica\n");
    CsvReader.classification("last").withNotes(notes::add).read(uci);
    assertEquals(1, notes.size(), notes.toString());
    notes.clear();
    CsvReader.regression("target").withNotes(notes::add).read(DATA.resolve("diabetes.csv"));
    Path years = write("years.csv", "id,2019,2020\n1,1,2\n2,3,4\n");
    CsvReader.regression("2020").withNotes(notes::add).read(years);
    assertEquals(List.of(), notes, "names that are words, or a word among numbers");
    Path twice = write("twice.csv", "1,0,1,0.5\n2,1,0,0.25\n");
    assertEquals(twice + ":1: column name \"1\" appears twice (columns 0 and 2, counting from 0); line 1 is the header, and its"
        + " names are numbers: if the file has no header, add a line naming its columns",
        failure(CsvReader.regression("last"), twice));
  }

  @Test
  void aNumberWrittenForPeopleSaysHowToWriteItAndADateSaysToLeaveTheColumnOut() throws IOException {
    String notANumber = "\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3; ";
    String[][] cases = {
        {"\"1,234.5\"", "1,234.5", "a thousands separator is not read: write 1234.5"},
        {"\"12,000\"", "12,000", "a comma is not read: write 12.000 for a decimal comma, or 12000 for thousands"},
        {"\"-1,5\"", "-1,5", "a decimal comma is not read: write -1.5"},
        {"12%", "12%", "a percent sign is not read: write 12 (or the fraction)"},
        {"12 %", "12 %", "a percent sign is not read: write 12 (or the fraction)"},
        {"1 234", "1 234", "a space between digits (a thousands separator) is not read: write 1234"},
        {"-12 345 678.5", "-12 345 678.5", "a space between digits (a thousands separator) is not read: write"
            + " -12345678.5"},
        {"1\u00A0234", "1\u00A0234", "a no-break space between digits (a thousands separator) is not read: write 1234"},
        {"\"1 234,5\"", "1 234,5", "a space between digits (a thousands separator) and a decimal comma are not read:"
            + " write 1234.5"},
        {"\"12,5 %\"", "12,5 %", "a decimal comma and a percent sign are not read: write 12.5 (or the fraction)"},
        {"1.234.567", "1.234.567", "periods between groups of digits (thousands separators) are not read: write 1234567"},
        {"\"-1.234,5\"", "-1.234,5", "periods between groups of digits (thousands separators) and a decimal comma are"
            + " not read: write -1234.5"},
        {"12 €", "12 €", "a currency sign is not read: write 12"},
        {"\"1.234,56 €\"", "1.234,56 €", "periods between groups of digits (thousands separators), a decimal comma and a"
            + " currency sign are not read: write 1234.56"},
        {"\"$1,234.50\"", "$1,234.50", "commas between groups of digits (thousands separators) and a currency sign are"
            + " not read: write 1234.50"},
        {"\"1,234.5 %\"", "1,234.5 %", "commas between groups of digits (thousands separators) and a percent sign are"
            + " not read: write 1234.5 (or the fraction)"},
        {"\u22121 234", "\u22121 234", "a space between digits (a thousands separator) and a minus sign U+2212 (not the"
            + " ASCII hyphen-minus) are not read: write -1234"},
        {"$9.99", "$9.99", "a currency sign is not read: write 9.99"},
        {"€3", "€3", "a currency sign is not read: write 3"}};
    for (String[] c : cases) {
      Path p = write("people.csv", "when,b,c\n1,2,3\n4," + c[0] + ",6\n");
      assertEquals(p + ":3: column \"b\": \"" + c[1] + notANumber + c[2], failure(CsvReader.regression("c"), p), c[0]);
    }
    for (String date : List.of("2024-01-02", "2024-01-02T10:30:00", "02/01/2024", "01.02.24", "10:30", "10:30:15")) {
      Path p = write("dates.csv", "when,b,c\n" + date + ",2,3\n");
      assertEquals(p + ":2: column \"when\": \"" + date + notANumber + "dates and times are not read: leave the column"
          + " out with features: {ignore: [when]} on the source, or write it as a number (days since a start, hour"
          + " of the day)", failure(CsvReader.regression("c"), p), date);
      // as the target, leaving the column out is no way: the message says what is
      assertEquals(p + ":2: column \"when\": \"" + date + "\" is a date or time, and a regression's target is a"
          + " number: dates and times are not read; write the target as a number (days since a start, hour of the"
          + " day), or name another column as the target", failure(CsvReader.regression("when"), p), date);
    }
  }

  @Test
  void anEmptyFieldIsAMissingValue() throws IOException {
    Path p = write("gap.csv", "a,b,c\n1,,3\n");
    assertEquals(p + ":2: column \"b\": missing value (\"\"); set missing: drop or missing: mean on the csv source"
        + " to accept rows with missing values",
        failure(CsvReader.regression("c"), p));
  }

  @Test
  void nanAndInfinityAreRejectedInFeaturesAndTargets() throws IOException {
    Path nan = write("nan.csv", "a,b,c\n1,NaN,3\n");
    assertEquals(
        nan + ":2: column \"b\": \"NaN\" is not a finite number; NaN and infinities are not allowed"
        + ", but a NaN that marks a missing value is read as one under missing: drop or missing: mean on the csv source",
        failure(CsvReader.regression("c"), nan));
    Path inf = write("inf.csv", "a,b,c\n1,2,3\n1,2,-Infinity\n");
    assertEquals(
        inf + ":3: column \"c\": \"-Infinity\" is not a finite number; NaN and infinities are not allowed",
        failure(CsvReader.regression("c"), inf));
  }

  @Test
  void anUnknownTargetColumnListsTheColumnsAndSuggestsTheClosest() throws IOException {
    Path p = write("t.csv", "age,bmi,target\n1,2,3\n");
    assertEquals(
        p + ": target column \"targt\" not found; did you mean \"target\"? Columns: age, bmi, target",
        failure(CsvReader.regression("targt"), p));
    assertEquals(
        p + ": target column \"price\" not found. Columns: age, bmi, target",
        failure(CsvReader.regression("price"), p));
  }

  @Test
  void anUnknownTargetInAWideFileAbbreviatesTheColumnList() {
    Path p = DATA.resolve("digits.csv");
    assertEquals(
        p + ": target column \"label\" not found. Columns: pixel_0_0, pixel_0_1, pixel_0_2, pixel_0_3, pixel_0_4, "
            + "pixel_0_5, pixel_0_6, pixel_0_7, pixel_1_0, pixel_1_1, ... (54 more), target",
        failure(CsvReader.classification("label"), p));
  }

  @Test
  void aTargetIndexBeyondTheLastColumnGivesTheRange() throws IOException {
    Path p = write("t.csv", "a,b,c\n1,2,3\n");
    assertEquals(
        p + ": target column index 3 is out of range; the header has 3 columns, indexes 0..2",
        failure(CsvReader.regression("3"), p));
  }

  @Test
  void aNonIntegerClassLabelNamesLineAndValue() throws IOException {
    Path p = write("c.csv", "a,y\n1,0\n2,2.5\n");
    assertEquals(
        p + ":3: class label \"2.5\" in column \"y\" is not an integer; classification targets must be class indices"
            + " 0..k-1 (if the column holds a quantity, set task: regression on the source)",
        failure(CsvReader.classification("y"), p));
    Path text = write("s.csv", "a,y\n1,setosa\n");
    assertEquals(text + ": column \"y\" holds only the class \"setosa\"; classification needs at least 2 classes",
        failure(CsvReader.classification("y"), text));
  }

  @Test
  void aClassLabelOutOfRangeNamesLineValueAndTheAllowedRange() throws IOException {
    Path p = write("c.csv", "a,y\n1,0\n2,1\n3,3\n");
    assertEquals(
        p + ":4: class label \"3\" in column \"y\" is out of range; allowed 0..2 (3 classes)",
        failure(CsvReader.classification("y").withClasses(3), p));
    Path negative = write("n.csv", "a,y\n1,-1\n");
    assertEquals(
        negative + ":2: class label \"-1\" in column \"y\" is out of range; allowed 0..9999; if the column's values are"
            + " names of classes, not indices (-1 and +1, say), set labels: names on the csv source",
        failure(CsvReader.classification("y"), negative));    // a price read as a class index: the advice names task: regression first
    Path price = write("price.csv", "a,price\n1,215000\n");
    assertEquals(price + ":2: class label \"215000\" in column \"price\" is out of range; allowed 0..9999; if the"
        + " column holds a quantity (a price, a count), set task: regression on the source; if the column's values are"
        + " names of classes, not indices (-1 and +1, say), set labels: names on the csv source",
        failure(CsvReader.classification("price"), price));
    StringBuilder many = new StringBuilder("a,price\n");
    for (int i = 0; i <= CsvReader.MAX_CLASSES; i++) {
      many.append(i).append(",p").append(i).append('\n');
    }
    Path names = write("names.csv", many.toString());
    assertEquals(names + ":" + (CsvReader.MAX_CLASSES + 2) + ": column \"price\" has more than 10000 distinct class"
        + " labels; a classification target has at most that many (if the column holds a quantity, set task:"
        + " regression on the source)", failure(CsvReader.classification("price"), names));
  }

  @Test
  void inferredClassesMustHaveNoGapsAndAtLeastTwoClasses() throws IOException {
    Path gap = write("g.csv", "a,y\n1,1\n2,3\n3,2\n");
    assertEquals(
        gap + ": column \"y\" has class labels up to 3 but no row of class 0; classes must be numbered 0..3 "
            + "without gaps, or set labels: names on the csv source to read its values as class names (1, 2, 3 as 3"
            + " classes, ordered by value)",
        failure(CsvReader.classification("y"), gap));
    Path one = write("o.csv", "a,y\n1,0\n2,0\n");
    assertEquals(
        one + ": column \"y\" holds only class 0; classification needs at least 2 classes",
        failure(CsvReader.classification("y"), one));
  }

  @Test
  void headerNamesMustBePresentAndUnique() throws IOException {
    Path dup = write("d.csv", "a,b,a\n1,2,3\n");
    assertEquals(dup + ":1: column name \"a\" appears twice (columns 0 and 2, counting from 0)",
        failure(CsvReader.regression("b"), dup));
    Path blank = write("b.csv", "a,,c\n1,2,3\n");
    assertEquals(blank + ":1: column 1 of the header (counting from 0, after \"a\") has no name; every column needs"
        + " one", failure(CsvReader.regression("c"), blank));
    // a comma at the end of every line: the empty last name is the sign
    Path trailing = write("t.csv", "a,b,y,\n1,2,3,\n");
    assertEquals(trailing + ":1: column 3 of the header (counting from 0, after \"y\") has no name; every column"
        + " needs one (a separator at the end of the line makes an empty last column)",
        failure(CsvReader.regression("y"), trailing));
  }

  @Test
  void aFileWithOnlyTheTargetHasNoFeatures() throws IOException {
    Path p = write("y.csv", "y\n1\n");
    assertEquals(
        p + ": the header has only the target column \"y\"; at least one feature column is needed",
        failure(CsvReader.regression("y"), p));
  }

  @Test
  void aDirectoryIsNotACsvFile() {
    assertEquals(dir + ": is a directory, expected a CSV file", failure(CsvReader.regression("y"), dir));
  }
}
