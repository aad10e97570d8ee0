package dev.nn.core.config;

import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import dev.nn.core.plugin.PluginKind;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code optimizer} section: the plugin and its settings, and the core's {@code learning-rate},
 * {@code schedule}, {@code clip-norm} and {@code warmup}, which the plugin never sees.
 */
final class OptimizerParser {
  static final String DEFAULT_OPTIMIZER = "sgd";
  static final double DEFAULT_LEARNING_RATE = 0.01;
  static final List<String> CORE_KEYS = List.of("name", "learning-rate", "schedule", "clip-norm", "warmup");
  private static final List<String> SCHEDULES = ScheduleSpec.names();
  private static final Range GAMMA = new Range(0, false, 1, true);
  private static final Range CLIP_NORM = Range.positive();

  private final NodeReader reader;
  private final PluginRefs plugins;

  OptimizerParser(NodeReader reader, PluginRefs plugins) {
    this.reader = reader;
    this.plugins = plugins;
  }

  /** The section, or {@code null} after reporting. */
  OptimizerSpec parse(Node node, String path) {
    PluginRefs.Parsed p =
        node == null
            ? plugins.defaultRef(DEFAULT_OPTIMIZER, path)
            : plugins.parse(node, path, "optimizer", CORE_KEYS.subList(1, CORE_KEYS.size()), DEFAULT_OPTIMIZER);
    if (p == null) {
      return null;
    }
    MapView v = p.view();
    Node lrNode = v == null ? null : v.get("learning-rate");
    Double lr =
        lrNode == null ? Double.valueOf(DEFAULT_LEARNING_RATE) : reader.number(lrNode, path + ".learning-rate", Range.positive());
    Node s = v == null ? null : v.get("schedule");
    ScheduleSpec schedule = s == null ? new ScheduleSpec.Constant() : schedule(s, path + ".schedule", lr);
    Node clipNode = v == null ? null : v.get("clip-norm");
    Double clip = clipNode == null ? Double.valueOf(0.0) : reader.number(clipNode, path + ".clip-norm", CLIP_NORM);
    Node warmupNode = v == null ? null : v.get("warmup");
    Long warmup = warmupNode == null ? Long.valueOf(0) : reader.integer(warmupNode, path + ".warmup", 1,
        Integer.MAX_VALUE, "an integer >= 1: updates");
    Object created = plugins.check(p, PluginKind.OPTIMIZER, CORE_KEYS);
    if (lr == null || schedule == null || clip == null || warmup == null || created == null) {
      return null;
    }
    return new OptimizerSpec(p.ref(), lr, schedule, clip, warmup);
  }

