package dev.nn.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Significant digits without trailing zeros, plain from 1e-4 to below 1e7 and with a power of ten beyond. */
class SignificantTests {
  @Test
  void roundedPlainInTheMiddleAndWithAPowerOfTenBeyond() {
    assertEquals("0.025", Significant.of(0.025, 3));
    assertEquals("0.187", Significant.of(0.18738, 3));
    assertEquals("248", Significant.of(248.3, 3));
    assertEquals("10", Significant.of(10, 3));
    assertEquals("0.000171", Significant.of(1.7126e-4, 3));
    assertEquals("1e-7", Significant.of(1e-7, 3));
    assertEquals("3.16e-5", Significant.of(3.1623e-5, 3));
    assertEquals("1.5e12", Significant.of(1.5e12, 4));
    assertEquals("-2.5", Significant.of(-2.5, 6));
    assertEquals("0.768, 1.433", Significant.of(0.768, 4) + ", " + Significant.of(768.0 / 536, 4));
    assertEquals("0", Significant.of(0, 3));
    assertEquals("NaN", Significant.of(Double.NaN, 3));
  }
}
