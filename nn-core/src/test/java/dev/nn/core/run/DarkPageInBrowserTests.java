package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a browser that asks for dark: headless Chromium draws a run's report and a chart page dark, with
 * the dark colours of the curves; asking for light draws them exactly as the same page without its dark style
 * sheet. (Printing is not tried here: headless Chromium prints light whatever a page's media queries say.) Runs
 * where Debian's {@code chromium} is on the path; skipped elsewhere.
 */
class DarkPageInBrowserTests {
  /** Both: the first sets the browser's own scheme, the second the one the page's media queries see. */
  private static final List<String> DARK = List.of("--force-dark-mode", "--blink-settings=preferredColorScheme=0");
  private static final int LIGHT_BG = 0xf5f7fa;
  private static final int DARK_BG = 0x0d1117;
  private static final int LIGHT_TRAIN = 0x2563eb;
  private static final int DARK_TRAIN = 0x60a5fa;
  private static final int DARK_VAL = 0xfb923c;
  private static final int DARK_RATE = 0xa78bfa;

  @TempDir
  Path tmp;

  private Path report() throws IOException {
    List<EpochReport> epochs = List.of(new EpochReport(1, 10, 0.1, 0.9, null, 1),
        new EpochReport(2, 20, 0.1, 0.5, null, 1), new EpochReport(3, 30, 0.1, 0.4, null, 1));
    return write("report.html", new HtmlReport("run", new TrainingResult(epochs, 3, false), null, List.of()).render());
  }

  private Path chartPage() throws IOException {
    int[] epochs = {1, 2, 3};
    return write("chart.html", new ChartPage("Compare", "two runs").chart("Loss", "by epoch", "loss", false, List.of(
        new ChartPage.Curve("#1", "series1", epochs, new double[] {3, 2, 1}),
        new ChartPage.Curve("#2", "series2", epochs, new double[] {4, 3, 2}))).render());
  }

  private Path write(String name, String html) throws IOException {
    return Files.writeString(tmp.resolve(name), html);
  }

  @Test
  void aBrowserAskingForDarkGetsADarkPageWithItsCurvesInTheirDarkColours() throws Exception {
    // the report's second curve is its learning rate (it has no validation split); the chart page's, a second run
    for (Path page : List.of(report(), chartPage())) {
      BufferedImage dark = screenshot(page, DARK);
      assertNear(DARK_BG, dark.getRGB(2, 2), page + ": the page's background");
      assertTrue(pixels(dark, DARK_TRAIN) >= 40, page + ": the first curve, light blue");
      int second = page.getFileName().toString().equals("report.html") ? DARK_RATE : DARK_VAL;
      assertTrue(pixels(dark, second) >= 40, page + ": the second curve, #" + Integer.toHexString(second));
      assertEquals(0, pixels(dark, LIGHT_TRAIN), page + ": the light blue, drawn on dark");
    }
  }

  @Test
  void lightIsDrawnAsWithoutTheDarkStyle() throws Exception {
    for (Path page : List.of(report(), chartPage())) {
      String html = Files.readString(page);
      Path plain = write("plain-" + page.getFileName(), withoutDarkBlocks(html));
      assertTrue(Files.readString(plain).length() < html.length(), "a dark block taken out");
      BufferedImage light = screenshot(page, List.of());
      assertNear(LIGHT_BG, light.getRGB(2, 2), page + ": the page's background");
      assertTrue(pixels(light, LIGHT_TRAIN) >= 40, page + ": the first curve");
      // a headless screenshot is now and then a pixel off; once more before calling it a difference
      boolean same = samePixels(light, screenshot(plain, List.of()))
          || samePixels(screenshot(page, List.of()), screenshot(plain, List.of()));
      assertTrue(same, page + " is drawn differently in light from the page without its dark style");
    }
  }

  /** The page with the dark scheme's blocks taken out of its style sheet. */
  private static String withoutDarkBlocks(String html) {
    String query = "@media screen and (prefers-color-scheme: dark) {";
    StringBuilder b = new StringBuilder(html);
    for (int at = b.indexOf(query); at >= 0; at = b.indexOf(query)) {
      int depth = 0;
      int i = at + query.length() - 1;
      do {
        depth += b.charAt(i) == '{' ? 1 : b.charAt(i) == '}' ? -1 : 0;
        i++;
      } while (depth > 0);
      b.delete(at, i);
    }
    return b.toString();
  }

  private BufferedImage screenshot(Path html, List<String> flags) throws Exception {
    return new HeadlessChromium(tmp).screenshot(html, 1100, 1400, flags);
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return false;
        }
      }
    }
    return true;
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

  private static void assertNear(int rgb, int argb, String what) {
    assertTrue(near(argb, rgb), what + ": #" + Integer.toHexString(argb & 0xffffff) + ", not #"
        + Integer.toHexString(rgb));
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
