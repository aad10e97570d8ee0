package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunOutcome;
import dev.nn.core.run.RunRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop that begins while a new run's directory is being made (Ctrl-C or SIGTERM as the staged directory is
 * renamed into place: the thread making it goes on while the JVM's shutdown hooks run) still leaves a directory
 * that says how the run ended, with the overrides it was started with: the record finds it cannot install its
 * shutdown hook and records the interruption itself.
 */
class StopWhileCreatingTests {
  @TempDir
  Path tmp;

  /**
   * In a child JVM: makes a run directory, begins to stop (keeping on stopping for a few seconds, as a hook that
   * takes its time does) and makes the run's record meanwhile.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Clock clock = Clock.systemUTC();
      RunDirectory dir = RunDirectory.create(Path.of(args[0]), "stopping", clock, "name: stopping\n",
          List.of("seed=3"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      new Thread(() -> System.exit(143)).start();
      while (true) {
        try {
          Thread probe = new Thread(() -> { });
          Runtime.getRuntime().addShutdownHook(probe);
          Runtime.getRuntime().removeShutdownHook(probe);
          Thread.sleep(1);
        } catch (IllegalStateException stopping) {
          break;
        }
      }
      Provenance provenance = Provenance.capture("java", 1, 3, List.of("nn", "train"), clock.instant(), List.of(),
          List.of());
      RunRecord.created(dir, new RunOutcome(dir, clock, provenance),
          new RunRecord.Origin("stopping", 5, 3, null, List.of("seed=3"), "0.1.0", List.of(), false, List.of()),
          clock);
      System.out.println(dir.path());
      System.out.flush();
      Thread.sleep(60_000); // halted when the hooks are done
    }
  }

  @Test
  void aDirectoryMadeWhileTheJvmStopsRecordsTheInterruption() throws Exception {
    Process p = ChildJvm.start(List.of(), Child.class, tmp.toString());
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(!printed.contains("Exception"), printed);
    Path run = Path.of(printed.strip().lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: interrupted"), printed);
    assertTrue(Files.readString(run.resolve(RunDirectory.SUMMARY)).contains("\"status\": \"interrupted\""));
    assertEquals("- \"seed=3\"\n", Files.readString(run.resolve(RunDirectory.OVERRIDES)));
  }
}
