package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.SpecialFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a CSV file may hold: plain decimal numbers, bounded lines and fields, and only from a regular file. */
class CsvInputLimitsTests {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static String failure(Path file) {
    return assertThrows(DataException.class, () -> CsvReader.regression("last").read(file)).getMessage();
  }

  @Test
  void decimalNumbersInEveryWrittenFormAreRead() throws IOException {
    Path p = write("forms.csv", "a,b,y\n3,-0.5,1e-3\n+2,.5,2.\n 7 ,\t1E+2,-0e0\n");
    Dataset d = CsvReader.regression("y").read(p);
    assertArrayEquals(new double[] {3, -0.5, 2, 0.5, 7, 100}, d.copyX());
    assertArrayEquals(new double[] {1e-3, 2, -0.0}, d.copyY());
  }

  @Test
  void whatJavaReadsButIsNoDecimalNumberIsRefusedWithRowAndColumn() throws IOException {
    String[] values = {"101d", "1f", "2D", "0x1.8p5", "0x10", "1e", "e5", ".", "+", "1.2.3", "1_000", "- 1", "\u00003"};
    for (String v : values) {
      Path p = write("bad.csv", "a,b\n1,2\n" + v + ",4\n");
      assertEquals(p + ":3: column \"a\": \"" + v + "\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3",
          failure(p), v);
    }
  }

  @Test
  void nanAndInfinitiesInAnySpellingAreRefusedAsNotFinite() throws IOException {
    for (String v : new String[] {"NaN", " NaN", "nan", "-Infinity", "Infinity", "+inf", "INF"}) {
      Path p = write("nonfinite.csv", "a,b\n1,2\n3," + v + "\n");
      // a NaN target is named as a missing value the policy missing: drop would leave out
      String nan = v.strip().equalsIgnoreCase("nan") ? ", but a NaN that marks a missing target is read as one under"
          + " missing: drop on the csv source, which leaves such rows out" : "";
      assertEquals(p + ":3: column \"b\": \"" + v.strip() + "\" is not a finite number; NaN and infinities are not allowed"
          + nan, failure(p), v);
    }
    Path huge = write("huge.csv", "a,b\n1,1e999\n");
    assertEquals(huge + ":2: column \"b\": \"1e999\" is too large for a double; the largest magnitude is "
        + Double.MAX_VALUE, failure(huge));
  }

  @Test
  void classLabelsMustBeDecimalIntegers() throws IOException {
    Path hex = write("hex.csv", "a,y\n1,0\n2,0x1\n");
    String orNames = ", or, with labels: names on the csv source, names of classes (numbers and words alike)";
    assertEquals(hex + ":3: class label \"0x1\" in column \"y\" is not an integer; classification targets must be "
        + "class indices 0..k-1" + orNames, assertThrows(DataException.class, () -> CsvReader.classification("y").read(hex))
        .getMessage());
    Path suffix = write("suffix.csv", "a,y\n1,0\n2,1d\n");
    assertEquals(suffix + ":3: class label \"1d\" in column \"y\" is not an integer; classification targets must be "
        + "class indices 0..k-1" + orNames, assertThrows(DataException.class, () -> CsvReader.classification("y").read(suffix))
        .getMessage());
    Path good = write("good.csv", "a,y\n1,0\n2, 1.0\n3,2e0\n");
    assertArrayEquals(new int[] {1, 1, 1}, CsvReader.classification("y").read(good).classCounts());
  }

  @Test
  void aHeaderLineOfTwoMebibytesIsRefusedAfterOneWithAShortMessage() throws IOException {
    Path p = write("wide.csv", "a".repeat(2 << 20) + "\n1\n");
    String message = failure(p);
    assertEquals(p + ":1: line is longer than 1048576 characters; lines of a CSV file are limited to 1 MiB", message);
    assertEquals(message, assertThrows(DataException.class, () -> CsvReader.columnNames(p)).getMessage());
  }

  @Test
  void aLongDataLineIsRefusedWithItsLineNumber() throws IOException {
    Path p = write("long.csv", "a,b\n1,2\n\n1," + "9".repeat((1 << 20) + 1) + "\n");
    assertEquals(p + ":4: line is longer than 1048576 characters; lines of a CSV file are limited to 1 MiB", failure(p));
  }

  @Test
  void aLongFieldIsRefusedAndQuotedOnlyByItsStart() throws IOException {
    String field = "1234567890".repeat(50_000);
    Path p = write("field.csv", "a,b\n1," + field + "\n");
    String message = failure(p);
    assertEquals(p + ":2: column \"b\": the value is 500000 characters long (\"" + field.substring(0, 40)
        + "…(500000 characters)\"); a value has at most 1000 characters", message);
    assertTrue(message.length() < p.toString().length() + 200, message);
    Path name = write("name.csv", "a," + "b".repeat(5000) + "\n1,2\n");
    assertEquals(name + ":1: the name of column 1 is 5000 characters long (\"" + "b".repeat(40)
        + "…(5000 characters)\"); a column name has at most 1000 characters", failure(name));
  }

  @Test
  void aValueWithinTheLimitIsQuotedOnlyByItsStart() throws IOException {
    String text = "x".repeat(900);
    Path p = write("text.csv", "a,b\n1," + text + "\n");
    assertEquals(p + ":2: column \"b\": \"" + "x".repeat(40) + "…(900 characters)\" is not a number; values are "
        + "decimal numbers such as 3, -0.5 or 1e-3", failure(p));
    Path target = write("target.csv", "a,b\n1,2\n");
    String selector = "t".repeat(300);
    assertEquals(target + ": target column \"" + "t".repeat(40) + "…(300 characters)\" not found. Columns: a, b",
        assertThrows(DataException.class, () -> CsvReader.regression(selector).read(target)).getMessage());
  }

  @Test
  void crAndCrlfEndLinesAsLfDoes() throws IOException {
    Path p = write("ends.csv", "a,b\r\n1,2\r3,4\r\n\r\n5,6");
    Dataset d = CsvReader.regression("b").read(p);
    assertArrayEquals(new double[] {1, 3, 5}, d.copyX());
    Path bad = write("ends-bad.csv", "a,b\r\n1,2\r\n\r\nx,4\r\n");
    assertTrue(failure(bad).startsWith(bad + ":4: column \"a\""), failure(bad));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeIsRefusedRatherThanWaitedOn() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "data.csv");
    String expected = fifo + ": is a named pipe (FIFO), not a regular file; expected a CSV file";
    assertEquals(expected, failure(fifo));
    assertEquals(expected, assertThrows(DataException.class, () -> CsvReader.readTable(fifo)).getMessage());
    assertEquals(expected, assertThrows(DataException.class, () -> CsvReader.columnNames(fifo)).getMessage());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anEndlessDeviceIsRefusedRatherThanRead() {
    for (String name : List.of("/dev/zero", "/dev/urandom")) {
      Path device = SpecialFiles.device(name);
      assertEquals(name + ": is a character device, not a regular file; expected a CSV file", failure(device));
    }
  }
}
