package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.ScoreFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row the model cannot predict — a finite value so far outside the training rows that it standardizes to an
 * infinity — is refused by {@code nn predict} and {@code nn evaluate} as training refuses it: one message naming
 * the file, its line, the column and the value, exit 2, and nothing written; and evaluate's lines for figures it
 * cannot compute give the reason that holds.
 */
class UnpredictableRowsTests {
  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static Path model;

  @BeforeAll
  static void trainIris() throws Exception {
    Path yaml = Files.writeString(shared.resolve("iris.yaml"), "name: iris\n"
        + "data:\n"
        + "  train: {source: csv, path: " + Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath()
        + ", target: target, task: classification}\n"
        + "  validation: {split: 0.0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 4, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: {name: adam, learning-rate: 0.01}\n"
        + "training: {epochs: 1, batch-size: 16}\n");
    Nn nn = Nn.create();
    model = nn.train(nn.load(yaml, List.of()), TrainingRun.Options.into(shared.resolve("runs"))).directory()
        .modelFile();
  }

  /** The iris rows with {@code value} as the sepal width of the third data row, after a blank line. */
  private Path irisWith(String value) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv")));
    String[] third = lines.get(3).split(",");
    third[1] = value;
    lines.set(3, String.join(",", third));
    lines.add(2, "");
    return Files.write(tmp.resolve("huge.csv"), lines);
  }

  @Test
  void predictRefusesAValueThatStandardizesToAnInfinityNamingItsLine() throws Exception {
    Path data = irisWith("1e308");
    Path out = tmp.resolve("p.csv");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", data.toString(), "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    // line 5: the header, two rows, the blank line, then the row
    assertTrue(o.err().startsWith("nn: " + data + ":5: column \"sepal_width_cm\" holds 1.0E308, which standardizes"
        + " to Infinity with the training rows' mean "), o.err());
    assertTrue(o.err().contains("; the model takes values whose standardized value is a finite number"), o.err());
    assertFalse(Files.exists(out), "nothing is written");
  }

  @Test
  void evaluateRefusesItAlikeInsteadOfPrintingFiguresOfNaNScores() throws Exception {
    Path data = irisWith("1e308");
    Cli.Outcome o = Cli.run("evaluate", model.toString(), "--data", data.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + data + ":5: column \"sepal_width_cm\" holds 1.0E308"), o.err());
    assertEquals("", o.out());
  }

  @Test
  void aLargeValueThatStillPredictsFinitelyIsPredicted() throws Exception {
    Path data = irisWith("1e200");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", data.toString(), "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(0, o.code(), o.describe());
  }

  @Test
  void evaluatesLinesForFiguresItCannotComputeSayWhy() {
    double[] probabilities = {0.2, 0.8, 0.6, 0.4};
    assertEquals("roc auc   none: no class has rows both in and out of it\nlog loss  0.366985\n",
        EvaluateCommand.scores(new ScoreFigures(Double.NaN, 0, 0.366985), probabilities));
    assertEquals("roc auc   none: a score is NaN, not a finite number\n"
        + "log loss  none: a score is NaN, not a finite number\n",
        EvaluateCommand.scores(new ScoreFigures(Double.NaN, 0, Double.NaN), new double[] {0.2, Double.NaN}));
    assertEquals("roc auc   0.7500\nlog loss  none: the model's outputs are not probabilities (a value outside 0..1,"
        + " or a row that does not sum to 1)\n",
        EvaluateCommand.scores(new ScoreFigures(0.75, 1, Double.NaN), new double[] {-1.5, 2}));
  }
}
