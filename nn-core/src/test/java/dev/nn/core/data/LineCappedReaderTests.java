package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LineCappedReaderTests {
  /** A reader that hands out at most {@code chunk} characters per call, as a slow stream might. */
  private static Reader chunked(String text, int chunk) {
    StringReader in = new StringReader(text);
    return new Reader() {
      @Override
      public int read(char[] b, int off, int len) throws IOException {
        return in.read(b, off, Math.min(len, chunk));
      }

      @Override
      public void close() {
      }
    };
  }

  private static String drain(Reader r) throws IOException {
    StringBuilder s = new StringBuilder();
    char[] b = new char[4096];
    int n;
    while ((n = r.read(b, 0, b.length)) > 0) {
      s.append(b, 0, n);
    }
    return s.toString();
  }

  @Test
  void aLineOfExactlyTheLimitPassesWhateverTheChunks() throws IOException {
    String text = "a\r\nb\rc\n" + "x".repeat(LineCappedReader.MAX_LINE) + "\r\n";
    for (int chunk : new int[] {1, 7, 4096}) {
      assertEquals(text, drain(new LineCappedReader(chunked(text, chunk), "f.csv")));
    }
  }

  @Test
  void aLongerLineIsRefusedWithItsNumberCountingCrLfAndLoneCrAsOneBreakEach() {
    String text = "a\r\nb\rc\n\n" + "x".repeat(LineCappedReader.MAX_LINE + 1);
    for (int chunk : new int[] {1, 5, 4096}) {
      DataException e = assertThrows(DataException.class,
          () -> drain(new LineCappedReader(chunked(text, chunk), "f.csv")));
      assertEquals("f.csv:5: line is longer than 1048576 characters; lines of a CSV file are limited to 1 MiB",
          e.getMessage(), "chunk " + chunk);
    }
  }
}
