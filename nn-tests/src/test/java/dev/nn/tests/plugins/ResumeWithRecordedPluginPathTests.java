package dev.nn.tests.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.cli.Main;
import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RecordedPluginPath;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run trained with a plugin jar records its plugin path, and {@code nn train --resume} uses it when the command
 * gives none: the example plugin jar, built for real, trains the example's experiment, which uses both its plugins.
 */
class ResumeWithRecordedPluginPathTests {
  @TempDir
  static Path buildDirectory;

  private static Path built;

  @TempDir
  Path tmp;

  @BeforeAll
  static void buildTheJar() throws IOException {
    built = PluginExampleJar.build(buildDirectory);
  }

  /** Stands for a killed process: training stops after epoch 2, once its checkpoint is written. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** A run of the example experiment with {@code jar} on the plugin path, stopped after epoch 2 of 4. */
  private Path interruptedRun(Path jar) throws IOException {
    Nn nn = Nn.withPluginPath(List.of(jar));
    Experiment experiment = nn.load(PluginExampleJar.PROJECT.resolve("experiment.yaml"),
        List.of("training.epochs=4", "training.checkpoint-every=1"));
    TrainingListener stopAfter2 = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == 2) {
          throw new Interrupted();
        }
      }
    };
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    assertThrows(Interrupted.class, () -> nn.train(experiment, new TrainingRun.Options(runs, null, List.of(),
        List.of(stopAfter2), Nn.version())));
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private Path jarIn(String directory) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(directory));
    return Files.copy(built, dir.resolve(PluginExampleJar.JAR_NAME));
  }

  @Test
  void aRunRecordsItsPluginPathAndIsResumedWithItWhenNoneIsGiven() throws Exception {
    Path jar = jarIn("plugins");
    Path run = interruptedRun(jar);
    assertEquals(jar.toAbsolutePath().normalize() + "\n",
        Files.readString(run.resolve(RecordedPluginPath.FILE), StandardCharsets.UTF_8));

    Outcome o = nn(Map.of(), "train", "--resume", run.toString());

    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("resuming " + run + "\nwith the plugin path the run recorded: "
        + jar.toAbsolutePath().normalize() + "\n"), o.describe());
    assertTrue(o.out().contains("resuming after epoch 2 of 4"), o.describe());
    assertTrue(Files.isRegularFile(run.resolve(RunDirectory.MODEL)), o.describe());
  }

  @Test
  void aRecordedJarThatNoLongerExistsIsExit2NamingIt() throws Exception {
    Path jar = jarIn("plugins");
    Path run = interruptedRun(jar);
    Files.delete(jar);

    Outcome o = nn(Map.of(), "train", "--resume", run.toString());

    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + run.resolve(RecordedPluginPath.FILE) + ": the run was trained with the plugin path entry "
        + jar.toAbsolutePath().normalize() + ", which no longer exists; put it back, or give the plugin path with"
        + " --plugin-path or NN_PLUGIN_PATH\n", o.err());
    assertEquals("", o.out(), o.describe());
  }

  @Test
  void aGivenPluginPathReplacesTheRecordedOneAndIsRecordedInstead() throws Exception {
    Path jar = jarIn("plugins");
    Path run = interruptedRun(jar);
    Files.delete(jar);
    Path moved = jarIn("moved");

    Outcome o = nn(Map.of("NN_PLUGIN_PATH", moved.toString()), "train", "--resume", run.toString());

    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().startsWith("resuming " + run + "\n"), o.describe());
    assertTrue(!o.out().contains("with the plugin path the run recorded"), o.describe());
    assertEquals(moved.toAbsolutePath().normalize() + "\n",
        Files.readString(run.resolve(RecordedPluginPath.FILE), StandardCharsets.UTF_8));
  }

  /**
   * A plugin path given without the run's jar replaces the recorded one: the resume names the plugins the run was
   * trained with, their versions and jars, and why they are missing (unknown names alone read as a typo).
   */
  @Test
  void aGivenPluginPathWithoutTheRunsJarNamesThePluginsTheRunWasTrainedWith() throws Exception {
    Path jar = jarIn("plugins");
    Path run = interruptedRun(jar);
    Path empty = Files.createDirectories(tmp.resolve("no-jars"));

    Outcome o = nn(Map.of(), "train", "--resume", run.toString(), "--plugin-path", empty.toString());

    assertEquals(2, o.code(), o.describe());
    // one message: the unknown names' report, with a "did you mean" of a built-in, only came before it
    // (after the warning that the empty folder given adds no plugin)
    assertEquals(1, o.err().lines().filter(l -> !l.startsWith("nn: warning: ")).count(), o.describe());
    assertFalse(o.err().contains("[nn/UnknownPlugin]"), o.describe());
    String said = o.err().lines().filter(l -> l.startsWith("nn: the run was trained with ")).findFirst().orElseThrow();
    assertTrue(said.contains("(version ") && said.contains(" from " + jar.toAbsolutePath().normalize() + ")"), said);
    assertTrue(said.endsWith(" not installed now; give their jars with --plugin-path (a plugin path given, by"
        + " --plugin-path or NN_PLUGIN_PATH, replaces the one the run recorded in " + run.resolve(RecordedPluginPath.FILE)
        + ": give every jar"
        + " the run needs, or none to use the recorded one)"), said);
  }

  @Test
  void aRunWithoutAPluginPathRecordsNone() throws Exception {
    Path runs = tmp.resolve("plain");
    Outcome o = nn(Map.of(), "train", "../examples/xor.yaml", "--set", "training.epochs=1", "--output",
        runs.toString());
    assertEquals(0, o.code(), o.describe());
    try (Stream<Path> dirs = Files.list(runs)) {
      Path run = dirs.findFirst().orElseThrow();
      assertTrue(Files.isRegularFile(run.resolve(RunDirectory.MODEL)));
      assertTrue(Files.notExists(run.resolve(RecordedPluginPath.FILE)));
    }
  }

  private record Outcome(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Outcome nn(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, env);
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
