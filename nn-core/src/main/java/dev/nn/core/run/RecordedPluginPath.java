package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.text.ControlCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin path a run was trained with, in its run directory's {@code plugin-path.txt}: one absolute path
 * a line, each a plugin jar or a directory of jars. A resume reads it, so that a run trained with a plugin
 * can be continued without naming the plugin's jar again. Written only for a run that had a plugin path.
 */
public final class RecordedPluginPath {
  /** The file in the run directory. */
  public static final String FILE = "plugin-path.txt";

  private RecordedPluginPath() {}

  /** Records {@code entries}, made absolute, in {@code runDirectory}; nothing when there are none. */
  public static void write(Path runDirectory, List<Path> entries) {
    if (entries.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Path entry : entries) {
      text.append(entry.toAbsolutePath().normalize()).append('\n');
    }
    AtomicFiles.writeString(runDirectory.resolve(FILE), text.toString());
  }

  /**
   * The plugin path recorded in {@code runDirectory}, or an empty list when the run had none.
   *
   * @throws RunFileException when the file cannot be read, or names a jar or directory that no longer exists
   *     (naming it, and how to give the plugin path instead)
   */
  public static List<Path> read(Path runDirectory) {
    Path file = runDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = dev.nn.core.io.TextFiles.readLines(file);
    } catch (MalformedInputException e) {
      throw new RunFileException(file, "is not UTF-8 text");
    } catch (IOException e) {
      throw new RunFileException(file, "cannot be read (" + dev.nn.core.io.SystemReason.message(e) + ")", e);
    }
    List<Path> entries = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Path entry;
      try {
        entry = Path.of(line.strip());
      } catch (InvalidPathException e) {
        throw new RunFileException(file, "holds \"" + ControlCharacters.escape(line) + "\", which is not a path");
      }
      if (!Files.exists(entry)) {
        throw new RunFileException(file, "the run was trained with the plugin path entry " + entry
            + ", which no longer exists; put it back, or give the plugin path with --plugin-path or "
            + "NN_PLUGIN_PATH");
      }
      entries.add(entry);
    }
    return entries;
  }
}
