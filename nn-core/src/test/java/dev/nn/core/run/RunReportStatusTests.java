package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainingResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report as a run rewrites it while it trains and once it ended: its status at the top, the reload that a
 * running run's page asks for (and a finished one's does not), the learning-rate chart, and the experiment and
 * provenance inline.
 */
class RunReportStatusTests {
  private static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"5\">";

  /** {@code n} epochs of a regression run whose learning rate halves every 10 epochs. */
  private static TrainingResult decaying(int n) {
    List<EpochReport> epochs = new ArrayList<>();
    for (int e = 1; e <= n; e++) {
      epochs.add(new EpochReport(e, 10L * e, 0.1 * Math.pow(0.5, (e - 1) / 10), 1.0 / e, null, 0.01));
    }
    return new TrainingResult(epochs, n, false);
  }

  private static HtmlReport report(TrainingResult result, HtmlReport.Status status) {
    return new HtmlReport("lr <test>", result, null, List.of(), status, "name: lr\nseed: 7 # <b>\n",
        "nn-version: 0.1.0\nrandom: {seed: 7}\n", false);
  }

  @Test
  void aRunningRunsPageReloadsItselfAndSaysWhichEpochItIsAt() {
    String html = report(decaying(3), new HtmlReport.Status("running", "epoch 3 of 40")).render();
    assertTrue(html.contains(REFRESH), html);
    assertTrue(html.contains("<p class=\"status running\"><span class=\"badge\">running</span> epoch 3 of 40"), html);
  }

  @Test
  void aRunningRunsPageSaysWhenItWasWrittenAndWhenToSuspectItsProcessEnded() {
    // epochs of 1, 0.5 and 0.33 s: the page counts as quiet after two minutes, the floor
    String html = report(decaying(3), new HtmlReport.Status("running", "epoch 3 of 40",
        Instant.parse("2026-12-04T00:50:12.734Z"))).render();
    assertTrue(html.contains("written <time datetime=\"2026-12-04T00:50:12Z\">2026-12-04 00:50:12 UTC</time>"), html);
    assertTrue(html.contains("<span id=\"stale\" class=\"stale\" hidden>"), html);
    assertTrue(html.contains("if (seconds * 1000 > 120000)"), html);
    // epochs of 100 s: three of them
    List<EpochReport> slow = List.of(new EpochReport(1, 10, 0.1, 1.0, null, 100.0));
    String slowPage = report(new TrainingResult(slow, 1, false), new HtmlReport.Status("running", "epoch 1 of 5",
        Instant.EPOCH)).render();
    assertTrue(slowPage.contains("if (seconds * 1000 > 300000)"), slowPage);
    // a page of a run that ended says nothing of the sort
    String ended = report(decaying(3), HtmlReport.Status.COMPLETED).render();
    assertFalse(ended.contains("<script>") || ended.contains("written <time"), ended);
  }

  @Test
  void aPageOfARunThatEndedDoesNotReloadAndShowsHowItEnded() {
    for (String state : List.of("completed", "diverged", "interrupted", "failed")) {
      String message = state.equals("completed") ? null : "it " + state + " & stopped";
      String html = report(decaying(3), new HtmlReport.Status(state, message)).render();
      assertFalse(html.contains("http-equiv=\"refresh\""), state);
      String badge = "<p class=\"status " + state + "\"><span class=\"badge\">" + state + "</span>";
      assertTrue(html.contains(message == null ? badge + "</p>" : badge + " it " + state + " &amp; stopped</p>"),
          html);
    }
  }

  @Test
  void theLearningRateChartHasOnePointPerEpoch() {
    for (int n : new int[] {1, 7, 100}) {
      String html = report(decaying(n), HtmlReport.Status.COMPLETED).render();
      Matcher m = Pattern.compile("<polyline class=\"line rate\" points=\"([^\"]*)\"/>").matcher(html);
      assertTrue(m.find(), "a learning-rate curve for " + n + " epochs");
      assertEquals(n, m.group(1).split(" ").length, "points for " + n + " epochs");
      assertFalse(m.find(), "one curve: the rate is finite everywhere");
      assertTrue(html.contains("<h2>Learning rate</h2>"));
    }
  }

