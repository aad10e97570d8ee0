package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.train.Metrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code nn evaluate}'s tables group the thousands of their counts, as every count nn prints does. */
class EvaluateTablesTests {

  @Test
  void theSupportColumnGroupsThousands() {
    String table = EvaluateCommand.byClass(List.of("cat", "dog"), List.of(
        new Metrics.ClassFigures(0.5, 0.25, 1.0 / 3, 1135), new Metrics.ClassFigures(1.0, 1.0, 1.0, 12)));
    List<String> lines = table.lines().toList();
    assertEquals(5, lines.size(), table);
    assertEquals("1,135", lines.get(1).strip().replaceAll(".* ", ""), table);
    assertEquals("12", lines.get(2).strip().replaceAll(".* ", ""), table);
    assertEquals("1,147", lines.get(4).strip().replaceAll(".* ", ""), table);
  }

  @Test
  void theConfusionMatrixGroupsThousandsAndKeepsItsColumnsInLine() {
    String matrix = EvaluateCommand.confusion(List.of("a", "b"), new long[][] {{1135, 2}, {10, 980}});
    assertEquals(List.of("             a      b", "      a  1,135      2", "      b     10    980"),
        matrix.lines().map(String::stripTrailing).toList(), matrix);
  }
}
