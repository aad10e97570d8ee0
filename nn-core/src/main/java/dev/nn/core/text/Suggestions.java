package dev.nn.core.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" candidates: the closest allowed words by edit distance. */
public final class Suggestions {
  private static final int MAX_SHOWN = 3;

  private Suggestions() {}

  /**
   * The candidates closest to {@code written}, best first, at most three; empty when none is close.
   * Case, underscores and camelCase are ignored, and a swap of two neighbouring letters counts as one
   * edit, since those are the usual typos.
   */
  public static List<String> closest(String written, Collection<String> candidates) {
    String w = normalize(written);
    int limit = Math.max(1, Math.min(3, w.length() / 3));
    List<String> close = new ArrayList<>();
    for (String c : candidates) {
      String n = normalize(c);
      int d = distance(w, n);
      // beside typos: a beginning (epo → epochs), a word shortened (epsilon → eps), initials (lr → learning-rate)
      if (d > limit && !(w.length() >= 3 && n.startsWith(w)) && !(n.length() >= 3 && w.startsWith(n))
          && !w.equals(initials(n))) {
        continue;
      }
      close.add(c);
    }
    close.sort(Comparator.comparingInt((String c) -> distance(w, normalize(c))).thenComparing(c -> c));
    return List.copyOf(close.subList(0, Math.min(MAX_SHOWN, close.size())));
  }

  /**
   * A name as nn writes names: lower case, with "_", " " and camelCase word breaks as "-" ({@code glorot_uniform},
   * {@code LogSoftmax}, {@code BCEWithLogits} → {@code bce-with-logits}), surrounding spaces dropped.
   */
  public static String normalize(String s) {
    return s.strip().replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2").replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
  }

  /** The first letters of a name's words, {@code lr} for {@code learning-rate}; empty for a name of one word. */
  private static String initials(String normalized) {
    String[] words = normalized.split("-");
    if (words.length < 2) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (String word : words) {
      if (!word.isEmpty()) {
        s.append(word.charAt(0));
      }
    }
    return s.toString();
  }

  /** The optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
