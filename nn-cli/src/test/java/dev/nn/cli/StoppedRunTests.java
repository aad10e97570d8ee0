package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Json;
import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM or Ctrl-C at any file write of a run, from the staging of its directory to its status: the run's
 * directory always says how it ended (status.yaml and summary.json agree), holds its model exactly when it says it
 * completed, and keeps no hidden temporary file; what the command prints ends with the notice (no epoch line
 * after it); and a resume ends bit for bit as the run that was not stopped. The stop is the crash point's
 * {@code :exit} form in a child JVM ({@code System.exit(143)} from another thread while the writing thread pauses
 * two seconds inside the write and then goes on, as it does while a signal's shutdown hooks run).
 */
class StoppedRunTests {
  @TempDir
  Path tmp;

  /** What the stop leaves. */
  private enum Left { NO_DIRECTORY, INTERRUPTED, COMPLETED, EITHER }

  @Test
  void aRunStoppedAtAnyFileWriteSaysHowItEndedLeavesNoPartialFileAndResumesToTheSameRun() throws Exception {
    Path whole = KilledRunTests.train(tmp.resolve("whole"), null, 0);
    int stopped = TrainCommandTests.metricsRows(whole).size();
    // summary.json is written twice as training starts, after every epoch and at the end
    int lastEpochsSummary = stopped + 2;
    Map<String, Left> points = new java.util.LinkedHashMap<>();
    points.put("experiment.yaml:1:temp", Left.NO_DIRECTORY);
    points.put("overrides.yaml:1:temp", Left.NO_DIRECTORY);
    points.put("provenance.yaml:1:temp", Left.INTERRUPTED);
    points.put("summary.json:1:temp", Left.INTERRUPTED);
    points.put("report.html:1:renamed", Left.INTERRUPTED);
    points.put("metrics.csv:2:temp", Left.INTERRUPTED);
    points.put("epoch-0002.ckpt:1:temp", Left.INTERRUPTED);
    // the last epoch's summary: the stop's record and the run's completion then race for the record (both are true
    // and whole; a fresh-clone CI saw completion win)
    points.put("summary.json:" + lastEpochsSummary + ":temp", Left.EITHER);
    points.put("model.nnm:1:temp", Left.COMPLETED);
    points.put("provenance.yaml:2:temp", Left.COMPLETED);
    points.put("summary.json:" + (lastEpochsSummary + 1) + ":temp", Left.COMPLETED);
    for (Map.Entry<String, Left> point : points.entrySet()) {
      String at = point.getKey();
      Path output = tmp.resolve(at.replace(':', '-'));
      Cli.Outcome stop = stoppedAt(output, at);
      assertEquals(143, stop.code(), at + ": " + stop.describe());
      String said = stop.out();
      int notice = said.indexOf("nn: ");
      assertTrue(notice >= 0, at + ": nothing said of the stop:\n" + said);
      assertFalse(said.substring(notice).lines().anyMatch(l -> l.startsWith("epoch ")),
          at + ": an epoch's line after the notice:\n" + said);
      if (point.getValue() == Left.NO_DIRECTORY) {
        assertTrue(said.contains("nn: training was interrupted before its run directory was created; nothing was"
            + " written"), at + ": " + said);
        try (Stream<Path> entries = Files.list(output)) {
          assertEquals(List.of(), entries.toList(), at + ": the staged directory is left");
        }
        continue;
      }
      Path run = Cli.onlyRun(output);
      assertEquals(List.of(), RunFiles.temporaryFiles(run), at + ": temporary files left");
      String status = Files.readString(run.resolve(RunDirectory.STATUS));
      @SuppressWarnings("unchecked")
      Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(run.resolve(
          RunDirectory.SUMMARY)));
      if (point.getValue() == Left.COMPLETED || point.getValue() == Left.EITHER
          && said.contains("nn: stopped after the run completed")) {
        assertTrue(said.contains("nn: stopped after the run completed: every file of it is written in " + run),
            at + ": " + said);
        assertTrue(status.startsWith("state: finished"), at + ": " + status);
        assertEquals("completed", summary.get("status"), at);
        KilledRunTests.assertSameRun(whole, run, at);
        continue;
      }
      assertTrue(said.contains("nn: training was interrupted"), at + ": " + said);
      assertTrue(status.startsWith("state: interrupted"), at + ": " + status);
      assertEquals("interrupted", summary.get("status"), at);
      assertFalse(Files.exists(run.resolve(RunDirectory.MODEL)), at + ": a model beside an interrupted status");
      Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
      assertEquals(0, resumed.code(), at + ": " + resumed.describe());
      KilledRunTests.assertSameRun(whole, run, at);
    }
  }

  /** The early-stopping experiment trained in a child JVM stopped as by SIGTERM at {@code point}. */
  private static Cli.Outcome stoppedAt(Path output, String point) throws Exception {
    List<String> properties = List.of("--add-modules", "jdk.incubator.vector", "-Dnn.crash-at=" + point + ":exit");
    List<String> args = new java.util.ArrayList<>(List.of("train", Cli.DIABETES, "--output", output.toString()));
    args.addAll(List.of(KilledRunTests.EARLY_STOPPING));
    Process p = ChildJvm.start(properties, Main.class, args.toArray(String[]::new));
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(point + ": nn train did not end in 120 s:\n" + text);
    }
    return new Cli.Outcome(p.exitValue(), text, "");
  }
}