  @Test
  void theExperimentAndTheProvenanceAreInlineFoldedAndEscaped() {
    String html = report(decaying(2), HtmlReport.Status.COMPLETED).render();
    assertTrue(html.contains("<details>\n<summary><h2>Experiment</h2> <span class=\"dim\">experiment.yaml</span>"
        + "</summary>\n<pre class=\"file\">name: lr\nseed: 7 # &lt;b&gt;\n</pre>"), html);
    assertTrue(html.contains("<summary><h2>Provenance</h2> <span class=\"dim\">provenance.yaml</span></summary>\n"
        + "<pre class=\"file\">nn-version: 0.1.0\nrandom: {seed: 7}\n</pre>"), html);
    assertTrue(html.contains("<title>lr &lt;test&gt; · training report</title>"));
  }

  @Test
  void aRunWithNoEpochYetSaysSoWithoutCharts() {
    String html = report(new TrainingResult(List.of(), 0, false), new HtmlReport.Status("running", "epoch 0 of 5"))
        .render();
    assertTrue(html.contains("No epoch has finished yet, so nothing has been measured yet."), html);
    assertFalse(html.contains("<svg"), html);
  }

  @Test
  void aRunningRunsFiguresAreNotCalledFinal() {
    String running = report(decaying(3), new HtmlReport.Status("running", "epoch 3 of 40")).render();
    assertFalse(running.contains("Final"), running);
    assertTrue(running.contains("<div class=\"card-label\">Train loss</div>"), running);
    assertTrue(running.contains("only the training loss is measured while the run trains"), running);
    String ended = report(decaying(3), HtmlReport.Status.COMPLETED).render();
    assertTrue(ended.contains("<div class=\"card-label\">Final train loss</div>"), ended);
    assertTrue(ended.contains("<h2>Final metrics</h2>"), ended);
  }

  @Test
  void aMessagesNumbersAreShownToSixSignificantDigits() {
    String html = report(new TrainingResult(List.of(), 0, false), new HtmlReport.Status("diverged",
        "at the end of epoch 1 the loss was 2.936518761176929E126, more than 1000 times that of the first batch"
            + " (24769.195681819525); runs/lr0.5-x-1.5 and nn 0.1.0 stay")).render();
    assertTrue(html.contains("the loss was 2.93652e126, more than 1000 times that of the first batch (24769.2);"
        + " runs/lr0.5-x-1.5 and nn 0.1.0 stay</p>"), html);
    assertTrue(html.contains("No epoch finished, so nothing was measured."), html);
    assertFalse(html.contains("No validation or test split"), html);
  }

  /**
   * The time card is the run's wall time, as summary.json and nn runs give it, with the epochs' share beside it:
   * a run of many short epochs spends most of its time outside them.
   */
  @Test
  void theTimeCardIsTheRunsDurationWithTheEpochsShare() {
    String html = new HtmlReport("xor", decaying(2), null, List.of(), HtmlReport.Status.COMPLETED, null, null, false,
        List.of(), 11.113).render();
    double inEpochs = decaying(2).epochs().stream().mapToDouble(e -> e.seconds()).sum();
    assertTrue(html.contains("<div class=\"card-label\">Run time</div><div class=\"card-value\">11.1 s</div>"
        + "<div class=\"card-note\">" + Fmt.duration(inEpochs) + " in epochs</div>"), html);
    String unknown = new HtmlReport("xor", decaying(2), null, List.of()).render();
    assertTrue(unknown.contains("<div class=\"card-label\">Time in epochs</div>"), unknown);
  }

