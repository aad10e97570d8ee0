package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The mean and sample standard deviation of repeated figures, against values worked out by hand. */
class SpreadTests {
  @Test
  void theSampleStandardDeviationDividesByNMinusOne() {
    // Σ(v − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32 over 8 values
    Spread s = Spread.of(2, 4, 4, 4, 5, 5, 7, 9);
    assertEquals(5.0, s.mean(), 0.0);
    assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-15);
    assertEquals(8, s.n());
  }

  @Test
  void oneValueHasNoSpreadAndNoneIsRefused() {
    assertEquals(new Spread(307.5, 0, 1), Spread.of(307.5));
    assertEquals("a spread needs one value or more",
        assertThrows(IllegalArgumentException.class, Spread::of).getMessage());
  }
}
