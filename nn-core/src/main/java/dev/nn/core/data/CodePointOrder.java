package dev.nn.core.data;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The order of class names and category words: by Unicode code points, as data.md promises and as Python's
 * {@code sorted} orders text. {@link String#compareTo} compares UTF-16 units instead, which puts a character
 * beyond U+FFFF (an emoji, written as two surrogates from U+D800) before one from U+E000 to U+FFFF (ｱ, ﬁ).
 */
final class CodePointOrder {
  private CodePointOrder() {}

  /** Compares two texts code point by code point; a text that is a prefix of the other comes first. */
  static final Comparator<String> ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  /** The distinct texts of {@code texts} in code point order. */
  static List<String> distinctSorted(Collection<String> texts) {
    TreeSet<String> set = new TreeSet<>(ORDER);
    set.addAll(texts);
    return List.copyOf(set);
  }
}
