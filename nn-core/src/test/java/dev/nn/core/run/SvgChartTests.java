package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
