package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's overrides.yaml read back: as written, or a damage told in one line with its place. */
class RunOverridesTests {
  /** Deleting the file would resume without the overrides: each message says how to mend it instead. */
  private static final String MEND = ". It only records the --set overrides the run started with, which"
      + " experiment.yaml holds applied, so the run does not need it: delete it to resume (the resumed run's"
      + " summary.json then lists no overrides)";

  @TempDir Path dir;

  @Test
  void writtenOverridesReadBackAndADamagedFileIsOneLine() throws Exception {
    Path file = dir.resolve("overrides.yaml");
    RunOverrides.write(file, List.of("training.epochs=3", "loss={name: huber, delta: 0.5}"));
    assertEquals(List.of("training.epochs=3", "loss={name: huber, delta: 0.5}"), RunOverrides.read(file));
    Files.writeString(file, "{{{: [\n");
    RunFileException e = assertThrows(RunFileException.class, () -> RunOverrides.read(file));
    assertEquals(file + ": cannot be read as a YAML list of overrides: expected the node content, but found ':'"
        + " (line 1, column 4)" + MEND, e.getMessage());
    Files.write(file, "- a=\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(RunFileException.class, () -> RunOverrides.read(file));
    assertEquals(file + ": cannot be read as a YAML list of overrides: not UTF-8 text: byte 0xE9 at line 1, column 5"
        + " (byte offset 4) is not valid UTF-8; save the file as UTF-8 (such bytes often come from Latin-1 or"
        + " Windows-1252 text)" + MEND, e.getMessage());
    Files.writeString(file, "training.epochs: 3\n");
    e = assertThrows(RunFileException.class, () -> RunOverrides.read(file));
    assertEquals(file + ": is not a YAML list of overrides" + MEND, e.getMessage());
  }
}
