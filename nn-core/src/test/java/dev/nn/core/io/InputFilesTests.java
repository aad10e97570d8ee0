package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTests {
  @TempDir Path dir;

  /** The exception the check throws here: its message is "file: problem". */
  private static final FileProblem PROBLEM = (file, problem, cause) -> new IllegalStateException(file + ": " + problem);

  private static String refusal(Path file) {
    return assertThrows(IllegalStateException.class,
        () -> InputFiles.requireRegularFile(file, "a CSV file", PROBLEM)).getMessage();
  }

  @Test
  void aRegularFileAndALinkToOnePass() throws IOException {
    Path file = Files.writeString(dir.resolve("data.csv"), "x,y\n1,2\n");
    assertDoesNotThrow(() -> InputFiles.requireRegularFile(file, "a CSV file", PROBLEM));
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), file);
    assertDoesNotThrow(() -> InputFiles.requireRegularFile(link, "a CSV file", PROBLEM));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "pipe.csv");
    assertEquals(fifo + ": is a named pipe (FIFO), not a regular file; expected a CSV file", refusal(fifo));
    // through a symbolic link too: the link is followed to what it names
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), fifo);
    assertEquals(link + ": is a named pipe (FIFO), not a regular file; expected a CSV file", refusal(link));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void devicesAreRefused() {
    for (String name : new String[] {"/dev/zero", "/dev/urandom", "/dev/null"}) {
      Path device = SpecialFiles.device(name);
      assertEquals(name + ": is a character device, not a regular file; expected a CSV file", refusal(device));
    }
  }

  /** A link to nothing and a loop of links get one sentence, not the system's words with the path repeated. */
  @Test
  void aDanglingLinkAndALoopOfLinksAreNamedAsLinks() throws IOException {
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("nowhere.csv"));
    Path a = dir.resolve("loop-a.csv");
    Path b = Files.createSymbolicLink(dir.resolve("loop-b.csv"), a);
    Files.createSymbolicLink(a, b);
    String link = ": a symbolic link that leads to no file (its target is missing, or the links form a loop)";
    assertEquals(dangling + link, refusal(dangling));
    assertEquals(a + link, refusal(a));
  }

  @Test
  void anEmptyPathIsSaidToBeEmptyNotADirectory() {
    assertEquals(": the path is empty; expected a CSV file", refusal(Path.of("")));
  }

  @Test
  void aDirectoryAndAMissingFileAreNamed() throws IOException {
    assertEquals(dir + ": is a directory, expected a CSV file", refusal(dir));
    assertEquals(dir.resolve("absent.csv") + ": no such file; expected a CSV file", refusal(dir.resolve("absent.csv")));
  }

  @Test
  void readUpToStopsOneBytePastTheLimit() throws IOException {
    byte[] content = new byte[1000];
    Arrays.fill(content, (byte) 'a');
    Path file = Files.write(dir.resolve("f"), content);
    assertArrayEquals(content, InputFiles.readUpTo(file, 1000));
    assertEquals(1000, InputFiles.readUpTo(file, 5000).length);
    assertEquals(11, InputFiles.readUpTo(file, 10).length);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void readUpToReadsNoMoreOfAnEndlessDeviceThanTheLimit() throws IOException {
    Path zero = SpecialFiles.device("/dev/zero");
    assertEquals(1025, InputFiles.readUpTo(zero, 1024).length);
  }
}
