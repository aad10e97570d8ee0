package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvReader#readTable}: every column a number, none of them a target. */
class CsvTableTests {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path p = dir.resolve("t.csv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void everyColumnIsKeptInFileOrderRowMajor() throws IOException {
    CsvReader.Table t = CsvReader.readTable(write("\uFEFFb, a ,c\r\n1,2.5,-3e2\r\n\r\n4,5,6\n"));
    assertEquals(List.of("b", "a", "c"), t.columns());
    assertEquals(2, t.rows());
    assertArrayEquals(new double[] {1, 2.5, -300, 4, 5, 6}, t.values());
  }

  @Test
  void aSingleColumnIsATable() throws IOException {
    CsvReader.Table t = CsvReader.readTable(write("x\n0.25\n"));
    assertEquals(List.of("x"), t.columns());
    assertArrayEquals(new double[] {0.25}, t.values());
  }

  @Test
  void problemsNameTheFileAndLine() throws IOException {
    Path p = write("x,y\n1,2\n3,NaN\n");
    assertEquals(p + ":3: column \"y\": \"NaN\" is not a finite number; NaN and infinities are not allowed",
        assertThrows(DataException.class, () -> CsvReader.readTable(p)).getMessage());
    Path q = write("x,y\n1,2\n\n3\n");
    assertEquals(q + ":4: expected 2 fields as in the header, found 1",
        assertThrows(DataException.class, () -> CsvReader.readTable(q)).getMessage());
    Path r = write("x,x\n1,2\n");
    assertEquals(r + ":1: column name \"x\" appears twice (columns 0 and 1, counting from 0)",
        assertThrows(DataException.class, () -> CsvReader.readTable(r)).getMessage());
    Path s = write("x,y\n");
    assertEquals(s + ": no data rows after the header",
        assertThrows(DataException.class, () -> CsvReader.readTable(s)).getMessage());
    Path missing = dir.resolve("missing.csv");
    assertEquals(missing + ": no such file; expected a CSV file",
        assertThrows(DataException.class, () -> CsvReader.readTable(missing)).getMessage());
  }

  @Test
  void moreRowsThanTheFirstBufferHoldsAreAllRead() throws IOException {
    StringBuilder s = new StringBuilder("i,twice\n");
    for (int i = 0; i < 1000; i++) {
      s.append(i).append(',').append(2 * i).append('\n');
    }
    CsvReader.Table t = CsvReader.readTable(write(s.toString()));
    assertEquals(1000, t.rows());
    assertEquals(999, t.values()[2 * 999]);
    assertEquals(1998, t.values()[2 * 999 + 1]);
  }
}
