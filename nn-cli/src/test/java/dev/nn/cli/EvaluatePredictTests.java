package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Evaluation;
import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn evaluate} and {@code nn predict} on models trained here: a one-output binary classifier (xor), a
 * three-class classifier (iris) and a regression (diabetes), compared with the in-memory models.
 */
class EvaluatePredictTests {
  /** A word where the model reads numbers: no source is there to list the column in data.one-hot. */
  private static final String READ_AS_NUMBERS = " is not a number, and the model reads this column as numbers, as it"
      + " was trained on them (a column of words is read as categories only by a model trained with it in"
      + " data.one-hot)";

  @TempDir
  static Path tmp;

  private static TrainingRun.Result xor;
  private static TrainingRun.Result iris;
  private static TrainingRun.Result diabetes;
  private static Path xorCsv;

  @BeforeAll
  static void train() throws IOException {
    Nn nn = Nn.create();
    xor = nn.train(nn.load(Path.of(Cli.XOR), List.of()), options("xor"));
    Path irisYaml = tmp.resolve("iris.yaml");
    Files.writeString(irisYaml, String.join("\n",
        "name: iris",
        "data:",
        "  train: {source: csv, path: " + Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath()
            + ", target: last, task: classification}",
        "network:",
        "  layers: [{units: auto}, {units: 8, activation: tanh}, {units: auto, activation: identity}]",
        "loss: softmax-cross-entropy",
        "optimizer: {name: adam, learning-rate: 0.05}",
        "training: {epochs: 15, batch-size: 8}", ""));
    iris = nn.train(nn.load(irisYaml, List.of()), options("iris"));
    diabetes = nn.train(nn.load(Path.of(Cli.DIABETES), List.of("training.epochs=10")), options("diabetes"));
    // points around the unit square's corners, labelled by the xor generator's rule
    Random random = new Random(11);
    StringBuilder csv = new StringBuilder("x1,x2,xor\n");
    for (int i = 0; i < 40; i++) {
      double x1 = (i >> 1 & 1) + 0.2 * random.nextGaussian();
      double x2 = (i & 1) + 0.2 * random.nextGaussian();
      csv.append(x1).append(',').append(x2).append(',').append((i >> 1 & 1) ^ (i & 1)).append('\n');
    }
    xorCsv = tmp.resolve("xor.csv");
    Files.writeString(xorCsv, csv);
  }

