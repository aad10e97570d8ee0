package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    assertTrue(page.contains("<th><span class=\"run\">#1</span><br><span class=\"dim\">xor-<wbr>1</span></th>"
        + "<th><span class=\"run\">#2</span><br><span class=\"dim\">xor-<wbr>2</span></th>"), page);
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

  /**
   * Forty runs' curves can be told apart: each is drawn in its own pairing of a colour and a dash pattern (eight
   * colours alone made the ninth run's line the first one's), and its legend entry shows the same.
   */
  @Test
  void fortyRunsEachHaveTheirOwnColourAndDashPattern() throws Exception {
    List<Path> runs = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      runs.add(run("xor-" + i, "xor", "0." + i, 8, "1,10,0.1,0.9,,,,,,0.5\n2,20,0.1,0." + i + ",,,,,,0.5\n", null));
    }
    String page = RunComparison.of(runs).page();
    // a colour is a variable, set first for light (then again for dark)
    Map<String, String> colours = new HashMap<>();
    Matcher variable = Pattern.compile("--(series\\d+): (#[0-9a-f]{6});").matcher(page);
    while (variable.find()) {
      colours.putIfAbsent(variable.group(1), variable.group(2));
    }
    Map<String, String> strokes = new HashMap<>();
    Matcher css = Pattern.compile(
        "\\.line\\.(series\\d+) \\{ stroke: var\\(--(series\\d+)\\)(; stroke-dasharray: [^;]+)?; \\}").matcher(page);
    while (css.find()) {
      assertTrue(colours.containsKey(css.group(2)), "a colour for " + css.group(2));
      strokes.put(css.group(1), colours.get(css.group(2)) + (css.group(3) == null ? "" : css.group(3)));
    }
    String chart = page.substring(page.indexOf("<h2>Training loss</h2>"));
    List<String> lines = classes(chart, "<polyline class=\"line (series\\d+)\"");
    List<String> keys = classes(chart, "<line class=\"line (series\\d+)\" x1=");
    assertEquals(40, lines.size(), chart);
    assertEquals(lines, keys, "each legend entry is drawn as its curve is");
    assertEquals(40, new HashSet<>(lines).size());
    assertEquals(40, lines.stream().map(c -> {
      assertTrue(strokes.containsKey(c), "a style for " + c);
      return strokes.get(c);
    }).distinct().count(), "forty distinct colour and dash pairings: " + strokes);
    assertTrue(strokes.get(lines.get(8)).startsWith(strokes.get(lines.get(0)) + "; stroke-dasharray"),
        "the ninth run has the first one's colour, dashed");
  }

  /** The classes of the matches of {@code regex} in {@code html}, in order. */
  private static List<String> classes(String html, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /**
   * The table of differences keeps a run's number whole ("#10", not "#1" over "0") and lets a run's name wrap
   * only after a '-', '_' or '/', never every few letters.
   */
  @Test
  void theDifferencesTableKeepsRunNumbersWholeAndBreaksNamesAtSeparatorsOnly() throws Exception {
    List<Path> runs = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      runs.add(run("digits-20261205-003307_" + i, "digits", "0." + i, 8, "1,10,0.1,0.9,,,,,,0.5\n", null));
    }
    String page = RunComparison.of(runs).page();
    assertTrue(page.contains("<th><span class=\"run\">#10</span><br><span class=\"dim\">digits-<wbr>20261205-<wbr>"
        + "003307_<wbr>10</span></th>"), page);
    assertTrue(page.contains("table.differences .run { white-space: nowrap; }"), "the number is not broken");
    // on screen; on paper a run's name may break anywhere rather than overlap the next column (@media print)
    int print = page.indexOf("@media print {");
    int end = print;
    for (int depth = 0, i = page.indexOf('{', print); i < page.length(); i++) {
      depth += page.charAt(i) == '{' ? 1 : page.charAt(i) == '}' ? -1 : 0;
      if (depth == 0) {
        end = i + 1;
        break;
      }
    }
    String screen = page.substring(0, print) + page.substring(end);
    assertTrue(page.substring(print, end).contains("word-break: break-all"), "the print block was found");
    assertFalse(Pattern.compile("table\\.differences[^{]*\\{[^}]*(overflow-wrap: anywhere|word-break: break-all)")
        .matcher(screen).find(), "nothing in the table breaks between any two letters");
  }
}