  /** Only a completed run's best epoch is the model's: a diverged run's page does not say its weights are kept. */
  @Test
  void theBestEpochCardSaysWeightsKeptOnlyForACompletedRun() {
    List<EpochReport> epochs = new ArrayList<>();
    for (int e = 1; e <= 3; e++) {
      epochs.add(new EpochReport(e, 10L * e, 0.1, 1.0 / e,
          new dev.nn.core.train.Metrics(0.5 / e, 10, Double.NaN, null, 1.0 / e, 1.0 / e, 0.5), 0.01));
    }
    TrainingResult validated = new TrainingResult(epochs, 3, false);
    String completed = new HtmlReport("xor", validated, null, List.of()).render();
    assertTrue(completed.contains("<div class=\"card-note\">weights kept</div>"), completed);
    String diverged = new HtmlReport("xor", validated, null, List.of(), new HtmlReport.Status("diverged",
        "training diverged"), null, null, false).render();
    assertTrue(diverged.contains("<div class=\"card-note\">its checkpoint is kept</div>"), diverged);
    assertTrue(!diverged.contains("weights kept"), diverged);
  }

  /**
   * The best epoch is the one of the lowest validation loss, as the diverged run's terminal names its checkpoint
   * (and its record, which the page is given), not the last epoch the trainer kept (without early stopping); a
   * completed run's page says which its model keeps.
   */
  @Test
  void theBestEpochCardNamesTheLowestValidationLoss() {
    List<EpochReport> epochs = new ArrayList<>();
    double[] validationLoss = {6.06e6, 4.43e8, 2.61e8};
    for (int e = 1; e <= 3; e++) {
      epochs.add(new EpochReport(e, 10L * e, 0.1, 2.5e5 * e, new dev.nn.core.train.Metrics(validationLoss[e - 1], 10,
          Double.NaN, null, 1.0, 1.0, 0.5), 0.01));
    }
    TrainingResult lastKept = new TrainingResult(epochs, 3, false);
    // a diverged run's record gives the epoch whose checkpoint it kept
    TrainingResult checkpointKept = new TrainingResult(epochs, 1, false);
    String diverged = new HtmlReport("diabetes", checkpointKept, null, List.of(), new HtmlReport.Status("diverged",
        "training diverged"), null, null, false).render();
    assertTrue(diverged.contains("<div class=\"card-label\">Epoch kept</div><div class=\"card-value\">epoch 1</div>"
        + "<div class=\"card-note\">its checkpoint is kept</div>"), diverged);
    String completed = new HtmlReport("diabetes", lastKept, null, List.of()).render();
    // the card is the lowest validation loss's epoch, which summary.json's best_epoch (the epoch kept) is not
    assertTrue(completed.contains("<div class=\"card-label\">Lowest val loss</div><div class=\"card-value\">epoch 1</div>"
        + "<div class=\"card-note\">the model keeps epoch 3</div>"), completed);
  }

  @Test
  void aSweepPointsOrAFoldsPageShowsItsOverridesInTheHeaderAndInTheTabsTitle() {
    List<String> overrides = List.of("optimizer.learning-rate=100", "network.layers[1].units=8", "name=xor-a",
        "data.test={fold: 2, of: 5}");
    String html = new HtmlReport("xor", decaying(2), null, List.of(), HtmlReport.Status.COMPLETED, null, null, false,
        overrides, Double.NaN).render();
    assertTrue(html.contains("<title>xor · learning-rate 100, layers[1].units 8, fold 2 of 5 · training report</title>"),
        html);
    assertTrue(html.contains("<p class=\"overrides\">with <code>optimizer.learning-rate=100</code>"
        + " <code>network.layers[1].units=8</code> <code>name=xor-a</code> <code>data.test={fold: 2, of: 5}</code></p>"),
        html);
    String plain = report(decaying(2), HtmlReport.Status.COMPLETED).render();
    assertFalse(plain.contains("class=\"overrides\""), plain);
  }
}
