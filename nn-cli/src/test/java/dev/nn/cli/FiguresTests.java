package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.train.Metrics;
import org.junit.jupiter.api.Test;

/** How the command line prints a metrics line. */
class FiguresTests {

  @Test
  void aRegressionLinePrintsSixDigitsAndFourDecimals() {
    Metrics m = new Metrics(0.5, 10, Double.NaN, null, 0.70710678, 0.5, 0.25);
    assertEquals("val-loss 0.500000  val-rmse 0.707107  val-mae 0.500000  val-r2 0.2500", Figures.of(m, "val-", true));
  }

  /** One test row, or targets all alike: R² has no value, and the line says so as summary.json does (null). */
  @Test
  void anUndefinedR2IsADash() {
    Metrics oneRow = new Metrics(4.0, 1, Double.NaN, null, 2.0, 2.0, Double.NEGATIVE_INFINITY);
    assertEquals("rmse 2.00000  mae 2.00000  r2 -", Figures.of(oneRow, "", false));
    Metrics alike = new Metrics(0.0, 3, Double.NaN, null, 0.0, 0.0, Double.NaN);
    assertEquals("rmse 0.00000  mae 0.00000  r2 -", Figures.of(alike, "", false));
  }
}
