package dev.nn.cli;

import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tells the {@code nn} launcher which run directory a training command trains in, in the file the launcher names
 * in {@code NN_RUN_DIRECTORY_FILE}: killed outright (kill -9, the out-of-memory killer), Java says nothing more,
 * and the launcher's own last line then names the directory to resume: a run's, or a sweep's folder. Nothing happens
 * without the variable.
 */
final class LauncherNote implements TrainingRun.DirectoryListener {
  /** The environment variable naming the file. */
  static final String VARIABLE = "NN_RUN_DIRECTORY_FILE";

  private final Path file;

  private LauncherNote(Path file) {
    this.file = file;
  }

  /** The note for the launcher {@code env} names, or a listener that does nothing. */
  static TrainingRun.DirectoryListener of(Map<String, String> env) {
    String name = env.get(VARIABLE);
    return name == null || name.isBlank() ? directory -> { } : new LauncherNote(Path.of(name));
  }

  /**
   * Names a sweep's folder for the launcher {@code env} names, if any: a sweep is continued as a whole, so its
   * points' runs are not named (a point's own resume would leave the points after it untrained).
   */
  static void sweep(Map<String, String> env, Path folder) {
    String name = env.get(VARIABLE);
    if (name != null && !name.isBlank()) {
      new LauncherNote(Path.of(name)).write(folder);
    }
  }

  @Override
  public void onDirectory(RunDirectory directory) {
    write(directory.path());
  }

  private void write(Path directory) {
    try {
      // the launcher reads it only after Java has ended: a plain write is enough
      Files.writeString(file, directory.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // the launcher then names no directory, as before it could
    }
  }
}
