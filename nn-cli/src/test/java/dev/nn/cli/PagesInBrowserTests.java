package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nn's pages as a browser draws them: a run's report, {@code nn compare}'s page and {@code nn stability}'s chart
 * page are rendered by headless Chromium into pictures, and the pictures are looked at — each curve's colour must
 * be drawn (a chart that the browser fails to lay out, or draws empty, has none of it), the status badge shown,
 * and at a phone's width the page must still draw its curves without a horizontal scroll bar's worth of overflow.
 * Runs where Debian's {@code chromium} (or {@code chromium-browser}) is on the path; skipped elsewhere.
 */
class PagesInBrowserTests {
  private static final int TRAIN = 0x2563eb;
  private static final int VALIDATION = 0xea580c;
  private static final int LEARNING_RATE = 0x7c3aed;
  private static final int COMPLETED_BADGE = 0x15803d;
  private static final int DIVERGED_BADGE = 0xb91c1c;
  private static final int SERIES2 = 0xea580c;
  private static final int REFERENCE = 0x52606d;

  private static String browser;

  @TempDir
  Path tmp;

  @BeforeAll
  static void findBrowser() {
    for (String name : new String[] {"chromium", "chromium-browser"}) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          browser = Path.of(dir, name).toString();
          return;
        }
      }
    }
  }

  @Test
  void aRunsReportDrawsItsCurvesItsLearningRateAndItsStatus() throws Exception {
    Path run = train(Cli.DIABETES, "training.epochs=15");
    BufferedImage page = screenshot(run.resolve("report.html"), 1100, 2600);
    assertDrawn(page, TRAIN, "the training-loss curve");
    assertDrawn(page, VALIDATION, "the validation curve");
    assertDrawn(page, LEARNING_RATE, "the learning-rate curve");
    assertDrawn(page, COMPLETED_BADGE, "the completed badge");

    BufferedImage narrow = screenshot(run.resolve("report.html"), 420, 2600);
    assertDrawn(narrow, TRAIN, "the training-loss curve at a phone's width");
    assertEquals(420, narrow.getWidth());
  }

  @Test
  void aDivergedRunsReportShowsItsRedBadgeAndTheEpochsBeforeIt() throws Exception {
    Path out = Files.createTempDirectory(tmp, "runs");
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=10", "--set", "optimizer.name=sgd",
        "--set", "optimizer.learning-rate=0.15", "--output", out.toString());
    assertEquals(3, o.code(), o.describe());
    BufferedImage page = screenshot(Cli.onlyRun(out).resolve("report.html"), 1100, 2600);
    assertDrawn(page, DIVERGED_BADGE, "the diverged badge");
    assertDrawn(page, TRAIN, "the training-loss curve of the epochs before it");
    assertNotDrawn(page, COMPLETED_BADGE, "a completed badge");
  }

  @Test
  void compareOverlaysTheRunsCurves() throws Exception {
    Path a = train(Cli.XOR, "optimizer.learning-rate=0.1");
    Path b = train(Cli.XOR, "optimizer.learning-rate=0.01");
    Path html = tmp.resolve("compare.html");
    Cli.Outcome o = Cli.run("compare", a.toString(), b.toString(), "--output", html.toString());
    assertEquals(0, o.code(), o.describe());
    BufferedImage page = screenshot(html, 1100, 2600);
    assertDrawn(page, TRAIN, "the first run's curve (series 1)");
    assertDrawn(page, SERIES2, "the second run's curve (series 2)");
  }

  @Test
  void theStabilityPageDrawsTheDistanceAndTheBound() throws Exception {
    Path out = tmp.resolve("stability");
    Cli.Outcome o = Cli.run("stability", Cli.EXAMPLES.resolve("stability-logistic.yaml").toString(), "--pairs",
        "2", "--set", "training.epochs=3", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    BufferedImage page = screenshot(Cli.onlyRun(out).resolve("stability.html"), 1100, 2600);
    assertDrawn(page, TRAIN, "the measured distance");
    assertDrawn(page, REFERENCE, "the dashed bound");
  }

  /**
   * At a phone's width the page does not scroll sideways, each legend is in view above its chart, a chart that is
   * wider than its box says that it scrolls, and a ten-class confusion matrix fits its panel; at a desktop's
   * width no chart needs the hint.
   */
  @Test
  void atAPhonesWidthLegendsAndTheConfusionMatrixFitAndAWideChartSaysItScrolls() throws Exception {
    Path run = train(Cli.EXAMPLES.resolve("digits.yaml").toString(), "training.epochs=3");
    List<String> phone = measured(run.resolve("report.html"), 420);
    assertTrue(phone.contains("page fits"), phone.toString());
    assertTrue(phone.stream().filter(l -> l.startsWith("legend")).count() >= 1, phone.toString());
    assertTrue(phone.stream().filter(l -> l.startsWith("legend")).allMatch(l -> l.equals("legend in view, above")),
        phone.toString());
    assertTrue(phone.stream().filter(l -> l.startsWith("chart")).allMatch(l -> l.equals("chart scrolls, hinted")),
        phone.toString());
    assertTrue(phone.contains("matrix fits"), phone.toString());
    List<String> desktop = measured(run.resolve("report.html"), 1100);
    assertTrue(desktop.stream().filter(l -> l.startsWith("chart")).allMatch(l -> l.equals("chart fits, no hint")),
        desktop.toString());
  }

  /** What a script finds in the page laid out at {@code width}: the lines that {@link #MEASURE} writes. */
  private List<String> measured(Path html, int width) throws Exception {
    assumeTrue(browser != null, "no chromium on the path");
    Path probe = Files.createTempFile(tmp, "probe", ".html");
    Files.writeString(probe, Files.readString(html).replace("</body>", "<script>" + MEASURE + "</script></body>"));
    Path dom = tmp.resolve("dom.html");
    Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--no-first-run", "--user-data-dir=" + tmp.resolve("profile"), "--window-size=" + width + ",2000",
        "--dump-dom", probe.toUri().toString())
        .redirectOutput(dom.toFile()).redirectError(tmp.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish in 60 s");
    String text = Files.readString(dom);
    int start = text.indexOf("<pre id=\"measured\">");
    assertTrue(start >= 0, () -> "nothing measured: " + log());
    return List.of(text.substring(start + "<pre id=\"measured\">".length(), text.indexOf("</pre>", start))
        .split("\n"));
  }

  /** Lays the page's parts side by side with the window and writes what it finds into a {@code pre}. */
  private static final String MEASURE = """
      (function () {
        var w = document.documentElement.clientWidth, out = [];
        out.push(document.documentElement.scrollWidth <= w ? 'page fits' : 'page overflows');
        document.querySelectorAll('.chart-box').forEach(function (box) {
          var legend = box.querySelector('ul.legend'), scroll = box.querySelector('.chart-scroll');
          var hint = box.querySelector('.swipe-hint');
          if (legend) {
            var r = legend.getBoundingClientRect();
            out.push('legend ' + (r.right <= w ? 'in view' : 'off screen') + ', '
                + (r.bottom <= scroll.getBoundingClientRect().top ? 'above' : 'over the chart'));
          }
          out.push('chart ' + (scroll.scrollWidth > scroll.clientWidth ? 'scrolls' : 'fits') + ', '
              + (hint.offsetParent !== null ? 'hinted' : 'no hint'));
        });
        document.querySelectorAll('table.confusion').forEach(function (t) {
          out.push('matrix ' + (t.getBoundingClientRect().width <= t.parentElement.clientWidth ? 'fits' : 'is cut'));
        });
        var pre = document.createElement('pre');
        pre.id = 'measured';
        pre.textContent = out.join('\\n');
        document.body.appendChild(pre);
      })();
      """;

  private Path train(String experiment, String override) throws Exception {
    Path out = Files.createTempDirectory(tmp, "runs");
    Cli.Outcome o = Cli.run("train", experiment, "--set", override, "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    return Cli.onlyRun(out);
  }

  /** The page as headless Chromium draws it in a window of the given size. */
  private BufferedImage screenshot(Path html, int width, int height) throws Exception {
    assumeTrue(browser != null, "no chromium on the path");
    Path png = Files.createTempFile(tmp, "page", ".png");
    Files.delete(png);
    String keep = System.getProperty("nn.pages.keep");
    List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + tmp.resolve("profile"),
        "--window-size=" + width + "," + height, "--screenshot=" + png, html.toUri().toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish in 60 s");
    assertTrue(Files.size(png) > 0, () -> "no picture of " + html + ": " + log());
    if (keep != null) {
      // for looking at the pictures by eye: -Dnn.pages.keep=DIR
      Files.copy(png, Files.createDirectories(Path.of(keep)).resolve(html.getFileName() + "-" + width + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return ImageIO.read(png.toFile());
  }

  private String log() {
    try {
      return Files.readString(tmp.resolve("chromium.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** At least a line's worth of pixels (40) in {@code rgb}, give or take anti-aliasing's rounding. */
  private static void assertDrawn(BufferedImage page, int rgb, String what) {
    int count = pixels(page, rgb);
    assertTrue(count >= 40, what + ": " + count + " pixels of #" + Integer.toHexString(rgb) + " in the picture");
  }

  private static void assertNotDrawn(BufferedImage page, int rgb, String what) {
    assertEquals(0, pixels(page, rgb), what + " drawn");
  }

  private static int pixels(BufferedImage page, int rgb) {
    int count = 0;
    for (int y = 0; y < page.getHeight(); y++) {
      for (int x = 0; x < page.getWidth(); x++) {
        if (near(page.getRGB(x, y), rgb)) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean near(int argb, int rgb) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs((argb >> shift & 0xff) - (rgb >> shift & 0xff)) > 6) {
        return false;
      }
    }
    return true;
  }
}
