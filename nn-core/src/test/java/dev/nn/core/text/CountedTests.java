package dev.nn.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountedTests {
  @Test
  void theNounIsSingularForOneOnly() {
    assertEquals("1 epoch", Counted.of(1, "epoch", "epochs"));
    assertEquals("0 epochs", Counted.of(0, "epoch", "epochs"));
    assertEquals("40 epochs", Counted.of(40, "epoch", "epochs"));
  }

  /** A count's thousands are grouped as nn's other counts are: "wrote 359400 predictions" stood out among them. */
  @Test
  void theCountIsGroupedByThousands() {
    assertEquals("359,400 predictions", Counted.of(359_400, "prediction", "predictions"));
    assertEquals("1,797 rows", Counted.of(1797, "row", "rows"));
    assertEquals("999 rows", Counted.of(999, "row", "rows"));
  }
}
