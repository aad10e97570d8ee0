package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files separated by semicolons (spreadsheets in decimal-comma locales) or tabs are read as comma-separated
 * ones are, the separator taken from the header; a decimal comma is refused with what to write instead.
 */
class CsvSeparatorTests {
  @TempDir Path dir;

  @Test
  void theHeaderShowsTheSeparatorOutsideQuotes() {
    assertEquals(',', CsvSeparator.of("a,b,y"));
    assertEquals(';', CsvSeparator.of("a;b;y"));
    assertEquals('\t', CsvSeparator.of("a\tb\ty"));
    assertEquals(',', CsvSeparator.of("\"a;b\",y"), "a semicolon inside quotes is part of a name");
    assertEquals(';', CsvSeparator.of("\"a,b\";y"), "so is a comma");
    assertEquals(';', CsvSeparator.of("\"say \"\"hi, there\"\"\";y"));
    assertEquals(',', CsvSeparator.of("y"), "one column: the default");
    assertEquals('\t', CsvSeparator.of("a\tb; c\ty"), "a tab file with a semicolon in a name");
    assertEquals(';', CsvSeparator.of("a;b\tc;y"), "a semicolon file with a tab in a name");
  }

  @Test
  void semicolonAndTabFilesReadAsTheCommaFileDoes() throws Exception {
    Dataset comma = CsvReader.regression("y").read(write("c.csv", "a,b,y\n1,2,3\n4.5,-6,7e-1\n"));
    for (String text : List.of("a;b;y\n1;2;3\n4.5;-6;7e-1\n", "\n\na\tb\ty\r\n1\t2\t3\r\n4.5\t-6\t7e-1\r\n",
        "\"a\";\"b\";\"y\"\n1;2;3\n4.5;-6;7e-1\n")) {
      Dataset d = CsvReader.regression("y").read(write("s.csv", text));
      assertEquals(comma.featureNames(), d.featureNames());
      assertArrayEquals(comma.copyX(), d.copyX());
      assertArrayEquals(comma.copyY(), d.copyY());
    }
    CsvReader.Table t = CsvReader.readTable(write("t.tsv", "a\tb\n1\t2\n"));
    assertEquals(List.of("a", "b"), t.columns());
  }

  @Test
  void blankLinesBeforeTheHeaderAreSkipped() throws Exception {
    Path q = write("ok.csv", "\n".repeat(1000) + "a;y\n1;2\n");
    assertEquals(List.of("a"), CsvReader.regression("y").read(q).featureNames());
  }

  @Test
  void aDecimalCommaIsRefusedWithTheNumberToWrite() throws Exception {
    Path p = write("eu.csv", "a;b;y\n1,5;2;3\n");
    DataException e = assertThrows(DataException.class, () -> CsvReader.regression("y").read(p));
    assertEquals(p + ":2: column \"a\": \"1,5\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3;"
        + " a decimal comma is not read: write 1.5", e.getMessage());
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
