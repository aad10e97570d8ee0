package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labels: names} reads a class column's values as names, numbers too: the UCI glass data's types 1, 2, 3,
 * 5, 6, 7 are six classes, ordered by value, named as written; a file read with those names (a held-out file, or
 * one evaluated with a model) matches numbers by value and never takes them as indices.
 */
class ClassNamesTests {
  @TempDir Path dir;

  private static final CsvOptions NAMES = CsvOptions.DEFAULTS.withLabels(CsvOptions.Labels.NAMES);

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void numericLabelsWithGapsAreClassesOrderedByValue() throws Exception {
    Path glass = write("glass.csv", "ri,type\n1.5,7\n1.6,1\n1.7,10\n1.8,2\n1.9,3\n2.0,5\n2.1,6.0\n2.2,2\n");
    Dataset d = CsvReader.classification("type").with(NAMES).read(glass);
    assertEquals(List.of("1", "2", "3", "5", "6", "7", "10"), d.classLabels());
    assertEquals(5, d.classOf(0), "7 is the sixth class");
    assertEquals(6, d.classOf(2), "10 sorts after 7 by value, not as text");
    assertEquals(4, d.classOf(6), "6.0 is the class 6");
  }

  @Test
  void wordsAreNamesAsBefore() throws Exception {
    Path p = write("w.csv", "a,y\n1,b\n2,a\n3,10\n");
    assertEquals(List.of("10", "a", "b"), CsvReader.classification("y").with(NAMES).read(p).classLabels(),
        "numbers among words are names too, all in text order");
  }

  @Test
  void aFileReadWithNumericNamesMatchesByValueNotByIndex() throws Exception {
    Path test = write("t.csv", "ri,type\n1.5,1.0\n1.6,7\n");
    Dataset d = CsvReader.classification("type").withClassesNamed(List.of("1", "2", "3", "5", "6", "7")).read(test);
    assertEquals(0, d.classOf(0));
    assertEquals(5, d.classOf(1));
    Path zero = write("z.csv", "ri,type\n1.5,0\n");
    DataException e = assertThrows(DataException.class,
        () -> CsvReader.classification("type").withClassesNamed(List.of("1", "2", "3")).read(zero));
    assertEquals(zero + ":2: class label \"0\" in column \"type\" is not a class of the training data; classes: 1, 2,"
        + " 3", e.getMessage());
  }

  @Test
  void oneDistinctValueIsStillTooFew() throws Exception {
    Path p = write("one.csv", "a,y\n1,4\n2,4.0\n");
    DataException e = assertThrows(DataException.class, () -> CsvReader.classification("y").with(NAMES).read(p));
    assertEquals(p + ": column \"y\" holds only the class \"4\"; classification needs at least 2 classes",
        e.getMessage());
  }
}
