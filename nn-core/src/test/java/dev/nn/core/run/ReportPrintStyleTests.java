package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A printed report keeps what a scroll box shows on screen: on paper there is no scrolling, and a confusion
 * matrix's total and recall columns past the page's edge were simply not printed (nor kept whole across pages).
 */
class ReportPrintStyleTests {
  private static String printBlock() {
    String css = ReportStyle.CSS;
    int start = css.indexOf("@media print {");
    assertTrue(start >= 0, "the style has rules for print");
    int depth = 0;
    for (int i = css.indexOf('{', start); i < css.length(); i++) {
      depth += css.charAt(i) == '{' ? 1 : css.charAt(i) == '}' ? -1 : 0;
      if (depth == 0) {
        return css.substring(start, i + 1);
      }
    }
    throw new AssertionError("an unclosed print block");
  }

  @Test
  void onPaperNothingScrollsAndCardsAndRowsAreNotSplit() {
    String print = printBlock();
    assertTrue(print.contains(".chart-scroll, .scroll, pre.file { overflow: visible;"), print);
    assertTrue(print.contains(".card, .panel, svg.chart, tr { break-inside: avoid; }"), print);
    assertTrue(print.contains("table.confusion td { min-width: 0; }"), print);
  }
}
