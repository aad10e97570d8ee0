package dev.nn.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the candidates closest to a misspelt word by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidates within a small edit distance of {@code word} (at most 2, or a third of its length
   * for long words), closest first; also any candidate that starts with or contains the word.
   */
  public static List<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    List<String> hits = new ArrayList<>();
    for (String c : candidates) {
      String lc = c.toLowerCase(java.util.Locale.ROOT);
      if (editDistance(w, lc) <= limit || (w.length() >= 3 && lc.contains(w))) {
        hits.add(c);
      }
    }
    hits.sort(Comparator.comparingInt((String c) -> editDistance(w, c.toLowerCase(java.util.Locale.ROOT)))
        .thenComparing(Comparator.naturalOrder()));
    return hits.size() > 3 ? List.copyOf(hits.subList(0, 3)) : List.copyOf(hits);
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  public static int editDistance(String a, String b) {
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
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
