package dev.nn.core.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of per-epoch values as inline SVG: axes with ticks and grid lines, one polyline per series
 * (broken where a value is missing or not finite, and cut at the plot's edges), point markers with tooltips on
 * short runs, and an optional marker for the best epoch. The y axis turns logarithmic when every value is
 * positive and they span two decades or more, as a falling loss usually does.
 *
 * <p>The legend is HTML above the chart rather than a box inside it: wherever a box sits in the plot, some
 * rising, falling or noisy curve runs under it; above the chart its entries wrap to the page's width, and on a
 * phone they stay in view while the chart itself scrolls sideways.
 */
final class SvgChart {
  /** One curve: y[i] at epoch x[i]. */
  record Series(String name, String cssClass, int[] x, double[] y) {}

  static final int WIDTH = 860;
  static final int HEIGHT = 312;
  /** The plot's left edge when the y tick labels are short; wider ones push it right. */
  private static final double MIN_LEFT = 72;
  /** Where the rotated y axis title ends, from the SVG's left edge: tick labels stay right of it. */
  private static final double TITLE_ROOM = 24;
  /** A generous width of one character of a 12 px tick label (digits, "e", "−"), for the room they take. */
  private static final double TICK_CHAR = 7.5;
  private static final double RIGHT = WIDTH - 20;
  private static final double TOP = 26;
  private static final double BOTTOM = HEIGHT - 48;
  private static final int MARKERS_UP_TO = 60;

  private final String id;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private double clampLow = Double.NEGATIVE_INFINITY;
  private double clampHigh = Double.POSITIVE_INFINITY;
  private boolean logAllowed;
  private int bestEpoch = -1;
  /** The plot's left edge, set by {@link #render} from the y tick labels' width. */
  private double left = MIN_LEFT;

  /** A chart whose element ids start with {@code id}. */
  SvgChart(String id, String yLabel) {
    this.id = id;
    this.yLabel = yLabel;
  }

  SvgChart add(Series s) {
    series.add(s);
    return this;
  }

  /** Keeps the y axis within [low, high] (values outside are clipped), when the data allow. */
  SvgChart clamp(double low, double high) {
    clampLow = low;
    clampHigh = high;
    return this;
  }

  SvgChart logAllowed() {
    logAllowed = true;
    return this;
  }

  SvgChart bestEpoch(int epoch) {
    bestEpoch = epoch;
    return this;
  }

  /**
   * The chart as HTML — the legend, the SVG element in a box that scrolls sideways on a narrow screen, and a hint
   * shown there that it does — or {@code null} when no series has a finite value.
   */
  String render() {
    int xMin = Integer.MAX_VALUE;
    int xMax = Integer.MIN_VALUE;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i])) {
          xMin = Math.min(xMin, s.x()[i]);
          xMax = Math.max(xMax, s.x()[i]);
          yMin = Math.min(yMin, s.y()[i]);
          yMax = Math.max(yMax, s.y()[i]);
        }
      }
    }
    if (xMin > xMax) {
      return null;
    }
    Axis x = Axis.epochs(xMin, xMax);
    Axis y = logAllowed && yMin > 0 && yMax / yMin >= 100 ? Axis.log(yMin, yMax)
        : Axis.linear(yMin, yMax, clampLow, clampHigh);
    List<String> yTicks = Fmt.ticks(y.ticks());
    int widest = yTicks.stream().mapToInt(String::length).max().orElse(0);
    left = Math.max(MIN_LEFT, TITLE_ROOM + 9 + widest * TICK_CHAR);
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"").append(Fmt.html(yLabel))
        .append(" by epoch\">\n");
    // lines stop at the plot's edges (half a stroke beyond, so a line along an edge keeps its width), clear of
    // the tick labels; markers get a little more room, so those at the edges show whole
    b.append("<defs>");
    clipPath(b, id + "-plot", LINE_MARGIN);
    clipPath(b, id + "-dots", 5);
    b.append("</defs>\n");
    grid(b, x, y, yTicks);
    if (bestEpoch >= xMin && bestEpoch <= xMax) {
      double bx = sx(x, bestEpoch);
      b.append("<line class=\"best\" x1=\"").append(Fmt.px(bx)).append("\" y1=\"").append(Fmt.px(TOP))
          .append("\" x2=\"").append(Fmt.px(bx)).append("\" y2=\"").append(Fmt.px(BOTTOM)).append("\"/>")
          .append("<text class=\"best-label\" x=\"").append(Fmt.px(Math.min(Math.max(bx, left + 40), RIGHT - 40)))
          .append("\" y=\"").append(Fmt.px(TOP - 9)).append("\" text-anchor=\"middle\">epoch kept ").append(bestEpoch)
          .append("</text>\n");
    }
    b.append("<g clip-path=\"url(#").append(id).append("-plot)\">\n");
    for (Series s : series) {
      lines(b, s, x, y);
    }
    b.append("</g>\n<g clip-path=\"url(#").append(id).append("-dots)\">\n");
    for (Series s : series) {
      markers(b, s, x, y);
    }
    b.append("</g>\n</svg>");
    StringBuilder html = new StringBuilder(b.length() + 1024).append("<div class=\"chart-box\">\n");
    if (series.size() > 1 || !series.get(0).name().equals(yLabel)) {
      legend(html);
    }
    return html.append("<div class=\"chart-scroll\">").append(b).append("</div>\n")
        .append("<p class=\"swipe-hint\">Swipe the chart sideways to see the rest of it →</p>\n")
        .append("</div>").toString();
  }

  /** How far past the plot's edges a line may run: half its stroke. */
  private static final double LINE_MARGIN = 1.5;

  private void clipPath(StringBuilder b, String id, double margin) {
    b.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(Fmt.px(left - margin))
        .append("\" y=\"").append(Fmt.px(TOP - margin)).append("\" width=\"").append(Fmt.px(RIGHT - left + 2 * margin))
        .append("\" height=\"").append(Fmt.px(BOTTOM - TOP + 2 * margin)).append("\"/></clipPath>");
  }

  private void grid(StringBuilder b, Axis x, Axis y, List<String> yTicks) {
    b.append("<g class=\"grid\">");
    for (double t : y.ticks()) {
      double py = sy(y, t);
      b.append("<line x1=\"").append(Fmt.px(left)).append("\" y1=\"").append(Fmt.px(py)).append("\" x2=\"")
          .append(Fmt.px(RIGHT)).append("\" y2=\"").append(Fmt.px(py)).append("\"/>");
    }
    b.append("</g>\n<g class=\"axis\">");
    b.append("<line x1=\"").append(Fmt.px(left)).append("\" y1=\"").append(Fmt.px(BOTTOM)).append("\" x2=\"")
        .append(Fmt.px(RIGHT)).append("\" y2=\"").append(Fmt.px(BOTTOM)).append("\"/>");
    b.append("<line x1=\"").append(Fmt.px(left)).append("\" y1=\"").append(Fmt.px(TOP)).append("\" x2=\"")
        .append(Fmt.px(left)).append("\" y2=\"").append(Fmt.px(BOTTOM)).append("\"/>");
    for (double t : x.ticks()) {
      double px = sx(x, t);
      b.append("<line x1=\"").append(Fmt.px(px)).append("\" y1=\"").append(Fmt.px(BOTTOM)).append("\" x2=\"")
          .append(Fmt.px(px)).append("\" y2=\"").append(Fmt.px(BOTTOM + 5)).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(Fmt.px(px)).append("\" y=\"").append(Fmt.px(BOTTOM + 19))
          .append("\" text-anchor=\"middle\">").append(Fmt.tick(t)).append("</text>");
    }
    for (int i = 0; i < yTicks.size(); i++) {
      double py = sy(y, y.ticks().get(i));
      b.append("<line x1=\"").append(Fmt.px(left - 5)).append("\" y1=\"").append(Fmt.px(py)).append("\" x2=\"")
          .append(Fmt.px(left)).append("\" y2=\"").append(Fmt.px(py)).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(Fmt.px(left - 9)).append("\" y=\"").append(Fmt.px(py + 4))
          .append("\" text-anchor=\"end\">").append(yTicks.get(i)).append("</text>");
    }
    b.append("<text class=\"label\" x=\"").append(Fmt.px((left + RIGHT) / 2)).append("\" y=\"")
        .append(Fmt.px(HEIGHT - 8)).append("\" text-anchor=\"middle\">epoch</text>");
    double mid = (TOP + BOTTOM) / 2;
    b.append("<text class=\"label\" x=\"16\" y=\"").append(Fmt.px(mid)).append("\" text-anchor=\"middle\" ")
        .append("transform=\"rotate(-90 16 ").append(Fmt.px(mid)).append(")\">").append(Fmt.html(yLabel))
        .append(y.log() ? " (log scale)" : "").append("</text>");
    b.append("</g>\n");
  }

  /** One polyline per run of plottable values, so a gap shows as a gap. */
  private void lines(StringBuilder b, Series s, Axis x, Axis y) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i <= s.x().length; i++) {
      boolean plottable = i < s.x().length && Double.isFinite(s.y()[i]) && (!y.log() || s.y()[i] > 0);
      if (plottable) {
        points.append(points.length() == 0 ? "" : " ").append(Fmt.px(sx(x, s.x()[i]))).append(',')
            .append(Fmt.px(sy(y, s.y()[i])));
      } else if (points.length() > 0) {
        b.append("<polyline class=\"line ").append(s.cssClass()).append("\" points=\"").append(points)
            .append("\"/>\n");
        points.setLength(0);
      }
    }
  }

  /**
   * A marker with a tooltip at each value of a short series; none for a value outside the axis (below a clamped
   * R²'s −1, say), whose line leaves the plot towards it.
   */
  private void markers(StringBuilder b, Series s, Axis x, Axis y) {
    if (s.x().length <= MARKERS_UP_TO) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i]) && (!y.log() || s.y()[i] > 0) && y.holds(s.y()[i])) {
          b.append("<circle class=\"dot ").append(s.cssClass()).append("\" cx=\"").append(Fmt.px(sx(x, s.x()[i])))
              .append("\" cy=\"").append(Fmt.px(sy(y, s.y()[i]))).append("\" r=\"2.5\"><title>")
              .append(Fmt.html(s.name())).append(", epoch ").append(s.x()[i]).append(": ")
              .append(Fmt.number(s.y()[i])).append("</title></circle>");
        }
      }
      b.append('\n');
    }
  }

  /**
   * One entry per series, each a short stroke in the series' style and its name; they wrap as text does. The
   * stroke is long enough to show a whole period of the longest dash pattern, dash-dot-dot.
   */
  private void legend(StringBuilder b) {
    b.append("<ul class=\"legend\">");
    for (Series s : series) {
      b.append("<li><svg class=\"key\" width=\"40\" height=\"10\" viewBox=\"0 0 40 10\" aria-hidden=\"true\">")
          .append("<line class=\"line ").append(s.cssClass()).append("\" x1=\"2\" y1=\"5\" x2=\"38\" y2=\"5\"/></svg>")
          .append(Fmt.html(s.name())).append("</li>");
    }
    b.append("</ul>\n");
  }

  private double sx(Axis x, double v) {
    return left + (RIGHT - left) * x.fraction(v);
  }

  private double sy(Axis y, double v) {
    return BOTTOM - (BOTTOM - TOP) * y.fraction(v);
  }
}