  /**
   * Predictions are written a block of rows at a time (262,144 values: 87,381 rows of iris's three classes), so
   * that a file of many rows and classes is bounded neither by a string's 2 GiB nor by its size in memory: the
   * 100,050 rows of iris.csv repeated give, line for line, what iris.csv gives, across the blocks' seams.
   */
  @Test
  void manyRowsArePredictedInBlocksLineForLineAsFewAre() throws Exception {
    Path once = tmp.resolve("iris-once.csv");
    Cli.Outcome o = Cli.run("predict", model(iris).toString(), "--input", Cli.EXAMPLES.resolve("data/iris.csv")
        .toString(), "--output", once.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> irisLines = Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv"));
    int copies = 667;
    StringBuilder many = new StringBuilder(irisLines.get(0)).append('\n');
    for (int c = 0; c < copies; c++) {
      for (String line : irisLines.subList(1, irisLines.size())) {
        many.append(line).append('\n');
      }
    }
    Path manyCsv = tmp.resolve("iris-many.csv");
    Files.writeString(manyCsv, many);
    Path out = tmp.resolve("iris-many-predictions.csv");
    Cli.Outcome m = Cli.run("predict", model(iris).toString(), "--input", manyCsv.toString(), "--output",
        out.toString());
    assertEquals(0, m.code(), m.describe());
    List<String> expected = Files.readAllLines(once);
    List<String> got = Files.readAllLines(out);
    int rows = irisLines.size() - 1;
    assertEquals(1 + copies * rows, got.size());
    assertEquals(expected.get(0), got.get(0));
    for (int i = 1; i < got.size(); i++) {
      assertEquals(expected.get(1 + (i - 1) % rows), got.get(i), "line " + i);
    }
  }

  private static TrainingRun.Options options(String name) {
    return new TrainingRun.Options(tmp.resolve("runs-" + name), null, List.of(), List.of(),
        Nn.version());
  }

  private static Path model(TrainingRun.Result r) {
    return r.directory().modelFile();
  }

  @Test
  void predictionsEqualWhatEvaluateComputesAndTheInMemoryModelBitForBit() throws Exception {
    Path out = tmp.resolve("xor-predictions.csv");
    Cli.Outcome o = Cli.run("predict", model(xor).toString(), "--input", xorCsv.toString(), "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("wrote 40 predictions to " + out + "\n", o.out());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals("p_1,class", lines.get(0));
    assertEquals(41, lines.size());
    Evaluation evaluation = Nn.create().evaluate(Nn.create().loadModel(model(xor)), xorCsv, null);
    List<String> rows = Files.readAllLines(xorCsv).subList(1, 41);
    Model inMemory = xor.model();
    for (int r = 0; r < 40; r++) {
      String[] written = lines.get(r + 1).split(",");
      String[] input = rows.get(r).split(",");
      double p = Double.parseDouble(written[0]);
      double[] expected = inMemory.predict(new double[] {Double.parseDouble(input[0]), Double.parseDouble(input[1])});
      assertEquals(Double.doubleToLongBits(expected[0]), Double.doubleToLongBits(p), "row " + r);
      assertEquals(Double.doubleToLongBits(evaluation.predictions()[r]), Double.doubleToLongBits(p), "row " + r);
      assertEquals(p > 0.5 ? "1" : "0", written[1], "a single output is thresholded at 0.5, row " + r);
    }
  }

  @Test
  void evaluatePrintsTheAccuracyAndConfusionMatrixOfThresholdedProbabilities() throws Exception {
    Cli.Outcome o = Cli.run("evaluate", model(xor).toString(), "--data", xorCsv.toString());
    assertEquals(0, o.code(), o.describe());
    double[] p = Nn.create().evaluate(xor.model(), xorCsv, null).predictions();
    List<String> rows = Files.readAllLines(xorCsv).subList(1, 41);
    long[][] confusion = new long[2][2];
    for (int r = 0; r < 40; r++) {
      confusion[Integer.parseInt(rows.get(r).split(",")[2])][p[r] > 0.5 ? 1 : 0]++;
    }
    double accuracy = (confusion[0][0] + confusion[1][1]) / 40.0;
    assertTrue(accuracy > 0.9, "xor is learnt: " + accuracy);
    // the ROC AUC over every (class 1, class 0) pair of rows, a tie counting one half, and the log loss
    double pairs = 0;
    double ordered = 0;
    double logLoss = 0;
    for (int a = 0; a < 40; a++) {
      boolean one = rows.get(a).split(",")[2].equals("1");
      logLoss -= Math.log(one ? p[a] : 1 - p[a]) / 40;
      for (int b = 0; b < 40 && one; b++) {
        if (rows.get(b).split(",")[2].equals("0")) {
          pairs++;
          ordered += p[a] > p[b] ? 1 : p[a] == p[b] ? 0.5 : 0;
        }
      }
    }
    int w = 1;
    for (long[] row : confusion) {
      for (long c : row) {
        w = Math.max(w, Long.toString(c).length());
      }
    }
    String cell = "  %" + w + "s";
    String expected = model(xor) + " on " + xorCsv + ": 40 rows\n"
        + String.format(Locale.ROOT, "accuracy  %.4f%n", accuracy)
        + String.format(Locale.ROOT, "roc auc   %.4f%n", ordered / pairs)
        + "log loss  " + Figures.sixDigits(logLoss) + "\n"
        + "confusion matrix (rows: true class, columns: predicted class)\n"
        + String.format(Locale.ROOT, cell.repeat(3) + "%n", "", "0", "1")
        + String.format(Locale.ROOT, cell.repeat(3) + "%n", "0", confusion[0][0], confusion[0][1])
        + String.format(Locale.ROOT, cell.repeat(3) + "%n", "1", confusion[1][0], confusion[1][1]);
    List<String> lines = o.out().lines().toList();
    assertEquals(expected, String.join("\n", lines.subList(0, 8)) + "\n");
    // then each class's precision, recall and F1 from the matrix, by hand, and their averages
    assertEquals(List.of("class", "precision", "recall", "f1", "support"), List.of(lines.get(8).split(" +")));
    double[][] figures = new double[2][];
    for (int c = 0; c < 2; c++) {
      long predicted = confusion[0][c] + confusion[1][c];
      long actual = confusion[c][0] + confusion[c][1];
      double precision = (double) confusion[c][c] / predicted;
      double recall = (double) confusion[c][c] / actual;
      figures[c] = new double[] {precision, recall, 2 * precision * recall / (precision + recall), actual};
      assertEquals(List.of(Integer.toString(c), String.format(Locale.ROOT, "%.4f", precision),
          String.format(Locale.ROOT, "%.4f", recall), String.format(Locale.ROOT, "%.4f", figures[c][2]),
          Long.toString(actual)), List.of(lines.get(9 + c).split(" +")), o.out());
    }
    assertEquals(List.of("macro", "avg", String.format(Locale.ROOT, "%.4f", (figures[0][0] + figures[1][0]) / 2),
        String.format(Locale.ROOT, "%.4f", (figures[0][1] + figures[1][1]) / 2),
        String.format(Locale.ROOT, "%.4f", (figures[0][2] + figures[1][2]) / 2), "40"),
        List.of(lines.get(11).split(" +")), o.out());
    // weighted by support, the recall is the accuracy
    assertEquals(List.of("weighted", "avg", String.format(Locale.ROOT, "%.4f",
        (figures[0][0] * figures[0][3] + figures[1][0] * figures[1][3]) / 40), String.format(Locale.ROOT, "%.4f",
        accuracy), String.format(Locale.ROOT, "%.4f", (figures[0][2] * figures[0][3] + figures[1][2] * figures[1][3])
        / 40), "40"), List.of(lines.get(12).split(" +")), o.out());
    assertEquals(13, lines.size(), o.out());
  }

  @Test
  void aThreeClassModelWritesOneProbabilityPerClassAndTheArgmaxWhateverTheColumnOrder() throws Exception {
    // the features in another order, an extra column and no target: matched by name
    List<String> source = Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv"));
    StringBuilder shuffled = new StringBuilder("id,petal_width_cm,sepal_width_cm,petal_length_cm,sepal_length_cm\n");
    for (int r = 1; r < source.size(); r++) {
      String[] f = source.get(r).split(",");
      shuffled.append(r).append(',').append(f[3]).append(',').append(f[1]).append(',').append(f[2]).append(',')
          .append(f[0]).append('\n');
    }
    Path input = tmp.resolve("iris-shuffled.csv");
    Files.writeString(input, shuffled);
    Path out = tmp.resolve("iris-predictions.csv");
    Cli.Outcome o = Cli.run("predict", model(iris).toString(), "--input", input.toString(), "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = Files.readAllLines(out);
    assertEquals("p_0,p_1,p_2,class", lines.get(0));
    int right = 0;
    for (int r = 1; r < source.size(); r++) {
      String[] f = source.get(r).split(",");
      double[] expected = iris.model().predict(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]),
          Double.parseDouble(f[2]), Double.parseDouble(f[3])});
      String[] written = lines.get(r).split(",");
      int argmax = 0;
      for (int c = 0; c < 3; c++) {
        assertEquals(Double.doubleToLongBits(expected[c]), Double.doubleToLongBits(Double.parseDouble(written[c])));
        argmax = expected[c] > expected[argmax] ? c : argmax;
      }
      assertEquals(Integer.toString(argmax), written[3]);
      right += argmax == Integer.parseInt(f[4]) ? 1 : 0;
    }
    Cli.Outcome e = Cli.run("evaluate", model(iris).toString(), "--data", Cli.EXAMPLES.resolve("data/iris.csv").toString());
    assertEquals(0, e.code(), e.describe());
    assertTrue(e.out().contains(String.format(Locale.ROOT, "accuracy  %.4f%n", right / 150.0)), e.out());
    assertTrue(right / 150.0 > 0.8, "iris is learnt: " + right);
  }

