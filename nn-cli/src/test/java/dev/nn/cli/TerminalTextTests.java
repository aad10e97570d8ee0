package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Lines other than epoch lines on a narrow terminal: broken between words, preferring the wide gaps between a label
 * and its value or between figures; the terminal's own wrapping printed "accuracy 0" and ".9367".
 */
class TerminalTextTests {
  private static final String N = System.lineSeparator();

  @Test
  void aFiguresLineBreaksBetweenFiguresNotInsideOne() {
    String line = "validation     loss 0.229640  accuracy 0.9367";
    assertEquals(line, TerminalText.wrap(line, 80));
    assertEquals("validation     loss 0.229640" + N + "  accuracy 0.9367", TerminalText.wrap(line, 40));
  }

  @Test
  void aLineWithoutWideGapsBreaksAtASpace() {
    assertEquals("network 784-256-10 (relu, identity)," + N + "  203,530 parameters",
        TerminalText.wrap("network 784-256-10 (relu, identity), 203,530 parameters", 40));
  }

  @Test
  void everyLineFitsButAWordLongerThanALine() {
    String line = "cross-validation: 4 of 4 folds completed; test accuracy 0.668588 ± 0.0456404; validation accuracy"
        + " 0.765625 ± 0.0403436";
    for (int columns : new int[] {40, 60, 80}) {
      String wrapped = TerminalText.wrap(line, columns);
      assertTrue(wrapped.lines().allMatch(l -> l.length() < columns), wrapped);
      assertEquals(line, wrapped.replace(N + "  ", " "), "nothing lost but the breaks");
    }
    assertEquals("model" + N + "  /a/very/long/path/of/a/run/model.nnm",
        TerminalText.wrap("model /a/very/long/path/of/a/run/model.nnm", 20));
  }
}
