package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a browser breaks the lines of the compare page's table of differences, and where it puts a chart's y
 * tick labels beside the axis title: laid out by headless Chromium at a desktop's and a phone's width, and
 * measured by a script in the page. Runs where Debian's {@code chromium} is on the path; skipped elsewhere.
 */
class PageLayoutInBrowserTests {
  @TempDir
  Path tmp;



  /**
   * Twelve runs with timestamped names: at 1280 and at 390 pixels, "#10" stays on one line and a name wraps only
   * after a '-' or '_' (not "digits- / 20261 / 205-").
   */
  @Test
  void theDifferencesTableBreaksRunNamesOnlyAtSeparators() throws Exception {
    List<Path> runs = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      Path d = Files.createDirectories(tmp.resolve("digits-20261205-0033" + (10 + i) + "_" + i));
      Files.writeString(d.resolve("experiment.yaml"), "name: digits\noptimizer: {name: sgd, learning-rate: 0.0"
          + i + "}\n");
      Files.writeString(d.resolve("metrics.csv"), "epoch,updates,learning_rate,train_loss,seconds\n1,10,0.1,0.9,0.5\n");
      runs.add(d);
    }
    Path page = tmp.resolve("compare.html");
    RunComparison.of(runs).writePage(page);
    for (int width : new int[] {1280, 390}) {
      List<String> found = measured(page, width, DIFFERENCES);
      assertEquals(24, found.size(), found.toString());
      assertTrue(found.stream().allMatch(l -> l.equals("number whole") || l.startsWith("name breaks at separators")),
          width + " px: " + found);
    }
  }

  /** The y tick labels of a loss from 2.5e5 to 4e8, and of a figure with long labels, end before the axis title. */
  @Test
  void tickLabelsClearTheAxisTitle() throws Exception {
    List<EpochReport> epochs = List.of(new EpochReport(1, 1, 0.15, 2.5e5, null, 1),
        new EpochReport(2, 2, 0.15, 4e8, null, 1), new EpochReport(3, 3, 0.000125, 3e8, null, 1));
    Path report = tmp.resolve("report.html");
    Files.writeString(report, new HtmlReport("diabetes", new TrainingResult(epochs, 3, false), null, List.of())
        .render());
    List<String> found = measured(report, 1280, TICKS);
    assertEquals(2, found.size(), "the loss chart and the learning-rate chart: " + found);
    assertTrue(found.stream().allMatch(l -> l.equals("ticks clear the title")), found.toString());
  }

  /** For each run's header: whether its number is on one line, and where its name's lines break. */
  private static final String DIFFERENCES = """
      document.querySelectorAll('table.differences thead th').forEach(function (th) {
        var number = th.querySelector('.run'), name = th.querySelector('.dim');
        if (!number) { return; }
        out.push(number.getClientRects().length === 1 ? 'number whole' : 'number broken: ' + number.textContent);
        var text = name.textContent, breaks = [], top = null, offset = 0;
        name.childNodes.forEach(function (node) {
          if (node.nodeType !== 3) { return; }
          for (var i = 0; i < node.length; i++) {
            var r = document.createRange();
            r.setStart(node, i);
            r.setEnd(node, i + 1);
            var t = r.getBoundingClientRect().top;
            if (top !== null && t > top + 2) { breaks.push(offset + i); }
            top = t;
          }
          offset += node.length;
        });
        var bad = breaks.filter(function (i) { return '-_/'.indexOf(text.charAt(i - 1)) < 0; });
        out.push(bad.length === 0 ? 'name breaks at separators (' + breaks.length + ')'
            : 'name breaks inside: ' + bad.map(function (i) { return text.slice(0, i) + '|' + text.slice(i); }));
      });
      """;

  /** For each chart: whether its widest y tick label ends left of where its rotated title ends. */
  private static final String TICKS = """
      document.querySelectorAll('svg.chart').forEach(function (svg) {
        var title = svg.querySelector('text.label[transform]').getBoundingClientRect();
        var left = Infinity;
        svg.querySelectorAll('text.tick[text-anchor="end"]').forEach(function (t) {
          left = Math.min(left, t.getBoundingClientRect().left);
        });
        out.push(left >= title.right + 2 ? 'ticks clear the title'
            : 'ticks overlap the title: ' + left + ' < ' + title.right);
      });
      """;

  /** The lines a script {@code body}, run in the page laid out at {@code width}, pushed to {@code out}. */
  private List<String> measured(Path html, int width, String body) throws Exception {
    HeadlessChromium chromium = new HeadlessChromium(tmp);
    Path probe = Files.createTempFile(tmp, "probe", ".html");
    Files.writeString(probe, Files.readString(html).replace("</body>", "<script>(function () { var out = [];\n" + body
        + "var pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = out.join('\\n');"
        + " document.body.appendChild(pre); })();</script></body>"));
    String text = chromium.dom(probe, width);
    int start = text.indexOf("<pre id=\"measured\">");
    assertTrue(start >= 0, () -> "nothing measured: " + chromium.log());
    String found = text.substring(start + "<pre id=\"measured\">".length(), text.indexOf("</pre>", start));
    return found.isEmpty() ? List.of() : List.of(found.split("\n"));
  }

}