  /** A hinge classifier's outputs are margins, not probabilities: its columns are score_, the class their sign. */
  @Test
  void aHingeClassifiersColumnsAreScoresNotProbabilities() throws Exception {
    Path runs = tmp.resolve("hinge-runs");
    Cli.Outcome t = Cli.run("train", Cli.XOR, "--set", "loss=hinge", "--output", runs.toString(), "--plain");
    assertEquals(0, t.code(), t.describe());
    Path rows = Files.writeString(tmp.resolve("xor-rows.csv"), "x1,x2\n0,1\n1,1\n");
    Path out = tmp.resolve("hinge-predictions.csv");
    Cli.Outcome p = Cli.run("predict", Cli.onlyRun(runs).resolve("model.nnm").toString(), "--input",
        rows.toString(), "--output", out.toString());
    assertEquals(0, p.code(), p.describe());
    List<String> lines = Files.readAllLines(out);
    assertEquals("score_1,class", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertEquals(Double.parseDouble(f[0]) > 0 ? "1" : "0", f[1], line);
    }
  }

  /**
   * The permutation importance's progress: on a terminal a line redrawn in place and erased at the end, so the
   * table follows a clean line; elsewhere nothing.
   */
  @Test
  void theImportancesProgressIsDrawnOnATerminalOnlyAndErased() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    DoneCount terminal = new DoneCount(err, true, () -> 80, 64, "importance", "columns");
    terminal.accept(1);
    terminal.accept(2);
    terminal.accept(64);
    terminal.erase();
    assertEquals("\rimportance: 1 of 64 columns" + ProgressBar.ERASE_TO_END + "\r" + ProgressBar.ERASE_TO_END,
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8), "redrawn at most 5 times a second");
    bytes.reset();
    DoneCount file = new DoneCount(err, false, () -> 80, 64, "importance", "columns");
    file.accept(1);
    file.erase();
    assertEquals("", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The progress line never wraps: in a narrower terminal it takes a shorter form, and in one narrower still its
   * count is cut, each at most one character short of the width (a wrapped line is erased from its last row only,
   * so each redraw would leave a row behind).
   */
  @Test
  void theDoneCountIsFittedToTheTerminalsWidth() {
    DoneCount count = new DoneCount(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), true,
        () -> 80, 238_510, "gradient check", "parameters");
    assertEquals("gradient check: 109,824 of 238,510 parameters", count.text(109_824, 80));
    assertEquals("gradient check: 109,824 of 238,510 parameters", count.text(109_824, 46));
    assertEquals("gradient check: 109,824/238,510", count.text(109_824, 45));
    assertEquals("gradient check: 109,824/238,510", count.text(109_824, 32));
    assertEquals("109,824/238,510", count.text(109_824, 31));
    assertEquals("109,824/", count.text(109_824, 9));
    for (int columns = 1; columns <= 60; columns++) {
      assertTrue(count.text(109_824, columns).length() <= Math.max(1, columns - 1), columns + " columns");
    }
    // through the drawing, with a terminal of 40 columns
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    DoneCount narrow = new DoneCount(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8),
        true, () -> 40, 238_510, "gradient check", "parameters");
    narrow.accept(768);
    assertEquals("\rgradient check: 768/238,510" + ProgressBar.ERASE_TO_END,
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Targets that do not vary have no R²: "-", said why, as training's lines and nn runs write it. */
  @Test
  void theR2OfTargetsThatDoNotVaryIsADash() throws Exception {
    List<String> rows = Files.readAllLines(Cli.EXAMPLES.resolve("data/diabetes.csv")).subList(0, 4);
    StringBuilder constant = new StringBuilder(rows.get(0)).append('\n');
    for (String row : rows.subList(1, 4)) {
      constant.append(row.replaceFirst("[^,]*$", "100")).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("constant.csv"), constant);
    Cli.Outcome o = Cli.run("evaluate", model(diabetes).toString(), "--data", data.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().endsWith("r2        - (undefined: the targets do not vary)\n"), o.out());
  }

  @Test
  void regressionPrintsRmseMaeAndR2OfThePredictionsAndPredictWritesTheTargetColumn() throws Exception {
    Path data = Cli.EXAMPLES.resolve("data/diabetes.csv");
    Cli.Outcome o = Cli.run("evaluate", model(diabetes).toString(), "--data", data.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> rows = Files.readAllLines(data);
    String[] header = rows.get(0).split(",");
    int n = rows.size() - 1;
    double sse = 0;
    double sae = 0;
    double mean = 0;
    double[] y = new double[n];
    double[] predicted = new double[n];
    for (int r = 0; r < n; r++) {
      String[] f = rows.get(r + 1).split(",");
      double[] x = new double[header.length - 1];
      for (int j = 0; j < x.length; j++) {
        x[j] = Double.parseDouble(f[j]);
      }
      y[r] = Double.parseDouble(f[header.length - 1]);
      predicted[r] = diabetes.model().predict(x)[0];
      mean += y[r] / n;
    }
    double sst = 0;
    for (int r = 0; r < n; r++) {
      sse += (y[r] - predicted[r]) * (y[r] - predicted[r]);
      sae += Math.abs(y[r] - predicted[r]);
      sst += (y[r] - mean) * (y[r] - mean);
    }
    String expected = model(diabetes) + " on " + data + ": 442 rows\n"
        + String.format(Locale.ROOT, "rmse      %.6g%nmae       %.6g%nr2        %.4f%n", Math.sqrt(sse / n), sae / n,
        1 - sse / sst);
    assertEquals(expected, o.out());

    Path out = tmp.resolve("diabetes-predictions.csv");
    Cli.Outcome p = Cli.run("predict", model(diabetes).toString(), "--input", data.toString(), "--output", out.toString());
    assertEquals(0, p.code(), p.describe());
    List<String> lines = Files.readAllLines(out);
    assertEquals("target", lines.get(0));
    double[] written = lines.subList(1, lines.size()).stream().mapToDouble(Double::parseDouble).toArray();
    assertArrayEquals(predicted, written);
  }

  @Test
  void aFeatureColumnMissingFromTheCsvExitsWith2NamingIt() throws Exception {
    Path csv = tmp.resolve("no-x2.csv");
    Files.writeString(csv, "x1,other\n0.5,1\n");
    Cli.Outcome o = Cli.run("predict", model(xor).toString(), "--input", csv.toString(), "--output",
        tmp.resolve("never.csv").toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + csv + ": the model needs the feature column \"x2\", which the header lacks; it has x1, other;"
        + " the model's features are x1, x2\n", o.err());
    assertTrue(!Files.exists(tmp.resolve("never.csv")));
  }

  @Test
  void aMissingValueIsNamedWithWhatToDoAndNothingIsWritten() throws Exception {
    Path csv = tmp.resolve("gaps.csv");
    Files.writeString(csv, "x1,x2,xor\n0,0,0\n1,NA,1\n");
    Path out = tmp.resolve("never.csv");
    Cli.Outcome predict = Cli.run("predict", model(xor).toString(), "--input", csv.toString(), "--output",
        out.toString());
    assertEquals(2, predict.code(), predict.describe());
    assertEquals("nn: " + csv + ":3: column \"x2\": missing value (\"NA\"); every value must be given: fill or drop "
        + "such rows first\n", predict.err());
    assertFalse(Files.exists(out));
    Cli.Outcome evaluate = Cli.run("evaluate", model(xor).toString(), "--data", csv.toString());
    assertEquals(2, evaluate.code(), evaluate.describe());
    assertEquals("nn: " + csv + ":3: column \"x2\": missing value (\"NA\"); every value must be given: fill or drop "
        + "such rows first\n", evaluate.err());
  }

  @Test
  void aMalformedCsvExitsWith2NamingTheFileAndLine() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, "x1,x2,xor\n0,0,0\n1,oops,1\n");
    Cli.Outcome predict = Cli.run("predict", model(xor).toString(), "--input", csv.toString(), "--output",
        tmp.resolve("never.csv").toString());
    assertEquals(2, predict.code(), predict.describe());
    assertEquals("nn: " + csv + ":3: column \"x2\": \"oops\"" + READ_AS_NUMBERS + "\n", predict.err());
    assertFalse(Files.exists(tmp.resolve("never.csv")), "no predictions file is left");
    Cli.Outcome evaluate = Cli.run("evaluate", model(xor).toString(), "--data", csv.toString());
    assertEquals(2, evaluate.code(), evaluate.describe());
    assertEquals("nn: " + csv + ":3: column \"x2\": \"oops\"" + READ_AS_NUMBERS + "\n", evaluate.err());
    Path ragged = tmp.resolve("ragged.csv");
    Files.writeString(ragged, "x1,x2,xor\n0,0,0\n\n1,1\n");
    Cli.Outcome short4 = Cli.run("evaluate", model(xor).toString(), "--data", ragged.toString());
    assertEquals(2, short4.code(), short4.describe());
    assertEquals("nn: " + ragged + ":4: expected 3 fields as in the header, found 2\n", short4.err());
  }

  @Test
  void aClassIndexOutsideTheModelsClassesExitsWith2() throws Exception {
    Path csv = tmp.resolve("class-2.csv");
    Files.writeString(csv, "x1,x2,xor\n0,0,0\n1,1,2\n");
    Cli.Outcome o = Cli.run("evaluate", model(xor).toString(), "--data", csv.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + csv + ":3: class label \"2\" in column \"xor\" is out of range; allowed 0..1"),
        o.err());
  }

  @Test
  void aCorruptedOrMissingModelFileExitsWith2() throws Exception {
    Path corrupted = tmp.resolve("corrupted.nnm");
    byte[] bytes = Files.readAllBytes(model(xor));
    Files.write(corrupted, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Cli.Outcome o = Cli.run("evaluate", corrupted.toString(), "--data", xorCsv.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + corrupted + ": "), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    Path garbage = tmp.resolve("garbage.nnm");
    Files.writeString(garbage, "not a model");
    Cli.Outcome g = Cli.run("predict", garbage.toString(), "--input", xorCsv.toString(), "--output",
        tmp.resolve("never.csv").toString());
    assertEquals(2, g.code(), g.describe());
    assertTrue(g.err().startsWith("nn: " + garbage + ": "), g.err());
    Cli.Outcome missing = Cli.run("evaluate", tmp.resolve("none.nnm").toString(), "--data", xorCsv.toString());
    assertEquals(2, missing.code(), missing.describe());
    assertEquals("nn: " + tmp.resolve("none.nnm") + ": no such file; expected an nn model file (model.nnm in a run"
        + " directory)\n", missing.err());
  }

  @Test
  void evaluateAndPredictNeedTheirFileOptions() {
    Cli.Outcome o = Cli.run("evaluate", model(xor).toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("nn: missing required option: '--data=CSV'"), o.err());
    Cli.Outcome p = Cli.run("predict", model(xor).toString(), "--input", xorCsv.toString());
    assertEquals(2, p.code(), p.describe());
    assertTrue(p.err().contains("nn: missing required option: '--output=CSV'"), p.err());
  }
}
