package dev.nn.core;

import dev.nn.core.model.ModelSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The note for rows of raw pixels given to a model of an idx source's pixels: nn reads an idx file's bytes divided
 * by 255, so the model learnt inputs in 0..1, and a CSV of the bytes themselves (0..255) is scored far outside them
 * — with no error, and confidently wrong. A model's file does not say where its inputs came from, so the note goes by
 * the names nn gives an idx source's inputs ({@code pixel_r_c}, every one of them), stays quiet when the model's
 * scaler shows it learnt values above 1, and hedges.
 */
final class RawPixels {
  private static final Pattern PIXEL = Pattern.compile("pixel_\\d+_\\d+");

  private RawPixels() {}

  /**
   * Whether the model's scaler shows that it learnt values above 1: a training mean above 1 (the 0..16 pixels of
   * {@code digits.csv}, whose columns are named as an idx source's). Pixels divided by 255 have means in 0..1. A
   * model without a scaler does not say, and gets the hedged note.
   */
  private static boolean learntAboveOne(ModelSpec spec) {
    double[] means = spec.means();
    if (means != null) {
      for (double mean : means) {
        if (mean > 1) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The note for {@code x} (rows × the model's inputs, as read from {@code file}), if the model's inputs are all
   * named as pixels, it did not learn values above 1, and some value lies above 1; empty otherwise.
   */
  static Optional<String> note(ModelSpec spec, double[] x, int rows, String file) {
    Count count = new Count(spec);
    count.add(x, rows);
    return count.note(file);
  }

  /** The rows a model is given, counted a block at a time for {@link #note}: those with a value above 1. */
  static final class Count {
    private final boolean applies;
    private final int d;
    private long rows;
    private long above;
    private double largest;

    Count(ModelSpec spec) {
      applies = spec.oneHot() == null && !spec.inputs().isEmpty()
          && spec.inputs().stream().allMatch(n -> PIXEL.matcher(n).matches()) && !learntAboveOne(spec);
      d = spec.inputs().size();
    }

    /** Counts {@code n} more rows of the model's inputs. */
    void add(double[] x, int n) {
      rows += n;
      if (!applies) {
        return;
      }
      for (int r = 0; r < n; r++) {
        boolean over = false;
        for (int j = 0; j < d; j++) {
          double v = x[r * d + j];
          over |= v > 1;
          largest = Math.max(largest, v);
        }
        above += over ? 1 : 0;
      }
    }

    /** The note for the rows counted, read from {@code file}; empty when it does not apply or no value lies above 1. */
    Optional<String> note(String file) {
      if (above == 0) {
        return Optional.empty();
      }
      return Optional.of(String.format(Locale.ROOT, "%s: the model's inputs are named as an idx source's pixels"
          + " (pixel_r_c), which nn reads divided by 255, into 0..1, but %d of %d rows hold values above 1 (up to"
          + " %s): if they are raw pixels (0..255), divide them by 255 for figures of this model", file, above, rows,
          largest == Math.rint(largest) && Math.abs(largest) < 1e15 ? String.valueOf((long) largest)
              : String.format(Locale.ROOT, "%.6g", largest)));
    }
  }
}
