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

  /** What the note holds once Java says what a stop did, before it names a directory. */
  static final String STOPS_SAID = "-";

  /**
   * Tells the launcher {@code env} names, if any, that from now on a stop (Ctrl-C, SIGTERM) is said by Java: a stop
   * before this, as the JVM starts, ends it without a word, and the launcher then says that nothing was written.
   * Leaves a note that already names a directory as it is.
   */
  static void stopsSaid(Map<String, String> env) {
    String name = env.get(VARIABLE);
    if (name == null || name.isBlank()) {
      return;
    }
    Path file = Path.of(name);
    try {
      if (Files.isRegularFile(file) && Files.size(file) == 0) {
        replace(file, STOPS_SAID);
      }
    } catch (IOException | RuntimeException e) {
      // the launcher then says what it says for a JVM still starting
    }
  }

  @Override
  public void onDirectory(RunDirectory directory) {
    write(directory.path());
  }

  private void write(Path directory) {
    try {
      replace(file, directory.toAbsolutePath().normalize().toString());
    } catch (IOException | RuntimeException e) {
      // the launcher then names no directory, as before it could
    }
  }

  /**
   * The note's one line replaced whole: written beside it ({@code NOTE.next}, which the launcher removes too) and
   * renamed over it. A stop halts the JVM after its shutdown hooks however far a write has come, and a note cut
   * short between its truncation and its line read as empty: the launcher then said that nothing was written beside
   * Java's line naming the run to resume.
   */
  private static void replace(Path note, String line) throws IOException {
    Path next = note.resolveSibling(note.getFileName() + ".next");
    Files.writeString(next, line + "\n", StandardCharsets.UTF_8);
    Files.move(next, note, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
