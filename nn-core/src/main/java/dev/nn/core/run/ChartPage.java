package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained page of per-epoch line charts (inline CSS and SVG, no scripts, nothing fetched) in the
 * training report's style, for figures that are not one run's metrics — a stability study's distances and
 * gaps, for instance. The charts are drawn by the same {@link SvgChart} as the training report.
 */
public final class ChartPage {
  /**
   * One curve.
   *
   * @param name its legend entry
   * @param style {@code first}, {@code second} or {@code reference} (dashed, for a bound); or, for one curve per
   *     run on a page that compares runs, {@code series1} to {@code series}{@value #SERIES_STYLES}, each a distinct
   *     pairing of a colour and a dash pattern
   * @param epochs the x values
   * @param values the y values; NaN leaves a gap
   */
  public record Curve(String name, String style, int[] epochs, double[] values) {}

  /** Eight colours: well apart, and readable on white. */
  private static final String[] SERIES_COLOURS = {
      "#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777"};

  /**
   * The same hues, lighter, for a dark page: each at least 3:1 against its panel, and further apart from one
   * another than the eight above (the closest pair, red and pink, as far apart as blue and purple there).
   */
  private static final String[] SERIES_COLOURS_DARK = {
      "#60a5fa", "#fb923c", "#4ade80", "#c084fc", "#f87171", "#22d3ee", "#facc15", "#f472b6"};

  /**
   * Dash patterns, each set against all eight colours in turn, so that the ninth run's line, of the first one's
   * colour, is still told from it: solid, dashed, dotted, dash-dot, dash-dot-dot. The lines have round caps,
   * which add a stroke's width (2) to every dash, so a dash of 0 is a dot and the gaps are that much wider.
   */
  private static final String[] SERIES_DASHES = {"none", "7 5", "0 5", "10 5 0 5", "10 5 0 5 0 5"};

  /** How many distinct {@code seriesN} styles there are: every colour with every dash pattern. */
  public static final int SERIES_STYLES = 40;

  /** Strokes on top of the report's: a dashed reference line, and the colours of one curve per run. */
  private static final String EXTRA_CSS = """
      .line.reference { stroke: var(--reference); stroke-dasharray: 6 4; }
      .dot.reference { fill: var(--reference); }
      """ + seriesCss();

  /**
   * The eight colours as variables, light and, in the report style's dark scheme, dark; then {@code seriesN}'s
   * colour and dash pattern: N − 1 split into a colour and a pattern.
   */
  private static String seriesCss() {
    StringBuilder b = new StringBuilder(":root {");
    for (int i = 0; i < SERIES_COLOURS.length; i++) {
      b.append(" --series").append(i + 1).append(": ").append(SERIES_COLOURS[i]).append(';');
    }
    b.append(" }\n@media screen and (prefers-color-scheme: dark) {\n  :root {");
    for (int i = 0; i < SERIES_COLOURS_DARK.length; i++) {
      b.append(" --series").append(i + 1).append(": ").append(SERIES_COLOURS_DARK[i]).append(';');
    }
    b.append(" }\n}\n");
    for (int i = 0; i < SERIES_STYLES; i++) {
      String colour = "var(--series" + (i % SERIES_COLOURS.length + 1) + ")";
      String dash = SERIES_DASHES[i / SERIES_COLOURS.length];
      b.append(".line.series").append(i + 1).append(" { stroke: ").append(colour)
          .append(dash.equals("none") ? "" : "; stroke-dasharray: " + dash).append("; }\n")
          .append(".dot.series").append(i + 1).append(" { fill: ").append(colour).append("; }\n");
    }
    return b.toString();
  }

  private final String kicker;
  private final String title;
  private final StringBuilder cards = new StringBuilder();
  private final StringBuilder panels = new StringBuilder();
  private final List<String> links = new ArrayList<>();
  private int charts;

  /** A page headed {@code title}, with {@code kicker} above it. */
  public ChartPage(String kicker, String title) {
    this.kicker = kicker;
    this.title = title;
  }

  /** A link in the header to a file next to the page. */
  public ChartPage link(String file) {
    links.add(file);
    return this;
  }

  /** A figure in the row of cards at the top. */
  public ChartPage card(String label, String value, String note) {
    return card(label, value, note, null);
  }