  private ScheduleSpec schedule(Node node, String path, Double learningRate) {
    if (reader.isRejected(node)) {
      return null;
    }
    MapView v = null;
    Node nameNode = node;
    if (!(node instanceof org.yaml.snakeyaml.nodes.ScalarNode)) {
      v = reader.mapping(node, path);
      if (v == null) {
        return null;
      }
      nameNode = v.require("name", String.join(", ", SCHEDULES));
      if (nameNode == null) {
        return null;
      }
    }
    String namePath = v == null ? path : path + ".name";
    String name = reader.string(nameNode, namePath, "one of " + String.join(", ", SCHEDULES));
    if (name == null) {
      return null;
    }
    Keys k = new Keys(v, node, path);
    ScheduleSpec spec;
    switch (name) {
      case "constant":
        spec = new ScheduleSpec.Constant();
        break;
      case "step":
        {
          Integer size = k.count("step-size");
          Double gamma = k.number("gamma", 0.1, GAMMA);
          ScheduleUnit unit = k.unit();
          spec = size == null || gamma == null || unit == null ? null : new ScheduleSpec.Step(size, gamma, unit);
          break;
        }
      case "exponential":
        {
          Double gamma = k.number("gamma", Double.NaN, GAMMA);
          ScheduleUnit unit = k.unit();
          spec = gamma == null || unit == null ? null : new ScheduleSpec.Exponential(gamma, unit);
          break;
        }
      case "inverse-time":
        {
          Double decay = k.number("decay", Double.NaN, Range.positive());
          ScheduleUnit unit = k.unit();
          spec = decay == null || unit == null ? null : new ScheduleSpec.InverseTime(decay, unit);
          break;
        }
      case "cosine":
        {
          Integer period = k.count("period");
          Double min = minRate(k, path, learningRate);
          ScheduleUnit unit = k.unit();
          spec = period == null || min == null || unit == null ? null : new ScheduleSpec.Cosine(period, min, unit);
          break;
        }
      case "plateau":
        {
          Node m = k.node("monitor");
          Monitor monitor = m == null ? Monitor.VAL_LOSS : reader.choice(m, path + ".monitor", "monitor", Monitor.class);
          Double factor = k.number("factor", 0.1, Range.open(0, 1));
          Integer patience = k.integer("patience", 10);
          Double minDelta = k.number("min-delta", 0.0, Range.atLeast(0));
          Integer cooldown = k.integer("cooldown", 0);
          Double min = minRate(k, path, learningRate);
          spec = monitor == null || factor == null || patience == null || minDelta == null || cooldown == null
              || min == null ? null : new ScheduleSpec.Plateau(monitor, factor, patience, minDelta, cooldown, min);
          break;
        }
      default:
        reader.report(
            ProblemId.OUT_OF_RANGE,
            namePath,
            nameNode,
            "unknown schedule \"" + Excerpt.of(name) + "\"",
            String.join(", ", SCHEDULES),
            Suggestions.closest(name, SCHEDULES));
        return null;
    }
    if (v != null) {
      v.finish();
    }
    return spec;
  }

  /** {@code min-rate}: in [0, learning-rate], default 0; {@code null} after reporting. */
  private Double minRate(Keys k, String path, Double learningRate) {
    Double min = k.number("min-rate", 0.0, Range.atLeast(0));
    if (min != null && learningRate != null && min > learningRate) {
      reader.report(
          ProblemId.OUT_OF_RANGE,
          path + ".min-rate",
          k.node("min-rate"),
          "must be <= learning-rate " + learningRate + ", found " + min,
          "in [0, " + learningRate + "]");
      return null;
    }
    return min;
  }

  /** The settings of one schedule, written in its mapping or, for a bare name, absent. */
  private final class Keys {
    private final MapView view;
    private final Node node;
    private final String path;

    Keys(MapView view, Node node, String path) {
      this.view = view;
      this.node = node;
      this.path = path;
    }

    Node node(String key) {
      return view == null ? null : view.get(key);
    }

    /** A required value; reports it missing, even after a bare name. */
    private Node required(String key, String allowed) {
      if (view != null) {
        return view.require(key, allowed);
      }
      reader.report(ProblemId.MISSING_KEY, path + "." + key, node, "missing key \"" + key + "\"", allowed);
      return null;
    }

    /** An integer {@code >= 0}, {@code defaultValue} when absent. */
    Integer integer(String key, int defaultValue) {
      Node n = node(key);
      return n == null ? Integer.valueOf(defaultValue) : reader.count(n, path + "." + key, 0);
    }

    Integer count(String key) {
      Node n = required(key, "an integer >= 1");
      return n == null ? null : reader.count(n, path + "." + key, 1);
    }

    /** A number; required when {@code defaultValue} is NaN. */
    Double number(String key, double defaultValue, Range range) {
      Node n = Double.isNaN(defaultValue) ? required(key, "a number " + range.describe()) : node(key);
      if (n == null) {
        return Double.isNaN(defaultValue) ? null : Double.valueOf(defaultValue);
      }
      return reader.number(n, path + "." + key, range);
    }

    ScheduleUnit unit() {
      Node n = node("unit");
      return n == null ? ScheduleUnit.UPDATES : reader.choice(n, path + ".unit", "unit", ScheduleUnit.class);
    }
  }
}
