package dev.nn.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" candidates for a misspelt name, by edit distance. */
final class Suggestions {
  private static final int MAX = 3;

  private Suggestions() {}

  /**
   * The candidates closest to {@code wrong}, best first, at most three: those equal ignoring case, or
   * within an edit distance of max(2, length / 3) of it.
   */
  static List<String> closest(String wrong, Collection<String> candidates) {
    String w = wrong.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    List<String> hits = new ArrayList<>();
    List<Integer> distances = new ArrayList<>();
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d <= limit && !hits.contains(c)) {
        hits.add(c);
        distances.add(d);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < hits.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(distances::get));
    List<String> best = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX, order.size()); i++) {
      best.add(hits.get(order.get(i)));
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
