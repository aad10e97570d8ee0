package dev.nn.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short name for what sets one run apart from its siblings — the points of a sweep, the folds of a
 * cross-validation, runs that differ in a few keys: "learning-rate 100, batch-size 8", "fold 2 of 5". It goes
 * where space is short (a browser tab's title, a chart's legend), so each key is cut to its last part; the full
 * keys are shown beside it.
 */
final class RunVariant {
  private static final Pattern FOLD = Pattern.compile("\\{\\s*fold:\\s*(\\d+)\\s*,\\s*of:\\s*(\\d+)\\s*}");

  private RunVariant() {}

  /**
   * The overrides ({@code key=value}, as {@code --set} takes them) in short, joined by commas; the name is left
   * out, since it is shown as the title. Empty without any.
   */
  static String ofOverrides(List<String> overrides) {
    List<String> parts = new ArrayList<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      String key = eq < 0 ? o : o.substring(0, eq).strip();
      if (!key.equals("name")) {
        parts.add(eq < 0 ? o : entry(key, o.substring(eq + 1).strip()));
      }
    }
    return String.join(", ", parts);
  }

  /**
   * One key and value in short: {@code optimizer.learning-rate}, 100 gives "learning-rate 100";
   * {@code network.layers[1].units}, 32 gives "layers[1].units 32"; a fold, {@code {fold: 2, of: 5}}, "fold 2 of 5".
   */
  static String entry(String key, String value) {
    Matcher fold = FOLD.matcher(value);
    if (fold.matches()) {
      return "fold " + fold.group(1) + " of " + fold.group(2);
    }
    return lastPart(key) + " " + value;
  }

  /** The key's last part, with the list item it belongs to: "units" of a layer is "layers[1].units". */
  private static String lastPart(String key) {
    int dot = key.lastIndexOf('.');
    if (dot < 0) {
      return key;
    }
    int before = key.lastIndexOf('.', dot - 1);
    String parent = key.substring(before + 1, dot);
    return parent.endsWith("]") ? parent + key.substring(dot) : key.substring(dot + 1);
  }
}
