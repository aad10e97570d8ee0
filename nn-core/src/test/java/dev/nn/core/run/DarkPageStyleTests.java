package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages' dark colours, read from the style sheet a page carries: a run's report and a chart page (the compare
 * and stability pages). Light colours are the variables of the first {@code :root}; a dark block may only set
 * variables, so that light is left as it was; and the dark colours are checked against WCAG's contrast ratios.
 */
class DarkPageStyleTests {
  private static final String DARK = "@media screen and (prefers-color-scheme: dark)";

  /** Colours of text, and the backgrounds it is drawn on. */
  private static final List<String> TEXT = List.of("ink", "dim", "train", "stale", "zero", "reference");
  private static final List<String> BACKGROUNDS = List.of("bg", "panel", "code", "sunken");
  /** Colours of lines and markers in a chart, on a panel. */
  private static final List<String> STROKES = List.of("train", "val", "rate", "reference", "axis");

  private static String css(String page) {
    Matcher m = Pattern.compile("(?s)<style>(.*?)</style>").matcher(page);
    assertTrue(m.find(), "a style sheet");
    return m.group(1);
  }

  private static String report() {
    List<EpochReport> epochs = List.of(new EpochReport(1, 10, 0.1, 0.9, null, 1),
        new EpochReport(2, 20, 0.1, 0.5, null, 1));
    return new HtmlReport("run", new TrainingResult(epochs, 2, false), null, List.of()).render();
  }

  private static String chartPage() {
    int[] epochs = {1, 2};
    List<ChartPage.Curve> curves = new ArrayList<>();
    for (int i = 1; i <= ChartPage.SERIES_STYLES; i++) {
      curves.add(new ChartPage.Curve("run " + i, "series" + i, epochs, new double[] {i, i + 1}));
    }
    return new ChartPage("Compare", "runs").chart("Loss", "by epoch", "loss", false, curves).render();
  }

  /** The blocks of the dark scheme, each the text between its braces. */
  private static List<String> darkBlocks(String css) {
    List<String> blocks = new ArrayList<>();
    for (int at = css.indexOf(DARK); at >= 0; at = css.indexOf(DARK, at + 1)) {
      int open = css.indexOf('{', at);
      int depth = 0;
      int i = open;
      do {
        depth += css.charAt(i) == '{' ? 1 : css.charAt(i) == '}' ? -1 : 0;
        i++;
      } while (depth > 0);
      blocks.add(css.substring(open + 1, i - 1));
    }
    return blocks;
  }

  /** The light scheme: the page's style sheet without its dark blocks. */
  private static String light(String css) {
    String light = css;
    for (String block : darkBlocks(css)) {
      light = light.replace(DARK + " {" + block + "}", "");
    }
    return light;
  }

  /** The {@code --name: #rrggbb} (or #rgb) variables set in {@code css}, by name without the dashes. */
  private static Map<String, String> colours(String css) {
    Map<String, String> vars = new LinkedHashMap<>();
    Matcher m = Pattern.compile("--([a-z0-9-]+):\\s*(#[0-9a-fA-F]{3,6})\\b").matcher(css);
    while (m.find()) {
      vars.put(m.group(1), m.group(2));
    }
    return vars;
  }

  @Test
  void everyPageHasADarkSchemeOnScreenThatOnlySetsVariables() {
    for (String page : List.of(report(), chartPage())) {
      String css = css(page);
      List<String> blocks = darkBlocks(css);
      assertFalse(blocks.isEmpty(), "a dark block");
      // "screen and": a page printed from a dark browser keeps dark ink on white paper
      assertFalse(css.contains("@media (prefers-color-scheme: dark)"), "dark on paper");
      for (String block : blocks) {
        String body = block.strip();
        assertTrue(body.startsWith(":root {") && body.endsWith("}") && body.indexOf('}') == body.length() - 1,
            "only :root in the dark block: " + block);
        for (String declaration : body.substring(":root {".length(), body.length() - 1).split(";")) {
          String d = declaration.strip();
          assertTrue(d.isEmpty() || d.startsWith("--") || d.equals("color-scheme: dark"), "a rule: " + d);
        }
      }
      // every light colour has a dark one, so none is left bright on a dark page
      Map<String, String> light = colours(light(css));
      Map<String, String> dark = colours(String.join("\n", blocks));
      assertEquals(light.keySet(), dark.keySet());
      // no new script: a completed report and a chart page have none
      assertFalse(page.contains("<script"), "a script");
    }
  }

