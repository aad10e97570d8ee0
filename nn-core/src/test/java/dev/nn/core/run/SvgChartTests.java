package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart's legend stays off its curves, and its curves stay inside the plot. */
class SvgChartTests {
  private static final int[] EPOCHS = {1, 2, 3, 4};

  @Test
  void theLegendIsAboveTheChartNotInsideIt() {
    String html = new SvgChart("loss", "mean loss")
        .add(new SvgChart.Series("training loss", "train", EPOCHS, new double[] {4, 3, 2, 1}))
        .add(new SvgChart.Series("validation loss", "val", EPOCHS, new double[] {4, 3.5, 3, 2.5}))
        .render();
    int legend = html.indexOf("<ul class=\"legend\">");
    int chart = html.indexOf("<svg class=\"chart\"");
    assertTrue(legend >= 0 && chart > legend, html);
    String svg = html.substring(chart, html.indexOf("</svg>", chart));
    assertFalse(svg.contains("legend") || svg.contains("training loss</text>"), svg);
    assertTrue(html.contains("<line class=\"line val\" x1=\"2\" y1=\"5\" x2=\"38\" y2=\"5\"/></svg>validation loss</li>"),
        html);
    assertTrue(html.contains("<p class=\"swipe-hint\">"), "the hint a narrow screen shows");
  }

  @Test
  void aSingleCurveNamedAsItsAxisHasNoLegend() {
    String html = new SvgChart("rate", "learning rate")
        .add(new SvgChart.Series("learning rate", "rate", EPOCHS, new double[] {1, 1, 1, 1})).render();
    assertFalse(html.contains("legend"), html);
  }

  /** An R² below the axis's −1 leaves the plot: its line is cut at the axis, and it gets no marker. */
  @Test
  void linesAreCutAtThePlotsEdgesAndValuesOffTheAxisGetNoMarker() {
    String html = new SvgChart("quality", "validation R²")
        .add(new SvgChart.Series("validation R²", "val", EPOCHS, new double[] {-40, -0.5, 0.2, 0.5}))
        .clamp(-1, 1).render();
    Matcher clip = Pattern.compile("<clipPath id=\"quality-plot\"><rect x=\"([^\"]+)\" y=\"([^\"]+)\" width=\"[^\"]+\""
        + " height=\"([^\"]+)\"/>").matcher(html);
    assertTrue(clip.find(), html);
    double bottom = Double.parseDouble(clip.group(2)) + Double.parseDouble(clip.group(3));
    // the x axis is at y = 264; tick labels start 19 px below it
    assertTrue(bottom <= 264 + 2, "the lines' clip ends at the axis, found " + bottom);
    assertTrue(html.contains("<g clip-path=\"url(#quality-plot)\">\n<polyline"), html);
    assertFalse(html.contains("epoch 1: −40"), "no marker below the axis");
    assertEquals(3, html.split("<circle", -1).length - 1, "markers for the values on the axis");
  }

  /** The y axis's tick labels, top to bottom as the SVG lists them bottom up, and where they end on the left. */
  private static List<String> yTicks(String html) {
    List<String> ticks = new ArrayList<>();
    Matcher m = Pattern.compile("<text class=\"tick\" x=\"[^\"]+\" y=\"[^\"]+\" text-anchor=\"end\">([^<]+)</text>")
        .matcher(html);
    while (m.find()) {
      ticks.add(m.group(1));
    }
    return ticks;
  }

  /**
   * A loss from 2e5 to 4e8 on a log axis: every tick in one notation ("1e5" … "1e9", not "100000" and "1000000"
   * beside "1e7"), and the plot starts far enough right that the widest label clears the axis title.
   */
  @Test
  void aLogAxisWritesAllItsTicksInOneNotation() {
    String html = new SvgChart("loss", "mean loss").logAllowed()
        .add(new SvgChart.Series("training loss", "train", new int[] {1, 2, 3}, new double[] {2.5e5, 4e8, 3e8}))
        .render();
    assertTrue(html.contains("(log scale)"), html);
    assertEquals(List.of("1e5", "1e6", "1e7", "1e8", "1e9"), yTicks(html));
  }

  /** Wide tick labels move the plot right, so that they end before the rotated title does begin. */
  @Test
  void wideTickLabelsLeaveRoomForTheAxisTitle() {
    String narrow = new SvgChart("a", "loss")
        .add(new SvgChart.Series("loss", "train", EPOCHS, new double[] {0.1, 0.2, 0.3, 0.4})).render();
    String wide = new SvgChart("b", "loss")
        .add(new SvgChart.Series("loss", "train", EPOCHS, new double[] {-0.000123, -0.000124, -0.000126, -0.000127}))
        .render();
    double narrowLeft = plotLeft(narrow);
    double wideLeft = plotLeft(wide);
    assertEquals(72, narrowLeft, 1e-9, "short labels keep the usual margin");
    int widest = yTicks(wide).stream().mapToInt(String::length).max().orElseThrow();
    assertTrue(widest >= 8, yTicks(wide).toString());
    // a 12 px label is at most 7.5 px a character; the title, rotated about x = 16, ends by x = 24
    assertTrue(wideLeft - 9 - 7.5 * widest >= 24, "labels of " + widest + " characters end at " + wideLeft);
  }

  /** The x of the plot's left edge: where the lines' clip starts, half a stroke before it. */
  private static double plotLeft(String html) {
    Matcher clip = Pattern.compile("-plot\"><rect x=\"([^\"]+)\"").matcher(html);
    assertTrue(clip.find(), html);
    return Double.parseDouble(clip.group(1)) + 1.5;
  }

  /**
   * An R² below −1 at every epoch (a diverged run) still gets an axis that stops at −1, as for a run whose R²
   * dips below it once, rather than one that runs down to the values.
   */
  @Test
  void anRSquaredBelowTheClampAtEveryEpochKeepsTheClampedAxis() {
    String html = new SvgChart("quality", "validation R²")
        .add(new SvgChart.Series("validation R²", "val", new int[] {1, 2, 3}, new double[] {-1028.7, -75000, -44000}))
        .clamp(-1, 1).render();
    assertEquals(List.of("−1", "−0.5", "0", "0.5", "1"), yTicks(html));
    assertEquals(0, html.split("<circle", -1).length - 1, "no marker off the axis");
  }
}
