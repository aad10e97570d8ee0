package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn evaluate} of a model whose class labels are long or written in wide characters: the confusion matrix
 * fits the terminal (a matrix headed by labels ran to 270 columns and wrapped), and the table of classes keeps its
 * columns in line when a label holds "日本語" (each wide character takes two columns).
 */
class EvaluateLongLabelsTests {
  private static final List<String> LABELS = List.of("<b>Iris setosa</b> & co",
      "Iris versicolor (the \"blue flag\" from North America, long label)", "virginica-日本語");

  @TempDir
  Path dir;

  @Test
  void theMatrixFitsTheTerminalAndTheClassTableStaysInLine() throws Exception {
    Path data = labelled(LABELS);
    Path model = trained(data);
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "100"), true, "evaluate", model.toString(), "--data", data.toString());
    assertEquals(0, o.code(), o.describe());
    String out = o.out();
    String matrix = out.substring(out.indexOf("confusion matrix"), out.indexOf("\nclass "));
    matrix.lines().forEach(l -> assertTrue(DisplayWidth.of(l) <= 100, DisplayWidth.of(l) + ": " + l));
    assertTrue(matrix.lines().anyMatch(l -> l.matches(" +0 +1 +2")), matrix);
    assertTrue(matrix.lines().anyMatch(l -> l.startsWith("2  virginica-日本語 ")), matrix);
    // the precision figures of every class row start at one column
    List<String> classRows = out.substring(out.indexOf("\nclass ") + 1).lines().limit(4).toList();
    int column = DisplayWidth.of(classRows.get(0).substring(0, classRows.get(0).indexOf("precision")));
    for (String row : classRows.subList(1, 4)) {
      // (at 100 columns the table goes one space apart, to fit)
      java.util.regex.Matcher first = java.util.regex.Pattern.compile(" [01]\\.\\d{4}").matcher(row);
      assertTrue(first.find(), row);
      assertEquals(column, DisplayWidth.of(row.substring(0, first.start() + 1)), out);
      assertTrue(DisplayWidth.of(row) < 100, row);
    }
    // piped, the matrix is whole: headed by the labels
    Cli.Outcome piped = Cli.run(Map.of("COLUMNS", "100"), false, "evaluate", model.toString(), "--data",
        data.toString());
    assertTrue(piped.out().contains("virginica-日本語  "), piped.out());
    assertTrue(piped.out().lines().anyMatch(l -> l.trim().startsWith("<b>Iris setosa</b> & co  ")), piped.out());
  }

  /**
   * A label holding a line break or a tab (a quoted CSV field may) is shown escaped in the matrix and the table of
   * classes: printed as it is, it broke their rows in two.
   */
  @Test
  void aLabelHoldingALineBreakIsShownEscapedAndKeepsTheTablesRows() throws Exception {
    Path data = labelled(List.of("setosa", "versi\ncolor", "virgi\tnica"));
    Path model = trained(data);
    Cli.Outcome o = Cli.run(Map.of(), false, "evaluate", model.toString(), "--data", data.toString());
    assertEquals(0, o.code(), o.describe());
    String out = o.out();
    assertTrue(out.contains("versi\\ncolor") && out.contains("virgi\\tnica"), out);
    assertTrue(out.lines().noneMatch(l -> l.equals("versi") || l.startsWith("color") || l.contains("\t")), out);
    String matrix = out.substring(out.indexOf("confusion matrix"), out.indexOf("\nclass "));
    assertEquals(5, matrix.lines().count(), "a title, a header and a row per class: " + matrix);
  }

  /** iris.csv with its classes named by {@code labels}, each quoted. */
  private Path labelled(List<String> labels) throws Exception {
    List<String> lines = Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      int comma = line.lastIndexOf(',');
      String label = labels.get(Integer.parseInt(line.substring(comma + 1)));
      csv.append(line, 0, comma + 1).append('"').append(label.replace("\"", "\"\"")).append("\"\n");
    }
    return Files.writeString(dir.resolve("iris-labels.csv"), csv);
  }

  /** The model of a short training on {@code data}, its classes named by their labels. */
  private Path trained(Path data) throws Exception {
    Path experiment = Files.writeString(dir.resolve("labels.yaml"), """
        name: labels
        data:
          train: {source: csv, path: %s, target: target, task: classification, labels: names}
        network:
          layers:
            - {units: auto}
            - {units: 8, activation: tanh}
            - {units: auto, activation: identity}
        loss: softmax-cross-entropy
        optimizer: {name: adam, learning-rate: 0.05}
        training: {epochs: 20, batch-size: 16}
        """.formatted(data.getFileName()));
    Cli.Outcome trained = Cli.run("train", experiment.toString(), "--output", dir.resolve("runs").toString());
    assertEquals(0, trained.code(), trained.describe());
    return Cli.onlyRun(dir.resolve("runs")).resolve("model.nnm");
  }
}
