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
      for (Map<String, String> f : flat) {
        values.add(f.containsKey(k) ? f.get(k) : defaultLeftOut(k, f));
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
  static String defaultLeftOut(String key, Map<String, String> experiment) {
    String pattern = key.replaceAll("\\[\\d+]", "[*]");
    String value = ExperimentWriter.DEFAULTS_LEFT_OUT.getOrDefault(pattern, ABSENT);
    // shown as a written whole number is (0, not 0.0)
    value = value.matches("-?\\d+\\.0") ? value.substring(0, value.length() - 2) : value;
    java.util.regex.Matcher source = SOURCE_KEY.matcher(key);
    if (source.matches()) {
      // a csv source's settings: a generator's or an idx source has none, and labels are a classification's
      String split = "data." + source.group(1);
      boolean csv = "csv".equals(experiment.get(split + ".source"));
      boolean labels = source.group(2).equals("labels");
      if (!csv || labels && !"classification".equals(experiment.get(split + ".task"))) {
        return ABSENT;
      }
    }
    return value;
  }

  /** A key of a data source: {@code data.train.missing} (the split, the setting). */
  private static final java.util.regex.Pattern SOURCE_KEY =
      java.util.regex.Pattern.compile("data\\.(train|validation|test)\\.([a-z-]+)");

  /** Every leaf of {@code tree} by its key path; an empty list or map is a leaf, shown as [] or {}. */
  static Map<String, String> flatten(Map<String, Object> tree) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", tree, out);
    return out;
  }

  private static void flatten(String path, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      // a plugin reference is written as its name alone (loss: squared) or as a mapping (loss: {name: huber,
      // delta: 0.5}): its name is the value at the reference's own key either way, its settings below it
      boolean reference = !path.isEmpty() && m.containsKey("name") && !m.containsKey("source");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = reference && "name".equals(e.getKey()) ? path
            : path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
        flatten(key, e.getValue(), out);
      }
    } else if (value instanceof List<?> l && !l.isEmpty()) {
      for (int i = 0; i < l.size(); i++) {
        flatten(path + "[" + i + "]", l.get(i), out);
      }
    } else if (value instanceof Map) {
      out.put(path, "{}");
    } else if (value instanceof List) {
      out.put(path, "[]");
    } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      // 5000, as written, not 5000.0: a whole number read back as a double
      out.put(path, Long.toString(d.longValue()));
    } else {
      out.put(path, String.valueOf(value));
    }
  }
}
