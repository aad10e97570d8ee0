package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTests {
  @TempDir
  Path dir;

  private static final double[] TRAIN = {1.2, 0.8, 0.55, 0.42, 0.40, 0.39};
  private static final double[] VAL = {1.1, 0.85, 0.6, 0.5, 0.52, 0.55};
  private static final double[] ACC = {0.5, 0.625, 0.75, 0.875, 0.8125, 0.75};

  /** Six epochs of a 3-class run that stopped early, keeping epoch 4. */
  static TrainingResult classificationRun() {
    List<EpochReport> epochs = new ArrayList<>();
    for (int e = 1; e <= TRAIN.length; e++) {
      long[][] confusion = {{5, 1, 0}, {0, 4, 2}, {1, 0, 3}};
      epochs.add(new EpochReport(e, 20L * e, 0.05, TRAIN[e - 1],
          RunFixtures.classification(VAL[e - 1], 16, ACC[e - 1], confusion), 0.5));
    }
    return new TrainingResult(epochs, 4, true);
  }

  private static List<String> polylines(String html, String cssClass) {
    Matcher m = Pattern.compile("<polyline class=\"line " + cssClass + "\" points=\"([^\"]*)\"/>").matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static double[][] points(String polyline) {
    String[] pairs = polyline.split(" ");
    double[][] out = new double[pairs.length][];
    for (int i = 0; i < pairs.length; i++) {
      String[] xy = pairs[i].split(",");
      out[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }
    return out;
  }

  @Test
  void theLossCurvesHaveOnePointPerEpochDrawnLeftToRightAndUpsideDown() {
    String html = new HtmlReport("iris", classificationRun(), null, List.of()).render();
    assertEquals(3, html.split("<svg class=\"chart\"", -1).length - 1, "a loss, an accuracy and a learning-rate chart");
    List<String> train = polylines(html, "train");
    assertEquals(1, train.size());
    double[][] p = points(train.get(0));
    assertEquals(TRAIN.length, p.length);
    assertEquals(72.0, p[0][0], 1e-9);
    assertEquals(840.0, p[p.length - 1][0], 1e-9);
    for (int i = 1; i < p.length; i++) {
      assertTrue(p[i][0] > p[i - 1][0], "x grows with the epoch");
      // a lower loss is drawn higher up, that is at a larger y
      assertTrue(p[i][1] > p[i - 1][1], "y at epoch " + (i + 1));
    }
    List<String> val = polylines(html, "val");
    assertEquals(2, val.size(), "validation loss and validation accuracy");
    assertEquals(VAL.length, points(val.get(0)).length);
    double[][] acc = points(val.get(1));
    // accuracy rises to epoch 4 and then falls: its y falls and then rises
    assertTrue(acc[3][1] < acc[2][1] && acc[4][1] > acc[3][1], val.get(1));
  }

  @Test
  void theChartsHaveAxesTicksLabelsALegendAndTheBestEpoch() {
    String html = new HtmlReport("iris", classificationRun(), null, List.of()).render();
    assertTrue(html.contains(">epoch</text>"), "x axis label");
    assertTrue(html.contains(">mean loss</text>"), "y axis label");
    assertTrue(html.contains(">validation accuracy</text>"));
    for (int e = 1; e <= 6; e++) {
      assertTrue(html.contains("text-anchor=\"middle\">" + e + "</text>"), "epoch tick " + e);
    }
    assertTrue(html.contains("text-anchor=\"end\">0.2</text>") && html.contains("text-anchor=\"end\">1.2</text>"),
        "loss ticks from 0.2 to 1.2");
    assertTrue(html.contains("<ul class=\"legend\">") && html.contains("</svg>training loss</li>")
        && html.contains("</svg>validation loss</li>"));
    assertTrue(html.contains(">epoch kept 4</text>"));
    assertTrue(html.contains("<title>validation accuracy, epoch 4: 0.875</title>"));
  }

  @Test
  void aClassWeightedRunSaysItsTrainingLossIsWeightedAndTheValidationLossIsNot() {
    String weighted = new HtmlReport("pima", classificationRun(), null, List.of(), HtmlReport.Status.COMPLETED,
        null, null, true).render();
    assertTrue(weighted.contains("</svg>training loss (weighted)</li>"), "legend");
    assertTrue(weighted.contains("<div class=\"card-note\">weighted</div>"), "final train loss card");
    assertTrue(weighted.contains("the validation loss does not"), "the loss panel's note");
    String plain = new HtmlReport("pima", classificationRun(), null, List.of()).render();
    assertFalse(plain.contains("weighted"));
  }

  @Test
  void theFinalMetricsAreTheKeptEpochsAndTheTestSplits() {
    Metrics test = RunFixtures.classification(0.4375, 30, 0.8125, new long[][] {{9, 1, 0}, {1, 8, 1}, {0, 2, 8}});
    String html = new HtmlReport("iris", classificationRun(), test, List.of("setosa", "versicolor", "virginica"))
        .render();
    assertTrue(html.contains("<tr><th>loss</th><td>0.5</td><td>0.4375</td></tr>"), "validation at epoch 4, test");
    // four decimals, as the terminal writes an accuracy
    assertTrue(html.contains("<tr><th>accuracy</th><td>0.8750</td><td>0.8125</td></tr>"));
    assertTrue(html.contains("<tr><th>samples</th><td>16</td><td>30</td></tr>"));
    assertTrue(html.contains("validation <span class=\"dim\">(epoch 4)</span>"));
    assertTrue(html.contains("<h2>Confusion matrix · validation, epoch 4</h2>"));
    assertTrue(html.contains("<h2>Confusion matrix · test</h2>"));
    assertTrue(html.contains("<th>setosa</th><th>versicolor</th><th>virginica</th>"));
    // test row "versicolor": 1 8 1, total 10, recall 0.8 to four decimals, as accuracy
    Matcher row = Pattern.compile("<tr><th>versicolor</th>(.*?)</tr>").matcher(html.substring(html.indexOf("· test")));
    assertTrue(row.find());
    assertEquals(List.of("1", "8", "1", "10", "0.8000"), cells(row.group(1)));
  }

  /** More classes than a matrix can show: the report lists the largest cells off the diagonal instead. */
  @Test
  void manyClassesGiveTheCommonestConfusionsInsteadOfAMatrix() {
    int k = Metrics.MATRIX_CLASSES + 1;
    long[][] confusion = new long[k][k];
    for (int c = 0; c < k; c++) {
      confusion[c][c] = 4;
    }
    confusion[5][9] = 3;
    confusion[30][0] = 1;
    Metrics validation = RunFixtures.classification(0.5, 4 * k + 4, (4.0 * k) / (4 * k + 4), confusion);
    TrainingResult run = new TrainingResult(List.of(new EpochReport(1, 10, 0.1, 0.6, validation, 1)), 1, false);
    String html = new HtmlReport("letters", run, null, List.of()).render();
    assertFalse(html.contains("Confusion matrix"), "no matrix");
    assertTrue(html.contains("<h2>Commonest confusions · validation, epoch 1</h2>"), html);
    assertTrue(html.contains(k + " classes are too many for a matrix; these are its 2 largest cells"), html);
    // the shares to four decimals, so that they line up
    int first = html.indexOf("<tr><td>5</td><td>9</td><td>3</td><td>0.4286</td></tr>");
    int second = html.indexOf("<tr><td>30</td><td>0</td><td>1</td><td>0.2000</td></tr>");
    assertTrue(first > 0 && second > first, html);
  }

  @Test
  void aRegressionReportShowsRSquaredAndNoConfusionMatrix() {
    List<EpochReport> epochs = new ArrayList<>();
    for (int e = 1; e <= 4; e++) {
      epochs.add(new EpochReport(e, e, 0.01, 1.0 / e, RunFixtures.regression(1.5 / e, 40, 0.25 * e, 0.125, 0.2 * e),
          2));
    }
    String html = new HtmlReport("diabetes", new TrainingResult(epochs, 4, false), null, null).render();
    assertTrue(html.contains("<h2>R²</h2>"));
    assertTrue(html.contains("<tr><th>RMSE</th><td>1</td></tr>"));
    assertTrue(html.contains("<tr><th>MAE</th><td>0.125</td></tr>"));
    assertTrue(html.contains("<tr><th>R²</th><td>0.8000</td></tr>"));
    assertFalse(html.contains("Confusion"));
    assertFalse(html.contains("best epoch"), "no early stopping, so the last epoch is the kept one");
    assertEquals(4, points(polylines(html, "train").get(0)).length);
  }

  @Test
  void aLossOverSeveralDecadesIsDrawnOnALogScaleAndNaNBreaksTheLine() {
    List<EpochReport> epochs = new ArrayList<>();
    double[] loss = {10, 1, Double.NaN, 0.01, 0.001};
    for (int e = 1; e <= loss.length; e++) {
      epochs.add(new EpochReport(e, e, 0.1, loss[e - 1], null, 1));
    }
    String html = new HtmlReport("xor", new TrainingResult(epochs, 5, false), null, List.of()).render();
    assertTrue(html.contains("mean loss (log scale)"));
    List<String> train = polylines(html, "train");
    assertEquals(List.of(2, 2), train.stream().map(s -> points(s).length).toList());
    assertEquals(2, html.split("<svg class=\"chart\"", -1).length - 1,
        "no validation, no accuracy chart: loss and learning rate");
    assertTrue(html.contains("No validation or test split"));
  }

  @Test
  void thePageIsSelfContainedEscapesTheNameAndLinksTheRunFiles() throws Exception {
    String html = new HtmlReport("a<b & \"c\"", classificationRun(), null, List.of()).render();
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<h1>a&lt;b &amp; &quot;c&quot;</h1>"));
    assertTrue(html.contains("<a href=\"experiment.yaml\">experiment.yaml</a>"));
    assertTrue(html.contains("<a href=\"metrics.csv\">metrics.csv</a>"));
    assertTrue(html.contains("<style>"));
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    assertFalse(html.contains("<img"));
    assertFalse(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("http"), "nothing fetched");
    Path file = dir.resolve("report.html");
    new HtmlReport("a<b & \"c\"", classificationRun(), null, List.of()).write(file);
    assertEquals(html, Files.readString(file));
  }

  /**
   * A regression's loss beside its RMSE: the page says which units each is in (0.18 above 344.969 looked wrong), as
   * this run trained: on standardized targets, or on the targets as given.
   */
  @Test
  void aRegressionsLossIsSaidToBeInTheUnitsTheNetworkTrainedIn() {
    List<EpochReport> epochs = List.of(new EpochReport(1, 10, 0.05, 0.2,
        new dev.nn.core.train.Metrics(0.180977, 68, Double.NaN, null, 344.969, 246.004, 0.81), 0.5));
    TrainingResult result = new TrainingResult(epochs, 1, false);
    String standardized = new HtmlReport("penguins", result, null, List.of(), HtmlReport.Status.COMPLETED, null, null,
        false, List.of(), Double.NaN, List.of(), true).render();
    assertTrue(standardized.contains("The loss is of the standardized targets (data.standardize-targets), the scale"
        + " the network trained in; RMSE and MAE are in the targets' own units."), standardized);
    String asGiven = new HtmlReport("penguins", result, null, List.of()).render();
    assertTrue(asGiven.contains("The loss is of the targets as given, not standardized, as are RMSE and MAE."),
        asGiven);
    assertFalse(asGiven.contains("standardize-targets"), asGiven);
    String classification = new HtmlReport("iris", classificationRun(), null, List.of()).render();
    assertFalse(classification.contains("RMSE and MAE"), "a classifier shows neither");
  }

  @Test
  void aRunWithoutEpochsStillRenders() {
    String html = new HtmlReport("empty", new TrainingResult(List.of(), 0, false), null, List.of()).render();
    assertTrue(html.contains("No epoch finished, so nothing was measured."), html);
    assertFalse(html.contains("<svg"));
    assertFalse(html.contains("No validation or test split"), "the experiment may well have both");
    assertFalse(html.contains("Updates"), "no count of updates that stops short of the epoch that failed");
    assertFalse(html.contains("href=\"metrics.csv\""), "metrics.csv is written with the first epoch's row");
    assertTrue(html.contains("href=\"experiment.yaml\""), html);
    assertTrue(new HtmlReport("one", classificationRun(), null, List.of()).render().contains(
        "<a href=\"experiment.yaml\">experiment.yaml</a><a href=\"metrics.csv\">metrics.csv</a>"));
  }

  private static List<String> cells(String row) {
    Matcher m = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * A diverged regression whose R² is below −1 from its first epoch: the chart keeps its axis at −1, as the
   * caption says, and the caption says that every value lies under it.
   */
  @Test
  void anRSquaredBelowMinusOneThroughoutKeepsTheAxisAtMinusOneAndSaysSo() {
    List<EpochReport> epochs = new ArrayList<>();
    double[] r2 = {-1028.7, -75000, -44000};
    for (int e = 1; e <= 3; e++) {
      epochs.add(new EpochReport(e, e, 0.15, 1e5 * e, RunFixtures.regression(1e6 * e, 40, 2000, 1500, r2[e - 1]), 1));
    }
    String html = new HtmlReport("diabetes", new TrainingResult(epochs, 1, false), null, null,
        new HtmlReport.Status("diverged", "training diverged"), null, null, false).render();
    String panel = html.substring(html.indexOf("<h2>R²</h2>"), html.indexOf("<h2>Learning rate</h2>"));
    assertTrue(panel.contains("every value is below −1 (the highest −1028.7000), so under this axis, which stops at"
        + " −1."), panel);
    assertFalse(panel.contains("−80000") || panel.contains("−75000</text>"), "the axis does not run to the values");
    assertTrue(panel.contains("text-anchor=\"end\">−1</text>"), panel);
    // a run whose R² crosses −1 keeps the usual caption
    String usual = new HtmlReport("diabetes", new TrainingResult(List.of(
        new EpochReport(1, 1, 0.01, 2, RunFixtures.regression(2, 40, 2, 1, -40), 1),
        new EpochReport(2, 2, 0.01, 1, RunFixtures.regression(1, 40, 1, 1, 0.5), 1)), 2, false), null, null).render();
    assertTrue(usual.contains("(values below −1 are cut off)."), usual);
  }

  /**
   * One validation row leaves R² undefined (SS_tot is 0): the report says "undefined" and why, as the terminal's
   * "-" and summary.json's null say there is none, rather than "−∞" and "No finite values to draw".
   */
  @Test
  void anUndefinedRSquaredIsShownAsUndefinedWithTheReason() {
    List<EpochReport> epochs = new ArrayList<>();
    for (int e = 1; e <= 3; e++) {
      epochs.add(new EpochReport(e, e, 0.01, 1.0 / e,
          RunFixtures.regression(1.0 / e, 1, 2, 2, Double.NEGATIVE_INFINITY), 1));
    }
    Metrics test = RunFixtures.regression(0.7, 5, 7.9, 5.6, 0.25);
    String html = new HtmlReport("linnerud", new TrainingResult(epochs, 3, false), test, null).render();
    assertFalse(html.contains("∞"), html);
    assertFalse(html.contains("No finite values to draw"), html);
    String panel = html.substring(html.indexOf("<h2>R²</h2>"), html.indexOf("<h2>Learning rate</h2>"));
    assertTrue(panel.contains("R² is undefined on the validation split (1 row): its targets do not vary"), panel);
    assertTrue(html.contains("<tr><th>R²</th><td>undefined</td><td>0.2500</td></tr>"), html);
    String metrics = html.substring(html.indexOf("<h2>Final metrics</h2>"));
    assertTrue(metrics.contains("R² is undefined on the validation split (1 row)"), metrics);
    assertFalse(metrics.contains("undefined on the test split"), metrics);
  }

  /** Several targets: each target's own figures on the validation split too, beside the test split's. */
  @Test
  void severalTargetsGetATableEachForTheValidationAndTheTestSplit() {
    Metrics validation = new Metrics(0.8, 1, Double.NaN, null, 9.9, 7.4, Double.NEGATIVE_INFINITY, List.of(
        new Metrics(Double.NaN, 1, Double.NaN, null, 16.4285, 16.4285, Double.NEGATIVE_INFINITY),
        new Metrics(Double.NaN, 1, Double.NaN, null, 1.00529, 1.00529, Double.NEGATIVE_INFINITY)));
    Metrics test = new Metrics(0.7, 5, Double.NaN, null, 7.9, 5.6, 0.1, List.of(
        new Metrics(Double.NaN, 5, Double.NaN, null, 12.716, 11.9936, -1.09452),
        new Metrics(Double.NaN, 5, Double.NaN, null, 1.10037, 0.845827, 0.15921)));
    String html = new HtmlReport("linnerud", new TrainingResult(List.of(new EpochReport(1, 1, 0.01, 2.4, validation,
        1)), 1, false), test, List.of(), HtmlReport.Status.COMPLETED, null, null, false, List.of(), Double.NaN,
        List.of("weight", "waist")).render();
    int val = html.indexOf("<h3>Validation split by target</h3>");
    int tst = html.indexOf("<h3>Test split by target</h3>");
    assertTrue(val > 0 && tst > val, html);
    assertTrue(html.substring(val, tst).contains("<tr><th>weight</th><td>16.4285</td><td>16.4285</td>"
        + "<td>undefined</td></tr>"), html);
    assertTrue(html.substring(tst).contains("<tr><th>weight</th><td>12.716</td><td>11.9936</td><td>−1.0945</td></tr>"),
        html);
  }
}
