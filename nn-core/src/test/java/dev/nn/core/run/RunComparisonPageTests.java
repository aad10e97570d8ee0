package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare page: which run is which (by number and by what sets it apart), the differences as a table, each
 * run's state, and legends that list only the runs a chart draws.
 */
class RunComparisonPageTests {
  private static final String HEADER =
      "epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds\n";

  @TempDir
  Path tmp;

  private Path run(String dir, String name, String rate, int batch, String metrics, String status) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir).resolve("checkpoints")).getParent();
    Files.writeString(d.resolve("experiment.yaml"), """
        name: %s
        seed: 7
        optimizer: {name: adam, learning-rate: %s}
        training: {epochs: 3, batch-size: %d}
        """.formatted(name, rate, batch));
    Files.writeString(d.resolve("metrics.csv"), HEADER + metrics);
    if (status != null) {
      Files.writeString(d.resolve("status.yaml"), status);
    }
    return d;
  }

  @Test
  void runsOfOneExperimentAreNamedByTheValuesTheyDifferIn() throws Exception {
    String page = RunComparison.of(List.of(
        run("xor-1", "xor", "0.1", 8, "1,10,0.1,0.9,,,,,,0.5\n2,20,0.1,0.5,,,,,,0.5\n", null),
        run("xor-2", "xor", "100", 32, "1,10,100,40,,,,,,0.5\n", null))).page();
    assertTrue(page.contains("<div class=\"card-label\">#1 learning-rate 0.1, batch-size 8</div>"), page);
    assertTrue(page.contains("<div class=\"card-label\">#2 learning-rate 100, batch-size 32</div>"), page);
    assertTrue(page.contains("</svg>#2 learning-rate 100, batch-size 32</li>"), page);
    assertTrue(page.contains("2 epochs; no validation split, last training loss"), page);
    assertTrue(page.contains("1 epoch; no validation split"), "one epoch, not one epochs: " + page);
    // the differences: a row per key, a column per run headed by its number and directory
    assertTrue(page.contains("<th>#1<br><span class=\"dim\">xor-1</span></th><th>#2<br><span class=\"dim\">xor-2"
        + "</span></th>"), page);
    assertTrue(page.contains("<tr><th><code>training.batch-size</code></th><td>8</td><td>32</td></tr>"), page);
    assertFalse(page.contains(" | "), "no run-on sentence");
    assertTrue(page.contains("<main>"), "two runs fit the report's own width");
  }

  /**
   * A run that failed after metrics.csv took a row its checkpoint never got (a disk that filled) is shown with
   * the epochs its summary counts, as its own report shows them.
   */
  @Test
  void aFailedRunIsShownWithTheEpochsItsSummaryCounts() throws Exception {
    Path failed = run("failed", "xor", "0.1", 8, "1,10,0.1,0.9,0.8,0.6,,,,0.5\n2,20,0.1,0.5,0.4,0.8,,,,0.5\n",
        "state: failed\nmessage: 'cannot write epoch-0002.ckpt: No space left on device'\n");
    Files.writeString(failed.resolve(RunDirectory.SUMMARY), "{\"status\": \"failed\", \"epochs\": 1, \"best_epoch\": 1}");
    Path done = run("done", "xor", "0.03", 8, "1,10,0.03,0.9,0.8,0.6,,,,0.5\n2,20,0.03,0.5,0.4,0.8,,,,0.5\n", null);
    String page = RunComparison.of(List.of(failed, done)).page();
    String card = page.substring(page.indexOf("<div class=\"card-label\">#1"));
    card = card.substring(0, card.indexOf("</div>\n"));
    assertTrue(card.contains("1 epoch"), card);
    assertFalse(card.contains("2 epochs"), card);
  }

  /** Five runs get a wider column, so that the last runs' columns are not out of sight behind a scroll bar. */
  @Test
  void fiveRunsWidenThePageForAColumnEach() throws Exception {
    List<Path> runs = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      runs.add(run("xor-" + i, "xor", "0." + i, 8 * i, "1,10,0.1,0.9,,,,,,0.5\n", null));
    }
    String page = RunComparison.of(runs).page();
    assertTrue(page.contains("<main style=\"max-width: 1250px\">"), page);
  }

  @Test
  void runsOfDifferentExperimentsAreNamedByTheirNames() throws Exception {
    String page = RunComparison.of(List.of(
        run("a", "digits-lr3", "3", 16, "", "state: diverged\nmessage: 'training diverged'\n"),
        run("b", "digits", "0.5", 16, "1,10,0.5,0.9,0.8,0.9,,,,0.5\n", null),
        run("c", "mnist", "0.05", 64, "1,10,0.05,0.3,0.2,0.95,,,,0.5\n",
            "state: interrupted\nmessage: stopped\n"))).page();
    assertTrue(page.contains("<div class=\"card-label\">#1 digits-lr3</div><div class=\"card-value\">—</div>"
        + "<div class=\"card-note\">no epoch finished</div><div class=\"status diverged\"><span class=\"badge\">"
        + "diverged</span></div>"), page);
    assertTrue(page.contains("<div class=\"status interrupted\"><span class=\"badge\">interrupted</span>"), page);
    // the validation charts name only the runs that have validation figures
    String validation = page.substring(page.indexOf("<h2>Validation loss</h2>"));
    assertFalse(validation.contains("#1 digits-lr3"), validation);
    assertTrue(validation.contains("</svg>#2 digits</li>") && validation.contains("</svg>#3 mnist</li>"), validation);
    assertEquals(4, validation.split("<polyline class=\"line series", -1).length - 1,
        "two curves in each of the two validation charts");
    assertTrue(validation.contains("line series3"), "a run keeps its colour when another is left out");
  }
}
