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

  /**
   * At 40 columns a class table and a ten-class matrix do not fit even tightened: they are shown in parts of their
   * columns, each part's rows led by the class, rather than wrapped by the terminal through a figure ({@code 1,7}
   * over {@code 97}); classes labelled by their numbers are not labelled twice.
   */
  @Test
  void atFortyColumnsTheClassTableAndATenClassMatrixComeInPartsThatFit() {
    String table = EvaluateCommand.byClass(List.of("cat", "dog"), List.of(
        new Metrics.ClassFigures(0.5, 0.25, 1.0 / 3, 1135), new Metrics.ClassFigures(1.0, 1.0, 1.0, 662)), 40);
    table.lines().forEach(l -> org.junit.jupiter.api.Assertions.assertTrue(l.length() < 40, l));
    assertEquals(List.of("class        precision recall f1", "cat          0.5000    0.2500 0.3333",
        "dog          1.0000    1.0000 1.0000", "macro avg    0.7500    0.6250 0.6667",
        "weighted avg 0.6842    0.5263 0.5789", "", "class        support", "cat          1,135", "dog          662",
        "macro avg    1,797", "weighted avg 1,797"), table.lines().map(String::stripTrailing).toList(), table);
    java.util.List<String> classes = new java.util.ArrayList<>();
    long[][] counts = new long[10][10];
    for (int c = 0; c < 10; c++) {
      classes.add(Integer.toString(c));
      counts[c][c] = 150 + c;
      counts[c][(c + 1) % 10] = c;
    }
    String matrix = EvaluateCommand.confusion(classes, counts, 40);
    matrix.lines().forEach(l -> org.junit.jupiter.api.Assertions.assertTrue(l.length() < 40, l));
    List<String> lines = matrix.lines().map(String::stripTrailing).toList();
    assertEquals("     0    1    2    3    4    5    6", lines.get(0), matrix);
    assertEquals("8    0    0    0    0    0    0    0", lines.get(9), matrix);
    assertEquals("", lines.get(11), matrix);
    assertEquals("     7    8    9", lines.get(12), matrix);
    assertEquals("8    0  158    8", lines.get(21), matrix);
    assertEquals(23, lines.size(), matrix);
  }

  @Test
  void theConfusionMatrixGroupsThousandsAndKeepsItsColumnsInLine() {
    String matrix = EvaluateCommand.confusion(List.of("a", "b"), new long[][] {{1135, 2}, {10, 980}});
    assertEquals(List.of("             a      b", "      a  1,135      2", "      b     10    980"),
        matrix.lines().map(String::stripTrailing).toList(), matrix);
  }
}
