package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormattingTests {

  @Test
  void numbersShowSixSignificantDigitsWithoutTrailingZeros() {
    assertEquals("0.3", Fmt.number(0.1 + 0.2));
    assertEquals("0.875", Fmt.number(0.875));
    assertEquals("1234.57", Fmt.number(1234.5678));
    assertEquals("1.23457e-7", Fmt.number(1.234567e-7));
    assertEquals("2.5e12", Fmt.number(2.5e12));
    assertEquals("−12.5", Fmt.number(-12.5));
    assertEquals("0", Fmt.number(-0.0));
    assertEquals("—", Fmt.number(Double.NaN));
    assertEquals("∞", Fmt.number(Double.POSITIVE_INFINITY));
  }

  /** A card's label may be a formula, "Final ‖w − w′‖", or a run's name: capitals would change either. */
  @Test
  void cardLabelsAreShownAsWritten() {
    String css = ReportStyle.CSS;
    int rule = css.indexOf(".card-label {");
    assertFalse(css.substring(rule, css.indexOf('}', rule)).contains("text-transform"), css);
  }

  @Test
  void countsHaveThousandsSeparated() {
    assertEquals("1,688", Fmt.count(1688));
    assertEquals("790", Fmt.count(790));
  }

  @Test
  void durationsReadNaturally() {
    assertEquals("3.25 s", Fmt.duration(3.25));
    assertEquals("0.01 s", Fmt.duration(0.006));
    assertEquals("under 0.01 s", Fmt.duration(0.0012));
    assertEquals("0.00 s", Fmt.duration(0), "no time recorded is not a time under 0.01 s");
    assertEquals("42.0 s", Fmt.duration(42));
    assertEquals("3 min 07 s", Fmt.duration(187));
    assertEquals("2 h 05 min", Fmt.duration(7500));
  }

  @Test
  void linearAxesTickAtRoundValuesAroundTheData() {
    Axis a = Axis.linear(0.13, 0.97, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertEquals(0.0, a.lo(), 0.0);
    assertEquals(1.0, a.hi(), 1e-12);
    assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), a.ticks().stream().map(Fmt::tick).toList());
    assertEquals(0.5, a.fraction(0.5), 1e-12);
  }

  @Test
  void aClampedAxisStopsAtItsBound() {
    Axis a = Axis.linear(0.62, 0.995, 0, 1);
    assertEquals(1.0, a.hi(), 0.0);
    assertEquals(List.of("0.6", "0.7", "0.8", "0.9", "1"), a.ticks().stream().map(Fmt::tick).toList());
    Axis r2 = Axis.linear(-40, 0.9, -1, 1);
    assertEquals(-1.0, r2.lo(), 0.0);
  }

  @Test
  void logAxesTickAtDecades() {
    Axis a = Axis.log(0.0031, 2.4);
    assertEquals(1e-3, a.lo(), 1e-18);
    assertEquals(10, a.hi(), 1e-12);
    assertEquals(List.of("0.001", "0.01", "0.1", "1", "10"), a.ticks().stream().map(Fmt::tick).toList());
    assertEquals(0.75, a.fraction(1), 1e-12);
  }

  @Test
  void epochAxesTickAtWholeRoundEpochs() {
    assertEquals(List.of("0", "1", "2"), Axis.epochs(1, 1).ticks().stream().map(Fmt::tick).toList());
    assertEquals(List.of("20", "40", "60", "80", "100", "120", "140"),
        Axis.epochs(1, 150).ticks().stream().map(Fmt::tick).toList());
  }

  @Test
  void anAxisUsesOneNotationForAllItsTicks() {
    assertEquals(List.of("1e5", "1e6", "1e7"), Fmt.ticks(List.of(1e5, 1e6, 1e7)));
    assertEquals(List.of("0", "2e8", "4e8"), Fmt.ticks(List.of(0.0, 2e8, 4e8)));
    assertEquals(List.of("1e-5", "2e-5", "5e-5", "1e-4"), Fmt.ticks(List.of(1e-5, 2e-5, 5e-5, 1e-4)));
    assertEquals(List.of("−80000", "−40000", "0"), Fmt.ticks(List.of(-80000.0, -40000.0, 0.0)), "plain when it can");
  }

  @Test
  void fractionsHaveFourDecimalsAsTheTerminalWritesThem() {
    assertEquals("0.9667", Fmt.fraction(0.9666667));
    assertEquals("1.0000", Fmt.fraction(1));
    assertEquals("−1028.7397", Fmt.fraction(-1028.73971));
    assertEquals("−7.512e+04", Fmt.fraction(-75123));
    assertEquals("—", Fmt.fraction(Double.NaN));
  }

  @Test
  void aNameBreaksOnlyAfterASeparator() {
    assertEquals("digits-<wbr>20261205-<wbr>003307", Fmt.breakable("digits-20261205-003307"));
    assertEquals("/<wbr>runs/<wbr>a_<wbr>b&amp;c", Fmt.breakable("/runs/a_b&c"));
    assertEquals("x-", Fmt.breakable("x-"), "nothing to break before at the end");
  }
}
