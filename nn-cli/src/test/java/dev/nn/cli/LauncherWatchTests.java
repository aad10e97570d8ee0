package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LauncherWatchTests {
  /**
   * A launcher that has ended while its parent has not reaped it is a zombie; the JVM it started must stop as
   * for a launcher that is gone. Here the zombie is a {@code sleep} whose parent ({@code exec sleep 30}) never
   * waits for its children.
   */
  @Test
  void aLauncherThatEndedButWasNotReapedStopsTheRun() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "the system shows no process states in /proc");
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0.2 & echo $!; exec sleep 30").start();
    try {
      String pid;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
        pid = out.readLine().strip();
        CompletableFuture<Integer> code = new CompletableFuture<>();
        LauncherWatch.start(Map.of("NN_LAUNCHER_PID", pid), code::complete);
        assertEquals(LauncherWatch.TERMINATED, code.get(10, TimeUnit.SECONDS));
      }
      assertEquals(true, LauncherWatch.zombie(Path.of("/proc", pid, "stat")), "the launcher was a zombie");
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void aRunningLauncherIsNoZombie() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "the system shows no process states in /proc");
    assertEquals(false, LauncherWatch.zombie(Path.of("/proc/self/stat")));
    assertEquals(false, LauncherWatch.zombie(Path.of("/proc/no-such-process/stat")));
  }
}
