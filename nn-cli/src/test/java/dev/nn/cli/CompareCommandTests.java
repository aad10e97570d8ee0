package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn compare}: the experiments' differing keys, and the page of overlaid curves. */
class CompareCommandTests {
  @TempDir
  Path tmp;

  private Path run(String name, String learningRate, int units, String metrics) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name).resolve("checkpoints")).getParent();
    Files.writeString(dir.resolve("experiment.yaml"), """
        name: xor
        seed: 7
        network:
          layers:
          - {units: auto}
          - {units: %d, activation: tanh}
          ties: []
        optimizer: {name: adam, learning-rate: %s}
        training: {epochs: 3, batch-size: 8}
        """.formatted(units, learningRate));
    Files.writeString(dir.resolve("metrics.csv"),
        "epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds\n" + metrics);
    return dir;
  }

  private static final String CLASSIFIER = "1,10,0.1,0.9,0.8,0.6,,,,0.5\n2,20,0.1,0.5,0.4,0.85,,,,0.5\n";

  @Test
  void printsOnlyTheKeysThatDifferWithEachRunsValue() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.03", 4, CLASSIFIER);
    Path c = run("c", "0.1", 8, CLASSIFIER);
    Path page = tmp.resolve("page.html");
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), c.toString(), "--output", page.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("""
        KEY                      a    b     c
        network.layers[1].units  4    4     8
        optimizer.learning-rate  0.1  0.03  0.1
        page           %s
        """.formatted(page), o.out());
  }

  /**
   * Runs whose losses differ (one written by its name, one as a mapping with a setting) compare at the key loss,
   * and the terminal and the page say that their loss curves are not comparable.
   */
  @Test
  void runsOfDifferentLossesAreToldTheirLossCurvesDoNotCompare() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.1", 4, CLASSIFIER);
    Files.writeString(a.resolve("experiment.yaml"), Files.readString(a.resolve("experiment.yaml")) + "loss: squared\n");
    Files.writeString(b.resolve("experiment.yaml"), Files.readString(b.resolve("experiment.yaml"))
        + "loss: {name: huber, delta: 0.5}\n");
    Path c = run("c", "0.1", 4, CLASSIFIER);
    Files.writeString(c.resolve("experiment.yaml"), Files.readString(c.resolve("experiment.yaml")) + "loss: squared\n");
    Path page = tmp.resolve("losses.html");
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), c.toString(), "--output", page.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("loss +squared +huber +squared")), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("loss\\.delta +\\(absent\\) +0\\.5 +\\(absent\\)")), o.out());
    // each loss once in the note, however many runs use it
    assertTrue(o.out().contains("note: the runs' losses differ (squared, huber): each loss curve is on its own scale"),
        o.out());
    assertTrue(Files.readString(page).contains("The runs&#39; losses differ (squared, huber)")
        || Files.readString(page).contains("The runs' losses differ (squared, huber)"), "the page says so too");
    // on a narrow terminal the note is folded at spaces, as the table is fitted
    Cli.Outcome narrow = Cli.run(java.util.Map.of("COLUMNS", "60"), true, "compare", a.toString(), b.toString(),
        c.toString(), "--output", page.toString());
    String note = narrow.out().substring(narrow.out().indexOf("note: "));
    assertTrue(note.lines().allMatch(l -> l.length() < 60), note);
    assertTrue(note.startsWith("note: the runs' losses differ (squared, huber): each loss\n  curve"), note);
  }

  /**
   * Regressions of one loss, one on standardized targets and one on the targets as given, have losses on different
   * scales: the terminal and the page say to compare their figures. A run that leaves the key out trains as one
   * with false, whose losses are on one scale.
   */
  @Test
  void runsOnStandardizedAndRawTargetsAreToldTheirLossCurvesDoNotCompare() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.1", 4, CLASSIFIER);
    Path c = run("c", "0.1", 4, CLASSIFIER);
    Files.writeString(b.resolve("experiment.yaml"), Files.readString(b.resolve("experiment.yaml"))
        .replace("seed: 7\n", "seed: 7\ndata:\n  standardize-targets: false\n"));
    Cli.Outcome same = Cli.run("compare", a.toString(), b.toString(), "--output", tmp.resolve("same.html").toString());
    assertEquals(0, same.code(), same.describe());
    assertFalse(same.out().contains("note:"), same.out());
    Files.writeString(c.resolve("experiment.yaml"), Files.readString(c.resolve("experiment.yaml"))
        .replace("seed: 7\n", "seed: 7\ndata:\n  standardize-targets: true\n"));
    Path page = tmp.resolve("scales.html");
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), c.toString(), "--output", page.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("note: some runs trained on standardized targets (data.standardize-targets: true),"
        + " some on the targets as given: their losses are on different scales"), o.out());
    assertTrue(Files.readString(page).contains("Some runs trained on standardized targets"), "the page says so too");
  }

  /**
   * However narrow the terminal, every line of the table fits it: keys are cut in their middle, then values below
   * their usual least width. At 40 columns a one-key table of three runs wrapped.
   */
  @Test
  void onAVeryNarrowTerminalEveryLineFits() throws Exception {
    Path a = run("xor-20261204-200503-1", "0.05", 4, CLASSIFIER);
    Path b = run("xor-20261204-200503-2", "5000", 4, CLASSIFIER);
    Path c = run("xor-20261204-200503-3", "0.01", 4, CLASSIFIER);
    for (int columns : new int[] {40, 60}) {
      Cli.Outcome o = Cli.run(Map.of("COLUMNS", Integer.toString(columns)), true, "compare", a.toString(),
          b.toString(), c.toString(), "--output", tmp.resolve("narrow.html").toString());
      assertEquals(0, o.code(), o.describe());
      String table = o.out().substring(0, o.out().lastIndexOf("\npage") + 1);
      assertTrue(table.lines().allMatch(l -> l.length() <= columns), columns + " columns:\n" + table);
      assertTrue(table.lines().anyMatch(l -> l.contains("5000")), table);
    }
  }

  /**
   * A sweep of 30 points differs in one key: on a terminal too narrow for a column per run, a line per run shows
   * every value whole (at 200 columns each value was cut to "….…", at 80 the lines wrapped).
   */
  @Test
  void aSweepOfManyRunsIsALinePerRunWithEveryValueWhole() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("compare"));
    List<String> rates = new java.util.ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      rates.add(java.math.BigDecimal.valueOf(5L * i, 3).stripTrailingZeros().toPlainString());
      args.add(run(String.format("digits-20261205-0033%02d", i), rates.get(i - 1), 4, CLASSIFIER).toString());
    }
    args.addAll(List.of("--output", tmp.resolve("sweep.html").toString()));
    for (int columns : new int[] {200, 80, 40}) {
      Cli.Outcome o = Cli.run(Map.of("COLUMNS", Integer.toString(columns)), true, args.toArray(String[]::new));
      assertEquals(0, o.code(), o.describe());
      String table = o.out().substring(0, o.out().lastIndexOf("\npage") + 1);
      assertTrue(table.lines().allMatch(l -> l.length() <= columns), columns + " columns:\n" + table);
      for (int i = 1; i <= 30; i++) {
        String lead = columns >= 80 ? String.format("digits-20261205-0033%02d", i) : "#" + i;
        String rate = rates.get(i - 1);
        assertTrue(table.lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(lead) + " +"
            + java.util.regex.Pattern.quote(rate))), columns + " columns, run " + i + ":\n" + table);
      }
    }
  }

  /** A run file that is not UTF-8 is named with where and why (it was "nn: Input length = 1"). */
  @Test
  void aRunFileThatIsNotUtf8IsNamedWithWhereAndWhy() throws Exception {
    for (String file : List.of("experiment.yaml", "metrics.csv")) {
      Path a = run("a-" + file, "0.1", 4, CLASSIFIER);
      Path b = run("b-" + file, "0.03", 4, CLASSIFIER);
      byte[] text = Files.readAllBytes(a.resolve(file));
      byte[] latin = java.util.Arrays.copyOf(text, text.length + 7);
      System.arraycopy("# caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, latin, text.length, 5);
      latin[text.length + 5] = (byte) 0xE9;
      latin[text.length + 6] = '\n';
      Files.write(a.resolve(file), latin);
      Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", tmp.resolve("x.html").toString());
      assertEquals(2, o.code(), o.describe());
      assertTrue(o.err().startsWith("nn: " + a.resolve(file) + ": not UTF-8 text: byte 0xE9 at line "), o.err());
      assertEquals(1, o.err().lines().count(), o.err());
    }
  }

  /** A run given twice is refused: its curves would hide each other's, and the page would not say why. */
  @Test
  void aRunGivenTwiceIsRefused() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Cli.Outcome o = Cli.run("compare", a.toString(), a.resolve("../a").toString(), "--output",
        tmp.resolve("twice.html").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + a.resolve("../a") + " is given twice (as " + a + "); give each run once"),
        o.err());
    assertFalse(Files.exists(tmp.resolve("twice.html")));
  }

  /**
   * Long run names on an 80-column terminal: the runs numbered in a legend and the columns headed by number, so
   * that every line fits; piped, the table is whole.
   */
  @Test
  void onANarrowTerminalTheRunsAreNumberedInALegend() throws Exception {
    String longName = "xor-with-a-rather-long-descriptive-experiment-name-20261204-0329";
    Path a = run(longName + "06", "0.1", 4, CLASSIFIER);
    Path b = run(longName + "08", "0.03", 4, CLASSIFIER);
    Path c = run("digits-20261204-032910", "0.1", 8, CLASSIFIER);
    Path page = tmp.resolve("page.html");
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "80"), true, "compare", a.toString(), b.toString(), c.toString(),
        "--output", page.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("""
        #1  %s06
        #2  %s08
        #3  digits-20261204-032910
        KEY                      #1   #2    #3
        network.layers[1].units  4    4     8
        optimizer.learning-rate  0.1  0.03  0.1
        page           %s
        """.formatted(longName, longName, page), o.out());
    Cli.Outcome piped = Cli.run(Map.of("COLUMNS", "80"), false, "compare", a.toString(), b.toString(), c.toString(),
        "--output", page.toString());
    assertTrue(piped.out().startsWith("KEY                      " + longName + "06  "), piped.out());
  }

  /** Values too long for the terminal are cut so that where they differ shows (here the file names). */
  @Test
  void aValueTooLongIsCutInItsMiddleKeepingItsEnd() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.1", 4, CLASSIFIER);
    for (Path r : List.of(a, b)) {
      Path yaml = r.resolve("experiment.yaml");
      Files.writeString(yaml, Files.readString(yaml).replace("seed: 7\n", "seed: 7\ndata:\n  train: {source: csv,"
          + " path: /home/someone/projects/experiments/data/" + r.getFileName() + "-measurements.csv}\n"));
    }
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "60"), true, "compare", a.toString(), b.toString(), "--output",
        tmp.resolve("p.html").toString());
    assertEquals(0, o.code(), o.describe());
    // a line per run: each path has the width the run's name leaves, cut in its middle where the paths part
    String table = o.out().substring(0, o.out().lastIndexOf("\npage") + 1);
    assertTrue(table.lines().allMatch(l -> l.length() <= 60), table);
    String first = table.lines().filter(l -> l.startsWith("a ")).findFirst().orElseThrow();
    String second = table.lines().filter(l -> l.startsWith("b ")).findFirst().orElseThrow();
    assertTrue(first.contains("…") && first.contains("a-measurements.csv"), table);
    assertTrue(second.contains("…") && second.contains("b-measurements.csv"), table);
  }

  @Test
  void sameExperimentsSaySo() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.1", 4, CLASSIFIER);
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", tmp.resolve("p.html").toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("the runs' experiments are the same (2 runs)\n"), o.out());
  }

  @Test
  void thePageOverlaysEachCurveOfEveryRunWithALegend() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.03", 4, "1,10,0.03,0.95,0.9,0.5,,,,0.5\n2,20,0.03,0.8,0.7,0.6,,,,0.5\n3,30,0.03,0.6,0.5,0.7,,,,0.5\n");
    Path page = tmp.resolve("page.html");
    assertEquals(0, Cli.run("compare", a.toString(), b.toString(), "--output", page.toString()).code());
    String html = Files.readString(page);
    assertEquals(List.of("Differences", "Training loss", "Validation loss", "Validation accuracy"),
        all(Pattern.compile("<h2>([^<]+)</h2>"), html));
    assertEquals(3, count(html, "<svg class=\"chart\""));
    // one polyline per run and chart, in the run's colour; the legend names both runs in every chart
    assertEquals(3, count(html, "<polyline class=\"line series1\""));
    assertEquals(3, count(html, "<polyline class=\"line series2\""));
    assertEquals(3, count(html, "<ul class=\"legend\">"));
    assertEquals(3, count(html, "</svg>#1 learning-rate 0.1</li>"));
    assertEquals(3, count(html, "</svg>#2 learning-rate 0.03</li>"));
    assertTrue(html.contains("<tr><th><code>optimizer.learning-rate</code></th><td>0.1</td><td>0.03</td></tr>"), html);
    assertTrue(html.contains("<title>#2 learning-rate 0.03, epoch 3: "), html);
  }

  /**
   * A card gives the epoch whose weights the run kept, as its summary names it — early stopping on the validation
   * loss kept epoch 1 here, though epoch 2's accuracy is higher; without a summary, the metrics' best.
   */
  @Test
  void aCardShowsTheKeptEpochNamedByTheSummary() throws Exception {
    String metrics = "1,10,0.1,0.9,0.3,0.9,,,,0.5\n2,20,0.1,0.5,0.5,0.95,,,,0.5\n";
    Path a = run("a", "0.1", 4, metrics);
    Path b = run("b", "0.03", 4, metrics);
    Files.writeString(a.resolve("summary.json"), "{\"format\": 1, \"best_epoch\": 1}\n");
    Path page = tmp.resolve("page.html");
    assertEquals(0, Cli.run("compare", a.toString(), b.toString(), "--output", page.toString()).code());
    String html = Files.readString(page);
    int cardA = html.indexOf(">#1 learning-rate 0.1<");
    int cardB = html.indexOf(">#2 learning-rate 0.03<");
    assertTrue(cardA > 0 && cardB > cardA, html);
    String first = html.substring(cardA, cardB);
    assertTrue(first.contains("acc 0.9000") && first.contains("2 epochs; validation, weights of epoch 1"), first);
    String second = html.substring(cardB, html.indexOf("Differences"));
    assertTrue(second.contains("acc 0.9500") && second.contains("2 epochs; validation, weights of epoch 2"), second);
  }

  @Test
  void aRegressionHasNoAccuracyChart() throws Exception {
    String regression = "1,10,0.1,0.9,0.8,,0.9,0.7,0.1,0.5\n2,20,0.1,0.5,0.4,,0.6,0.5,0.4,0.5\n";
    Path a = run("a", "0.1", 4, regression);
    Path b = run("b", "0.2", 4, regression);
    Path page = tmp.resolve("page.html");
    assertEquals(0, Cli.run("compare", a.toString(), b.toString(), "--output", page.toString()).code());
    assertEquals(List.of("Differences", "Training loss", "Validation loss"),
        all(Pattern.compile("<h2>([^<]+)</h2>"), Files.readString(page)));
  }

  @Test
  void refusesToWriteIntoARun() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.2", 4, CLASSIFIER);
    Path inside = a.resolve("compare.html");
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", inside.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: --output " + inside + " is inside the run directory " + a + "; a run's files are left as"
        + " training wrote them. Write the page elsewhere, e.g. --output compare.html\n", o.err());
    assertFalse(Files.exists(inside));
    Cli.Outcome over = Cli.run("compare", a.toString(), b.toString(), "--output",
        b.resolve("experiment.yaml").toString());
    assertEquals(2, over.code(), over.describe());
  }

  @Test
  void needsTwoRunDirectories() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Cli.Outcome one = Cli.run("compare", a.toString());
    assertEquals(2, one.code());
    assertEquals("nn: compare needs two runs or more, found 1 (" + a + "); give two or more run directories, or a"
        + " sweep folder whose points trained\n", one.err());
    Path notRun = Files.createDirectories(tmp.resolve("plain"));
    Cli.Outcome o = Cli.run("compare", a.toString(), notRun.toString(), "--output", tmp.resolve("p.html").toString());
    assertEquals(2, o.code());
    assertEquals("nn: " + notRun + ": not a run directory (it holds no experiment.yaml with checkpoints/ or summary.json);"
        + " expected a"
        + " directory nn train wrote, or a sweep folder\n", o.err());
  }

  /** A sweep folder stands for its points' runs, as its sweep.csv names them. */
  @Test
  void aSweepFolderIsComparedAsItsRuns() throws Exception {
    Path out = tmp.resolve("swept");
    Cli.Outcome sweep = Cli.run("train", Cli.XOR, "--set", "training.epochs=1", "--sweep",
        "optimizer.learning-rate=0.1,0.03", "--output", out.toString(), "--plain");
    assertEquals(0, sweep.code(), sweep.describe());
    Path folder;
    try (java.util.stream.Stream<Path> all = Files.list(out)) {
      folder = all.filter(p -> p.getFileName().toString().contains("-sweep-")).findFirst().orElseThrow();
    }
    Path page = tmp.resolve("sweep.html");
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "200"), false, "compare", folder.toString(), "--output",
        page.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("optimizer.learning-rate") && o.out().contains("0.1") && o.out().contains("0.03"),
        o.out());
    assertTrue(Files.readString(page).contains("2 runs"));
  }

  @Test
  void aKeyOneRunLacksIsShownAsAbsent() throws Exception {
    Path a = run("a", "0.1", 4, CLASSIFIER);
    Path b = run("b", "0.1", 4, CLASSIFIER);
    Files.writeString(b.resolve("experiment.yaml"), Files.readString(b.resolve("experiment.yaml"))
        .replace("ties: []", "ties: [[1, 2]]") + "l2: 0.01\n");
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", tmp.resolve("p.html").toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("""
        KEY                 a         b
        network.ties        []        (absent)
        network.ties[0][0]  (absent)  1
        network.ties[0][1]  (absent)  2
        l2                  (absent)  0.01
        """, o.out().substring(0, o.out().lastIndexOf("\npage") + 1));
  }

  /**
   * nn writes metrics.csv a whole row at a time, so a row it cannot read was damaged outside nn: each kind (a
   * file cut in its last row, a row short of cells, a cell that is not a number, no header, an empty file, a cut
   * header) is named on stderr and on the page, the row left out rather than read as if whole; the comparison
   * is still written. An experiment.yaml emptied outside nn is named too.
   */
  @Test
  void damagedRunFilesAreNamedAndTheirUnreadableRowsLeftOut() throws Exception {
    String whole = "1,10,0.1,0.9,0.8,0.6,,,,0.5\n2,20,0.1,0.5,0.4,0.85,,,,0.5\n";
    Path a = run("a", "0.1", 4, whole);
    Map<String, String> damaged = new java.util.LinkedHashMap<>();
    damaged.put("1,10,0.1,0.9,0.8,0.6,,,,0.5\n2,20,0.1,0.16601", "ends in the middle of line 3 (the file was cut"
        + " short): that row is left out");
    damaged.put("1,10,0.1,0.9,0.8\n2,20,0.1,0.5,0.4,0.85,,,,0.5\n", "line 2 is damaged (5 of 10 cells): that row is"
        + " left out");
    damaged.put("1,10,0.1,0.9,0.8,0.6,,,,0.5\n2,20,0.1,0.5,0.4,0.8x5,,,,0.5\n", "line 3 is damaged (a cell that is"
        + " not a number): that row is left out");
    int n = 0;
    for (Map.Entry<String, String> d : damaged.entrySet()) {
      Path b = run("b" + n++, "0.03", 4, "");
      Files.writeString(b.resolve("metrics.csv"), Files.readString(b.resolve("metrics.csv")) + d.getKey());
      Path page = tmp.resolve("page" + n + ".html");
      Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", page.toString());
      assertEquals(0, o.code(), o.describe());
      String warning = "nn: warning: " + b.resolve("metrics.csv") + " " + d.getValue() + "\n";
      assertEquals(warning, o.err());
      String html = Files.readString(page);
      assertTrue(html.contains("Damaged files"), html);
      String card = html.substring(html.indexOf(">#2 learning-rate 0.03<"), html.indexOf("Differences"));
      assertTrue(card.contains("1 epoch; validation, weights of epoch"), card);
    }
    Map<String, String> whole2 = Map.of(
        "", "is empty, so the run has no curves",
        "epoch,updates,learn", "ends inside its header (the file was cut short), so the run has no curves",
        "1,10,0.1,0.9,0.8,0.6,,,,0.5\n", "does not start with its header (epoch,updates,…), so its rows cannot be"
            + " read");
    for (Map.Entry<String, String> d : whole2.entrySet()) {
      Path b = run("c" + n++, "0.03", 4, "");
      Files.writeString(b.resolve("metrics.csv"), d.getKey());
      Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", tmp.resolve("p.html").toString());
      assertEquals(0, o.code(), o.describe());
      assertEquals("nn: warning: " + b.resolve("metrics.csv") + " " + d.getValue() + "\n", o.err());
    }
    // an experiment.yaml emptied, or cut inside a line (not YAML), is named, and its run's settings are shown as ?,
    // not as every key absent
    Path emptied = run("d", "0.03", 4, whole);
    Files.writeString(emptied.resolve("experiment.yaml"), "");
    Cli.Outcome o = Cli.run("compare", a.toString(), emptied.toString(), "--output", tmp.resolve("p.html").toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("nn: warning: " + emptied.resolve("experiment.yaml") + " holds no settings (emptied, or cut short"
        + " outside nn), so the run's settings are not compared\n", o.err());
    assertTrue(o.out().startsWith("the experiments that could be read are the same (1 of 2 runs)\n"), o.out());
    // cut at a line's end, the file still reads: the SHA-256 the run recorded tells it
    Path edited = run("h", "0.03", 4, whole);
    Files.writeString(edited.resolve("provenance.yaml"), "experiment-sha256: " + dev.nn.core.io.Sha256.of(
        edited.resolve("experiment.yaml")) + "\n");
    assertEquals("", Cli.run("compare", a.toString(), edited.toString(), "--output", tmp.resolve("p.html").toString())
        .err());
    String yaml = Files.readString(edited.resolve("experiment.yaml"));
    Files.writeString(edited.resolve("experiment.yaml"), yaml.substring(0, yaml.indexOf("training:")));
    assertEquals("nn: warning: " + edited.resolve("experiment.yaml") + " is not the file the run recorded (its SHA-256"
        + " differs from the one provenance.yaml gives: changed, or cut short, since the run wrote it); its settings"
        + " are compared as they are now\n", Cli.run("compare", a.toString(), edited.toString(), "--output",
        tmp.resolve("p.html").toString()).err());
    Path cut = run("f", "0.03", 8, whole);
    String text = Files.readString(cut.resolve("experiment.yaml"));
    Files.writeString(cut.resolve("experiment.yaml"), text.substring(0, text.indexOf("{name: adam") + 8));
    Cli.Outcome three = Cli.run("compare", a.toString(), run("g", "0.1", 8, whole).toString(), cut.toString(),
        "--output", tmp.resolve("p.html").toString());
    assertEquals(0, three.code(), three.describe());
    assertTrue(three.err().startsWith("nn: warning: " + cut.resolve("experiment.yaml") + " is not readable as YAML ("),
        three.describe());
    assertEquals("""
        KEY                      a  g  f
        network.layers[1].units  4  8  ?
        """, three.out().substring(0, three.out().indexOf("page ")));
    assertEquals("", Cli.run("compare", a.toString(), run("e", "0.03", 4, whole).toString(), "--output",
        tmp.resolve("p.html").toString()).err());
  }

  private static List<String> all(Pattern p, String text) {
    Matcher m = p.matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
