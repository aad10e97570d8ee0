package dev.nn.core.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis: its range, where its labelled ticks go, and whether it is logarithmic.
 *
 * @param lo the value at the axis's start
 * @param hi the value at its end
 * @param ticks the labelled values, ascending, within [lo, hi]
 * @param log whether positions go by log10 of the value
 */
record Axis(double lo, double hi, List<Double> ticks, boolean log) {

  /** Where {@code v} falls between the ends, 0 at {@code lo} and 1 at {@code hi}. */
  double fraction(double v) {
    return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
  }

  /** Whether {@code v} lies between the ends, give or take a rounding error. */
  boolean holds(double v) {
    double slack = Math.abs(hi - lo) * 1e-9;
    return v >= lo - slack && v <= hi + slack;
  }

  /** Epochs {@code first..last} exactly, ticked at whole multiples of 1, 2 or 5 × 10^k. */
  static Axis epochs(int first, int last) {
    double lo = first == last ? first - 1 : first;
    double hi = first == last ? last + 1 : last;
    double step = Math.max(1, niceStep((hi - lo) / 8, false));
    List<Double> ticks = new ArrayList<>();
    for (long k = (long) Math.ceil(lo / step); k * step <= hi; k++) {
      ticks.add(k * step);
    }
    return new Axis(lo, hi, ticks, false);
  }

  /**
   * About five ticks at multiples of 1, 2, 2.5 or 5 × 10^k, the range widened to the ticks around the data
   * and then cut back to [clampLow, clampHigh]. Data wholly beyond a clamp get the clamp's own range (an R² below
   * −1 at every epoch: the axis still stops at −1, as the page says, and the curve lies off it), never an axis
   * that runs to the data.
   */
  static Axis linear(double min, double max, double clampLow, double clampHigh) {
    if (max < clampLow) {
      max = Double.isFinite(clampHigh) ? clampHigh : clampLow + 1;
      min = clampLow;
    } else if (min > clampHigh) {
      min = Double.isFinite(clampLow) ? clampLow : clampHigh - 1;
      max = clampHigh;
    }
    double lo = Math.max(min, clampLow);
    double hi = Math.min(max, clampHigh);
    if (lo == hi) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double step = niceStep((hi - lo) / 5, true);
    long first = (long) Math.floor(lo / step);
    long last = (long) Math.ceil(hi / step);
    double a = first * step;
    double b = last * step;
    a = Math.max(a, clampLow);
    b = Math.min(b, clampHigh);
    List<Double> ticks = new ArrayList<>();
    double eps = step * 1e-9;
    for (long k = first; k <= last; k++) {
      double t = k * step;
      if (t >= a - eps && t <= b + eps) {
        ticks.add(t);
      }
    }
    return new Axis(a, b, ticks, false);
  }

  /** Whole decades around the data, ticked at each (and at 2 and 5 × 10^k when the decades are few). */
  static Axis log(double min, double max) {
    int loE = (int) Math.floor(Math.log10(min));
    int hiE = (int) Math.ceil(Math.log10(max));
    if (hiE == loE) {
      hiE++;
    }
    int stride = Math.max(1, (hiE - loE + 7) / 8);
    List<Double> ticks = new ArrayList<>();
    for (int e = loE; e <= hiE; e += stride) {
      ticks.add(Math.pow(10, e));
      if (hiE - loE <= 2 && e < hiE) {
        ticks.add(2 * Math.pow(10, e));
        ticks.add(5 * Math.pow(10, e));
      }
    }
    return new Axis(Math.pow(10, loE), Math.pow(10, hiE), ticks, true);
  }

  /** The smallest of 1, 2, (2.5,) 5, 10 × 10^k that is at least {@code raw}. */
  static double niceStep(double raw, boolean quarters) {
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : quarters && f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * mag;
  }
}
