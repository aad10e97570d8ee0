package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that cannot be written — a full disk, here /dev/full — is said in one line and exits 2, as any
 * file that cannot be written; a reader that closes its pipe early ({@code | head}) is not, and the command's own
 * exit code stands.
 */
class StandardOutputFailureTests {
  @TempDir
  Path tmp;

  @Test
  void aFullDiskUnderStandardOutputIsSaidAndExits2() throws Exception {
    assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full on this system");
    Path err = tmp.resolve("err.txt");
    Process p = ChildJvm.command(List.of(), Main.class, "train", Cli.EXAMPLES.resolve("xor.yaml").toString(),
        "--output", tmp.resolve("runs").toString()).redirectOutput(new File("/dev/full")).redirectError(err.toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), Files.readString(err));
    assertEquals("nn: cannot write to standard output: no space left on device; what the command printed there is"
        + " incomplete\n", Files.readString(err));
    // the run itself is whole: only what was printed is lost
    assertTrue(Files.isRegularFile(Cli.onlyRun(tmp.resolve("runs")).resolve("model.nnm")));
  }

  @Test
  void aPipeClosedByItsReaderIsNoFailure() throws Exception {
    Path err = tmp.resolve("err.txt");
    Process p = ChildJvm.command(List.of(), Main.class, "train", Cli.EXAMPLES.resolve("xor.yaml").toString(),
        "--output", tmp.resolve("runs").toString()).redirectError(err.toFile()).start();
    // the reader takes the first line and goes, as head -1 does
    byte[] first = new byte[8];
    assertEquals(8, p.getInputStream().readNBytes(first, 0, 8));
    p.getInputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(err));
    assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
  }
}