  /**
   * A card for one of several runs: {@code state}, unless {@code null} or {@code completed}, is shown as the run's
   * report shows it, a coloured badge, so that a diverged or interrupted run stands out.
   */
  ChartPage card(String label, String value, String note, String state) {
    cards.append("<div class=\"card\"><div class=\"card-label\">").append(Fmt.html(label))
        .append("</div><div class=\"card-value\">").append(Fmt.html(value)).append("</div>");
    if (!note.isEmpty()) {
      cards.append("<div class=\"card-note\">").append(Fmt.html(note)).append("</div>");
    }
    if (state != null && !state.equals("completed")) {
      cards.append("<div class=\"status ").append(Fmt.html(state)).append("\"><span class=\"badge\">")
          .append(Fmt.html(state)).append("</span></div>");
    }
    cards.append("</div>\n");
    return this;
  }

  /** A panel of HTML the caller built, its text escaped. */
  ChartPage panel(String html) {
    panels.append("<section class=\"panel\">\n").append(html).append("</section>\n");
    return this;
  }

  /** A paragraph of text in a panel of its own. */
  public ChartPage note(String heading, String text) {
    panels.append("<section class=\"panel\">\n<h2>").append(Fmt.html(heading)).append("</h2>\n<p class=\"caption\">")
        .append(Fmt.html(text)).append("</p>\n</section>\n");
    return this;
  }

  /**
   * A chart in a panel of its own, its legend above it naming the curves.
   *
   * @param logAllowed whether a y axis over two decades or more of positive values may turn logarithmic
   */
  public ChartPage chart(String heading, String caption, String yLabel, boolean logAllowed, List<Curve> curves) {
    SvgChart chart = new SvgChart("chart" + charts++, yLabel);
    if (logAllowed) {
      chart.logAllowed();
    }
    for (Curve c : curves) {
      String css = c.style().matches("series[1-9][0-9]*") ? c.style() : switch (c.style()) {
        case "first" -> "train";
        case "second" -> "val";
        default -> "reference";
      };
      chart.add(new SvgChart.Series(c.name(), css, c.epochs(), c.values()));
    }
    String svg = chart.render();
    panels.append("<section class=\"panel\">\n<h2>").append(Fmt.html(heading)).append("</h2>\n<p class=\"caption\">")
        .append(Fmt.html(caption)).append("</p>\n")
        .append(svg == null ? "<p class=\"note\">No finite values to draw.</p>" : svg).append("\n</section>\n");
    return this;
  }

  /** The page's column at most this wide, in CSS pixels, when above the style's own 940. */
  private int maxWidth;

  /**
   * The same page with a column up to {@code px} wide (the style's 940 when less): for a table with a column per
   * run, which would otherwise scroll sideways with its last runs out of sight.
   */
  ChartPage wideUpTo(int px) {
    maxWidth = px;
    return this;
  }

  /** The page as HTML. */
  public String render() {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Fmt.html(title)).append(" · ").append(Fmt.html(kicker)).append("</title>\n<style>\n")
        .append(ReportStyle.CSS).append(EXTRA_CSS)
        .append("</style>\n</head>\n<body>\n<main").append(maxWidth > 940 ? " style=\"max-width: " + maxWidth + "px\"" : "")
        .append(">\n<header>\n<p class=\"kicker\">").append(Fmt.html(kicker))
        .append("</p>\n<h1>").append(Fmt.html(title)).append("</h1>\n");
    if (!links.isEmpty()) {
      b.append("<nav>");
      for (String l : links) {
        b.append("<a href=\"").append(Fmt.html(l)).append("\">").append(Fmt.html(l)).append("</a>");
      }
      b.append("</nav>\n");
    }
    b.append("</header>\n");
    if (cards.length() > 0) {
      b.append("<section class=\"cards\">\n").append(cards).append("</section>\n");
    }
    b.append(panels);
    String version = Provenance.currentNnVersion();
    b.append("<footer>Written by nn").append(version.equals(Provenance.UNKNOWN_VERSION) ? "" : " " + Fmt.html(version))
        .append(".</footer>\n</main>\n</body>\n</html>\n");
    return b.toString();
  }

  /** Writes the page to {@code file} atomically. */
  public void write(Path file) {
    AtomicFiles.writeString(file, render());
  }
}
