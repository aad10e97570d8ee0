package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedPluginPathTests {
  @TempDir
  Path tmp;

  @Test
  void entriesAreRecordedAbsoluteOneALineAndReadBack() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Path jar = Files.writeString(tmp.resolve("a.jar"), "x");
    Path dir = Files.createDirectories(tmp.resolve("plugins"));

    RecordedPluginPath.write(run, List.of(jar, dir.resolve("..").resolve("plugins")));

    assertEquals(jar.toAbsolutePath() + "\n" + dir.toAbsolutePath() + "\n",
        Files.readString(run.resolve(RecordedPluginPath.FILE), StandardCharsets.UTF_8));
    assertEquals(List.of(jar.toAbsolutePath(), dir.toAbsolutePath()), RecordedPluginPath.read(run));
  }

  @Test
  void aRunWithoutAPluginPathHasNoFileAndReadsAsNone() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    RecordedPluginPath.write(run, List.of());
    assertTrue(Files.notExists(run.resolve(RecordedPluginPath.FILE)));
    assertEquals(List.of(), RecordedPluginPath.read(run));
  }

  @Test
  void aRecordedEntryThatNoLongerExistsIsNamed() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Path jar = Files.writeString(tmp.resolve("a.jar"), "x");
    RecordedPluginPath.write(run, List.of(jar));
    Files.delete(jar);

    RunFileException e = assertThrows(RunFileException.class, () -> RecordedPluginPath.read(run));
    assertEquals(run.resolve(RecordedPluginPath.FILE) + ": the run was trained with the plugin path entry "
        + jar.toAbsolutePath() + ", which no longer exists; put it back, or give the plugin path with --plugin-path"
        + " or NN_PLUGIN_PATH", e.getMessage());
  }
}
