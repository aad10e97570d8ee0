package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.LayerSpec;
import dev.nn.core.config.PluginRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loading an experiment file named on the command line, and describing it in a few lines. */
final class Experiments {
  private Experiments() {}

  /**
   * Reads and validates {@code file} with the overrides.
   *
   * @param file the path as the user typed it
   * @throws CommandFailure when the file does not exist or is a directory
   * @throws dev.nn.spi.ConfigException with every problem of the file
   */
  static Experiment load(Nn nn, String file, List<String> overrides) {
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new CommandFailure("nn: " + file + ": is a directory; expected an experiment YAML file");
    }
    if (!Files.exists(path)) {
      throw new CommandFailure("nn: " + file + ": no such file; expected an experiment YAML file");
    }
    return nn.load(path, overrides);
  }

  /** What the experiment trains, in a few aligned lines. */
  static String summary(Experiment e) {
    StringBuilder layers = new StringBuilder();
    List<LayerSpec> specs = e.network().layers();
    for (int l = 0; l < specs.size(); l++) {
      LayerSpec layer = specs.get(l);
      layers.append(l == 0 ? "" : " → ").append(layer.isAuto() ? "auto" : Integer.toString(layer.units()));
      layer.activation().ifPresent(a -> layers.append(' ').append(plugin(a)));
    }
    StringBuilder s = new StringBuilder();
    s.append("  name       ").append(e.name()).append('\n');
    s.append("  layers     ").append(layers).append('\n');
    s.append("  loss       ").append(plugin(e.loss())).append('\n');
    s.append("  optimizer  ").append(plugin(e.optimizer().optimizer())).append(", learning rate ")
        .append(number(e.optimizer().learningRate())).append(", schedule ")
        .append(e.optimizer().schedule().name()).append('\n');
    if (e.l2() > 0) {
      s.append("  l2         ").append(number(e.l2())).append('\n');
    }
    s.append("  training   ").append(e.training().epochs()).append(" epochs, batch size ")
        .append(e.training().batchSize()).append('\n');
    return s.toString();
  }

  /** "adam" or "leaky-relu (slope 0.1)". */
  static String plugin(PluginRef ref) {
    if (ref.settings().isEmpty()) {
      return ref.name();
    }
    StringBuilder s = new StringBuilder(ref.name()).append(" (");
    String sep = "";
    for (Map.Entry<String, Object> setting : ref.settings().entrySet()) {
      s.append(sep).append(setting.getKey()).append(' ').append(setting.getValue());
      sep = ", ";
    }
    return s.append(')').toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
