package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.io.SpecialFiles;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Only a regular experiment file is opened, and no more of it is read than the size limit allows. */
class ExperimentFileTests {
  private static final String VALID =
      "data: {train: {source: generator, name: xor, samples: 10}}\n"
          + "network: {layers: [{units: 2}, {units: 1, activation: identity}]}\n"
          + "loss: squared\n";

  @TempDir Path dir;

  private static List<ConfigProblem> problems(Path file) {
    return assertThrows(ConfigException.class, () -> Resources.reader().read(file, List.of())).problems();
  }

  private static String refusal(Path file) {
    return assertThrows(FileSystemException.class, () -> Resources.reader().read(file, List.of())).getMessage();
  }

  @Test
  void aFileJustOverTheByteLimitIsTooLargeAndOneAtItIsScannedForCharacters() throws IOException {
    // the byte limit: 1 MiB characters of 4-byte UTF-8 and a byte order mark
    int limit = 4 * (1 << 20) + 3;
    byte[] over = (VALID + "# " + "x".repeat(limit)).getBytes(StandardCharsets.UTF_8);
    List<ConfigProblem> p = problems(Files.write(dir.resolve("over.yaml"), java.util.Arrays.copyOf(over, limit + 1)));
    assertEquals(1, p.size());
    assertEquals(ProblemId.TOO_LARGE, p.get(0).id());
    assertEquals("the document is longer than 1048576 characters", p.get(0).message());
    // within the byte limit, the character limit still applies: 1 MiB + 1 characters of comment
    Path chars = Files.writeString(dir.resolve("chars.yaml"), VALID + "#" + "x".repeat(1 << 20));
    assertEquals("the document is longer than 1048576 characters", problems(chars).get(0).message());
  }

  @Test
  void aFileAtTheCharacterLimitIsRead() throws Exception {
    String comment = "#" + "x".repeat((1 << 20) - VALID.length() - 2) + "\n";
    Path atLimit = Files.writeString(dir.resolve("at-limit.yaml"), VALID + comment);
    assertEquals(1 << 20, Files.size(atLimit));
    assertEquals("at-limit", Resources.reader().read(atLimit, List.of()).name());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeIsRefusedRatherThanWaitedOn() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "experiment.yaml");
    assertEquals(fifo + ": is a named pipe (FIFO), not a regular file; expected an experiment YAML file", refusal(fifo));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anEndlessDeviceIsRefusedRatherThanRead() {
    for (String name : List.of("/dev/urandom", "/dev/zero")) {
      Path device = SpecialFiles.device(name);
      assertEquals(name + ": is a character device, not a regular file; expected an experiment YAML file",
          refusal(device));
    }
  }

  @Test
  void aDirectoryOrAMissingFileIsAnIoProblemNamingIt() {
    assertEquals(dir + ": is a directory, expected an experiment YAML file", refusal(dir));
    assertEquals(dir.resolve("absent.yaml") + ": no such file; expected an experiment YAML file",
        refusal(dir.resolve("absent.yaml")));
  }

  @Test
  void aLongValueIsQuotedOnlyByItsStart() {
    String x = "x".repeat(100_000);
    String key = "k".repeat(500); // a plain key of YAML has at most 1024 characters
    String yaml = VALID.replace("source: generator", "source: " + x) + "name: \"" + x + "!\"\nseed: 1" + x + "\n"
        + key + ": 1\n";
    List<ConfigProblem> p = assertThrows(ConfigException.class,
        () -> Resources.reader().read(yaml, "long.yaml", dir, List.of())).problems();
    String quoted = "x".repeat(40) + "…(100000 characters)";
    assertEquals(java.util.Set.of(
            "unknown source \"" + quoted + "\"",
            "must be 1 to 100 characters, start with a letter or digit and hold only ASCII letters (a-z, A-Z), digits,"
                + " '.', '_' and '-' (it names the run directory), found \"" + "x".repeat(40) + "…(100001 characters)\"",
            "expected an integer, found \"1" + "x".repeat(39) + "…(100001 characters)\"",
            "unknown key \"" + "k".repeat(40) + "…(500 characters)\""),
        java.util.Set.copyOf(p.stream().map(ConfigProblem::message).toList()));
  }
}
