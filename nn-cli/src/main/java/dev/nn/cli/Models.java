package dev.nn.cli;

import dev.nn.core.model.Model;
import java.nio.file.Path;

/** Loading a model file named on the command line. */
final class Models {
  private Models() {}

  /** Loads {@code file} with the plugins of the plugin path, printing any version warning to stderr. */
  static Model load(NnCommand root, Path file) {
    Path inRun = file.resolve("model.nnm");
    if (java.nio.file.Files.isDirectory(file) && java.nio.file.Files.isRegularFile(inRun)) {
      // a run directory, given where its model is meant: the one file it could be is named
      throw new CommandFailure("nn: " + file + ": is a directory, expected an nn model file; did you mean " + inRun
          + "?");
    }
    Model model = root.nn().loadModel(file);
    for (String warning : model.warnings()) {
      root.err().println("nn: warning: " + file + ": " + warning);
    }
    return model;
  }
}
