package dev.nn.cli;

import dev.nn.core.model.Model;
import java.nio.file.Path;

/** Loading a model file named on the command line. */
final class Models {
  private Models() {}

  /** Loads {@code file} with the plugins of the plugin path, printing any version warning to stderr. */
  static Model load(NnCommand root, Path file) {
    Model model = root.nn().loadModel(file);
    for (String warning : model.warnings()) {
      root.err().println("nn: warning: " + file + ": " + warning);
    }
    return model;
  }
}