  @Test
  void theLightColoursAreAsTheyWere() {
    Map<String, String> report = colours(light(css(report())));
    assertEquals("#f5f7fa", report.get("bg"));
    assertEquals("#fff", report.get("panel"));
    assertEquals("#1f2933", report.get("ink"));
    assertEquals("#2563eb", report.get("train"));
    Map<String, String> chart = colours(light(css(chartPage())));
    assertEquals("#2563eb", chart.get("series1"));
    assertEquals("#db2777", chart.get("series8"));
  }

  @Test
  void darkTextReadsOnEveryBackgroundAndEveryLineStandsOut() {
    Map<String, String> dark = colours(String.join("\n", darkBlocks(css(chartPage()))));
    for (String text : TEXT) {
      for (String bg : BACKGROUNDS) {
        double ratio = contrast(dark.get(text), dark.get(bg));
        assertTrue(ratio >= 4.5, text + " " + dark.get(text) + " on " + bg + " " + dark.get(bg) + ": " + ratio);
      }
    }
    List<String> strokes = new ArrayList<>(STROKES);
    for (int i = 1; i <= 8; i++) {
      strokes.add("series" + i);
    }
    for (String stroke : strokes) {
      double ratio = contrast(dark.get(stroke), dark.get("panel"));
      assertTrue(ratio >= 3, stroke + " " + dark.get(stroke) + " on the panel: " + ratio);
    }
    // the badges keep their colours in both schemes, white text on them
    Matcher badge = Pattern.compile("\\.status\\.[a-z]+ \\.badge \\{ background: (#[0-9a-f]{6}); }")
        .matcher(css(report()));
    int badges = 0;
    while (badge.find()) {
      badges++;
      assertTrue(contrast("#fff", badge.group(1)) >= 4.5, "white on the badge " + badge.group(1));
    }
    assertEquals(4, badges, "running, completed, interrupted, and diverged with failed");
  }

  /**
   * The eight series colours are told apart on dark at least as well as on white: the closest two (CIELAB
   * distance) no closer than the closest two of the light eight.
   */
  @Test
  void theDarkSeriesColoursAreAsFarApartAsTheLightOnes() {
    String css = css(chartPage());
    Map<String, String> light = colours(light(css));
    Map<String, String> dark = colours(String.join("\n", darkBlocks(css)));
    double lightClosest = Double.POSITIVE_INFINITY;
    double darkClosest = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= 8; i++) {
      for (int j = i + 1; j <= 8; j++) {
        lightClosest = Math.min(lightClosest, distance(light.get("series" + i), light.get("series" + j)));
        darkClosest = Math.min(darkClosest, distance(dark.get("series" + i), dark.get("series" + j)));
      }
    }
    assertTrue(darkClosest >= lightClosest, darkClosest + " < " + lightClosest);
  }

  private static double[] rgb(String hex) {
    String h = hex.substring(1);
    if (h.length() == 3) {
      h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
    }
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
      c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return c;
  }

  /** WCAG 2's relative luminance. */
  private static double luminance(String hex) {
    double[] c = rgb(hex);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  /** WCAG 2's contrast ratio, 1 to 21. */
  private static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** CIE76: the distance between two colours in CIELAB (D65). */
  private static double distance(String a, String b) {
    double[] p = lab(a);
    double[] q = lab(b);
    return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
  }

  private static double[] lab(String hex) {
    double[] c = rgb(hex);
    double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
    double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
    double fx = f(x);
    double fy = f(y);
    double fz = f(z);
    return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }
}
