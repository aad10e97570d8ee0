package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone master that nobody answers at: Spark's client tries to register for about a minute and gives
 * up; the nn command then says so in one line, exit 2. Slow, so it runs with {@code -Pspark-cluster}.
 */
class ClusterFailureIT {
  @TempDir
  Path work;

  @Test
  void aMasterNobodyAnswersIsOneLineAndExitTwo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path yaml = SubmitIT.experiment(work);
    SubmitIT.Outcome o = SubmitIT.run(work, List.of("-cp",
        SubmitIT.SUBMIT_JAR + File.pathSeparator + SubmitIT.sparkClassPath(), "dev.nn.spark.Submit",
        yaml.toString(), "--set", "distributed.master=spark://127.0.0.1:" + port,
        "--output", work.resolve("runs").toString()));
    assertEquals(2, o.status(), o.err());
    List<String> lines = o.err().lines().filter(l -> l.startsWith("nn:")).toList();
    assertEquals(1, lines.size(), o.err());
    System.out.println("unreachable master: " + lines.get(0));
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertTrue(!Files.exists(work.resolve("runs")) || Files.list(work.resolve("runs")).count() <= 1,
        "at most the run's own directory");
  }
}
