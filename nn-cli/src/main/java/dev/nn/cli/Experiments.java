package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading an experiment file named on the command line. */
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
    if (file.isBlank()) {
      throw new CommandFailure("nn: the experiment file's path is empty; expected an experiment YAML file");
    }
    if (Files.isDirectory(path)) {
      throw new CommandFailure("nn: " + file + ": is a directory; expected an experiment YAML file");
    }
    if (!Files.exists(path)) {
      throw new CommandFailure("nn: " + file + (Files.isSymbolicLink(path)
          ? ": a symbolic link that leads to no file (its target is missing, or the links form a loop)"
          : ": no such file") + "; expected an experiment YAML file");
    }
    return nn.load(path, overrides);
  }
}
