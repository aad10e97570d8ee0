package dev.nn.core.run;

import dev.nn.core.config.ExperimentWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys whose values differ between resolved experiments, each experiment flattened to the key paths
 * {@code --set} uses: {@code optimizer.learning-rate}, {@code network.layers[1].units}. A key one experiment
 * lacks counts as a difference, its value shown as {@value #ABSENT} — or as its default, for a key the experiment
 * writer leaves out at its default.
 */
final class ExperimentDiff {
  /** How a missing key is shown. */
  static final String ABSENT = "(absent)";

  private ExperimentDiff() {}

  /** One differing key and each experiment's value, in the order the experiments were given. */
  record Difference(String key, List<String> values) {}

  /** The differences of {@code experiments} (YAML trees as SnakeYAML loads them), in first-seen key order. */
  static List<Difference> of(List<Map<String, Object>> experiments) {
    List<Map<String, String>> flat = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Map<String, Object> e : experiments) {
      Map<String, String> f = flatten(e);
      flat.add(f);
      keys.addAll(f.keySet());
    }
    List<Difference> differences = new ArrayList<>();
    for (String k : keys) {
      List<String> values = new ArrayList<>();
      String absent = defaultLeftOut(k);
      for (Map<String, String> f : flat) {
        values.add(f.getOrDefault(k, absent));
      }
      if (values.stream().distinct().count() > 1) {
        differences.add(new Difference(k, values));
      }
    }
    return differences;
  }

  /**
   * How a run that lacks {@code key} is shown: the key's default when the experiment writer leaves that default
   * out, else {@value #ABSENT}.
   */
  static String defaultLeftOut(String key) {
    String pattern = key.replaceAll("\\[\\d+]", "[*]");
    return ExperimentWriter.DEFAULTS_LEFT_OUT.getOrDefault(pattern, ABSENT);
  }

  /** Every leaf of {@code tree} by its key path; an empty list or map is a leaf, shown as [] or {}. */
  static Map<String, String> flatten(Map<String, Object> tree) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", tree, out);
    return out;
  }

  private static void flatten(String path, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        flatten(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue(), out);
      }
    } else if (value instanceof List<?> l && !l.isEmpty()) {
      for (int i = 0; i < l.size(); i++) {
        flatten(path + "[" + i + "]", l.get(i), out);
      }
    } else if (value instanceof Map) {
      out.put(path, "{}");
    } else if (value instanceof List) {
      out.put(path, "[]");
    } else {
      out.put(path, String.valueOf(value));
    }
  }
}
