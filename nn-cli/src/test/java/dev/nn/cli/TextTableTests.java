package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A table fitted to a narrow terminal: tightened, then its two-word header names on two lines, never wrapped. */
class TextTableTests {
  private static final List<List<String>> LR_FIND = List.of(
      List.of("update", "learning rate", "loss", "smoothed loss"),
      List.of("1", "1.00e-07", "2.30912", "2.30912"),
      List.of("100", "10.0", "1.53211e+12", "4.32101e+11"));

  @Test
  void aTableThatFitsIsAsWide() {
    assertEquals(TextTable.of(LR_FIND), TextTable.of(LR_FIND, 80));
    assertEquals("update  learning rate  loss         smoothed loss\n", TextTable.of(LR_FIND).lines().findFirst()
        .orElseThrow() + "\n");
  }

  @Test
  void aNarrowTerminalGetsOneSpaceThenHeaderNamesOnTwoLines() {
    String tight = TextTable.of(LR_FIND, 48);
    assertTrue(tight.lines().allMatch(l -> l.length() < 48), tight);
    assertTrue(tight.startsWith("update learning rate loss        smoothed loss\n"), tight);
    String narrow = TextTable.of(LR_FIND, 40);
    assertTrue(narrow.lines().allMatch(l -> l.length() < 40), narrow);
    assertEquals(List.of("       learning             smoothed", "update rate     loss        loss",
        "1      1.00e-07 2.30912     2.30912"), narrow.lines().limit(3).toList());
  }
}
