package dev.nn.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code nn} script at the project's root, run as a user runs it. */
class LauncherTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The launcher as the tests run it, by its path: the commands its messages give to paste name it so. */
  private static final String NN = ROOT.resolve("nn").toString();

  @TempDir
  Path tmp;

  @BeforeAll
  static void bashIsInstalled() {
    boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "bash")));
    assumeTrue(found, "bash is not installed, so the nn launcher script cannot run here");
  }

  /** What the script printed (stdout and stderr together) and its exit code. */
  private record Run(int code, String output) {}

  private static Run launch(Path directory, String... args) throws IOException, InterruptedException {
    return launch(Map.of(), directory, args);
  }

  private static Run launch(Map<String, String> env, Path directory, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("nn").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("nn " + String.join(" ", args) + " did not finish in 120 s:\n" + output);
    }
    return new Run(p.exitValue(), output);
  }

  /**
   * Which commands the launcher runs with Spark on the class path: every way a distributed experiment reaches it — its
   * file, a --set or --sweep of a distributed key (with "=" too), a run or a sweep being resumed (its sweep.yaml's
   * experiment file, or its --set values) — and nothing else. The script's own functions, run by bash.
   */
  @Test
  void theLauncherPutsSparkOnTheClassPathForEveryDistributedExperiment() throws Exception {
    Files.writeString(tmp.resolve("dist.yaml"), "name: x\ndistributed: {master: \"local[2]\"}\n");
    Files.writeString(tmp.resolve("plain.yaml"), "name: x\n");
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.copy(tmp.resolve("dist.yaml"), run.resolve("experiment.yaml"));
    Path plainRun = Files.createDirectories(tmp.resolve("plain-run"));
    Files.copy(tmp.resolve("plain.yaml"), plainRun.resolve("experiment.yaml"));
    Map<String, String> sweeps = Map.of("dist-sweep", "experiment: dist.yaml\nworking-directory: " + tmp
        + "\nsets: []\nsweeps:\n- seed=1,2\n", "set-sweep", "experiment: plain.yaml\nworking-directory: " + tmp
        + "\nsets:\n- 'distributed.master=local[2]'\nsweeps: []\n", "plain-sweep", "experiment: plain.yaml\n"
        + "working-directory: " + tmp + "\nsets: []\nsweeps:\n- seed=1,2\n");
    for (Map.Entry<String, String> sweep : sweeps.entrySet()) {
      Files.writeString(Files.createDirectories(tmp.resolve(sweep.getKey())).resolve("sweep.yaml"), sweep.getValue());
    }
    // as nn reads them too: after a byte-order mark, in a flow mapping, indented; not in a comment
    Files.write(tmp.resolve("bom.yaml"), ("\uFEFFdistributed: {master: \"local[2]\"}\n").getBytes(StandardCharsets.UTF_8));
    Files.writeString(tmp.resolve("flow.yaml"), "{name: x, distributed: {master: \"local[2]\"}}\n");
    Files.writeString(tmp.resolve("indented.yaml"), "  name: x\n  distributed:\n    master: \"local[2]\"\n");
    Files.writeString(tmp.resolve("comment.yaml"), "# distributed: later\nname: x\n");
    Files.writeString(tmp.resolve("args.txt"), "plain.yaml\n--set\ndistributed.partitions=2\n");
    Files.writeString(tmp.resolve("plain-args.txt"), "plain.yaml\n--set\nseed=3\n");
    Map<String, Boolean> expected = new java.util.LinkedHashMap<>();
    expected.put("train dist.yaml", true);
    expected.put("train plain.yaml", false);
    expected.put("train bom.yaml", true);
    expected.put("train flow.yaml", true);
    expected.put("train indented.yaml", true);
    expected.put("train comment.yaml", false);
    expected.put("train @args.txt", true);
    expected.put("train @plain-args.txt", false);
    expected.put("train plain.yaml --set distributed.master=local[2]", true);
    expected.put("train plain.yaml --set=distributed.master=local[2]", true);
    expected.put("train plain.yaml --sweep=distributed.partitions=2,3", true);
    expected.put("train plain.yaml --sweep seed=1,2", false);
    expected.put("train --resume run", true);
    expected.put("train --resume=run", true);
    expected.put("train --resume plain-run", false);
    expected.put("train --resume dist-sweep", true);
    expected.put("train --resume=set-sweep", true);
    expected.put("train --resume plain-sweep", false);
    String functions = "eval \"$(sed -n '/^DISTRIBUTED_KEY=/p;/^has_distributed()/,/^}/p;/^wants_spark()/,/^}/p;"
        + "/^sweep_wants_spark()/,/^}/p' "
        + ROOT.resolve("nn") + ")\"\n";
    for (Map.Entry<String, Boolean> e : expected.entrySet()) {
      Process p = new ProcessBuilder("bash", "-c", functions + "NN_SPARK= wants_spark " + e.getKey())
          .directory(tmp.toFile()).redirectErrorStream(true).start();
      String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(e.getValue() ? 0 : 1, p.exitValue(), e.getKey() + ": " + printed);
    }
  }

  /** NN_SPARK_LOG naming no file is one line and exit 2: log4j2 printed two errors, then Spark's whole log. */
  @Test
  void aSparkLogConfigurationThatIsNotThereIsOneLine() throws Exception {
    Run r = launch(Map.of("NN_SPARK", "on", "NN_SPARK_LOG", tmp.resolve("nosuch.properties").toString()), ROOT,
        "--version");
    assertEquals(2, r.code(), r.output());
    assertEquals("nn: NN_SPARK_LOG=" + tmp.resolve("nosuch.properties") + " names no log4j2 configuration file that"
        + " can be read; give one (a .properties, .xml, .json or .yaml file), or unset it for nn's own, which keeps"
        + " Spark's log quiet\n", r.output());
  }

  /** Options Java refuses in NN_JAVA_OPTS are one nn line and exit 2, not Java's three lines and exit 1. */
  @Test
  void javaOptionsJavaRefusesAreOneLineNamingTheVariable() throws Exception {
    Run r = launch(Map.of("NN_JAVA_OPTS", "-Xmx"), ROOT, "--version");
    assertEquals(2, r.code(), r.output());
    assertEquals("nn: NN_JAVA_OPTS=\"-Xmx\" holds an option Java refuses: Invalid maximum heap size: -Xmx\n",
        r.output());
    assertEquals(0, launch(Map.of("NN_JAVA_OPTS", "-Xmx256m"), ROOT, "--version").code());
  }

  /**
   * A Java older than 17 (JAVA_HOME's here, whose release file says which) is one line naming it and what to do, exit
   * 2, before it runs: it would fail loading nn's classes with a stack trace. Java 8 names itself 1.8.
   */
  @Test
  void aJavaOlderThan17IsOneLineNamingItAndWhatToDo() throws Exception {
    Path home = tmp.resolve("old-jdk");
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\necho this java ran\nexit 1\n");
    assertTrue(java.toFile().setExecutable(true));
    for (String version : List.of("11.0.22", "1.8.0_292", "16")) {
      Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\n");
      Run r = launch(Map.of("JAVA_HOME", home.toString()), tmp, "--version");
      String feature = version.startsWith("1.8") ? "8" : version.split("\\.")[0];
      assertEquals(2, r.code(), r.output());
      assertEquals("nn: needs Java 17 or later, and " + java.toRealPath() + " is Java " + feature + ": set JAVA_HOME to a"
          + " Java 17 or later, or put one first on the PATH\n", r.output());
    }
    // Java 8's jre/bin/java, whose release file is one folder up
    Path jre = Files.createDirectories(home.resolve("jre/bin"));
    Path jreJava = Files.writeString(jre.resolve("java"), "#!/bin/sh\necho this java ran\nexit 1\n");
    assertTrue(jreJava.toFile().setExecutable(true));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"1.8.0_292\"\n");
    Run eight = launch(Map.of("JAVA_HOME", home.resolve("jre").toString()), tmp, "--version");
    assertEquals(2, eight.code(), eight.output());
    assertTrue(eight.output().startsWith("nn: needs Java 17 or later, and " + jreJava.toRealPath() + " is Java 8:"),
        eight.output());
    // a release file of 17 or later passes (here the fake java runs, and fails on its own)
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");
    assertTrue(launch(Map.of("JAVA_HOME", home.toString()), tmp, "--version").output().contains("this java ran"));
  }

  @Test
  void theScriptIsExecutable() {
    assertTrue(Files.isExecutable(ROOT.resolve("nn")), ROOT.resolve("nn") + " must be executable");
  }

  @Test
  void helpListsTheCommands() throws Exception {
    Run r = launch(ROOT, "--help");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("Usage: nn [-hV] [--debug] [--plugin-path=DIR_OR_JAR]... COMMAND"), r.output());
    assertTrue(r.output().contains("\n  gradcheck "), r.output());
  }

  @Test
  void pluginsListsTheBuiltInsFromTheJarsNextToTheCommand() throws Exception {
    Run r = launch(ROOT, "plugins");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().lines().anyMatch(l -> l.matches("activation\\s+relu\\s+\\S+\\s+dev\\.nn\\.activations\\."
        + "ReluProvider\\s+.*/nn-cli/target/lib/nn-activations-[^/]*\\.jar")), r.output());
  }

  @Test
  void trainRunsTheXorExampleFromAnotherDirectoryAndPrintsTheRunDirectory() throws Exception {
    Path output = tmp.resolve("runs");
    Run r = launch(tmp, "train", ROOT.resolve("examples/xor.yaml").toString(), "--output", output.toString());
    assertEquals(0, r.code(), r.output());
    Path run;
    try (Stream<Path> dirs = Files.list(output)) {
      run = dirs.collect(Collectors.toList()).get(0);
    }
    assertTrue(r.output().contains("run directory  " + run + "\n"), r.output());
    assertEquals(40, r.output().lines().filter(l -> l.startsWith("epoch ")).count(), r.output());
    assertTrue(Files.isRegularFile(run.resolve("model.nnm")));
    // the JVM's notice about the incubating Vector API module is not shown; provenance names the loops
    assertFalse(r.output().contains("incubator"), r.output());
    String provenance = Files.readString(run.resolve("provenance.yaml"));
    assertTrue(provenance.matches("(?s).*backend: java \\((vector-\\d+|scalar) loops\\).*"), provenance);
  }

  @Test
  void vectorOffRunsThePlainLoops() throws Exception {
    Path output = tmp.resolve("runs");
    Run r = launch(Map.of("NN_VECTOR", "off"), tmp, "train", ROOT.resolve("examples/xor.yaml").toString(),
        "--output", output.toString(), "--set", "training.epochs=2");
    assertEquals(0, r.code(), r.output());
    Path run;
    try (Stream<Path> dirs = Files.list(output)) {
      run = dirs.collect(Collectors.toList()).get(0);
    }
    assertTrue(Files.readString(run.resolve("provenance.yaml")).contains("backend: java (scalar loops)"),
        Files.readString(run.resolve("provenance.yaml")));
  }

  /** A closed standard input (a service, a job started with {@code <&-}) is no reason to fail. */
  @Test
  void aClosedStandardInputIsAcceptedWithoutAWord() throws Exception {
    Process p = new ProcessBuilder("bash", "-c", "\"$0\" validate examples/xor.yaml <&-", ROOT.resolve("nn").toString())
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.startsWith("examples/xor.yaml is valid"), output);
  }

  @Test
  void aBadArgumentExitsWith2() throws Exception {
    Run r = launch(ROOT, "train", "examples/no-such.yaml");
    assertEquals(2, r.code(), r.output());
    assertEquals("nn: examples/no-such.yaml: no such file; expected an experiment YAML file\n", r.output());
  }

  /**
   * SIGTERM or SIGHUP sent to the launcher's process (as {@code kill PID}, a job scheduler or a closed terminal
   * sends it) ends the Java process training under it as the signal to Java itself would, and the launcher ends
   * after it, with its exit code and its last words: the run is recorded as interrupted, no JVM is left training
   * alone with the run's lock, and the caller that sees the launcher end sees everything done.
   */
  @ParameterizedTest
  @CsvSource({"TERM, 143", "HUP, 129"})
  void aSignalToTheLauncherStopsTheTrainingUnderItAndTheLauncherEndsAfterIt(String signal, int code)
      throws Exception {
    Path output = tmp.resolve("runs-" + signal);
    Training t = startLongTraining(output);
    List<ProcessHandle> javas = t.process().descendants().filter(LauncherTests::isJava).toList();
    assertEquals(1, javas.size(), "one JVM under the launcher");
    // to the script only
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(t.process().pid())).start().waitFor());
    assertTrue(t.process().waitFor(30, TimeUnit.SECONDS));
    assertFalse(javas.get(0).isAlive(), "the launcher ended before its JVM");
    assertEquals(code, t.process().exitValue(), "the JVM's own exit code");
    String status = Files.readString(t.run().resolve("status.yaml"));
    assertTrue(status.contains("state: interrupted"), status);
    String printed = Files.readString(t.log());
    assertTrue(printed.contains("nn: training was interrupted"), printed);
    // the command to resume it as the user ran nn: here by its path, not a bare nn the PATH may not have
    assertTrue(printed.contains(" " + NN + " train --resume "), printed);
  }

  /**
   * {@code kill -9} of the launcher itself, which passes no signal on: its JVM notices it gone and stops the run as a
   * signal would, and the run's status says what stopped it (it said Ctrl-C, SIGTERM or SIGHUP, which none sent).
   */
  @Test
  void aLauncherKilledOutrightStopsItsRunAndTheStatusSaysSo() throws Exception {
    Training t = startLongTraining(tmp.resolve("runs-killed-launcher"));
    ProcessHandle java = t.process().descendants().filter(LauncherTests::isJava).findFirst().orElseThrow();
    assertTrue(t.process().toHandle().destroyForcibly());
    assertTrue(java.onExit().get(30, TimeUnit.SECONDS) != null);
    String status = Files.readString(t.run().resolve("status.yaml"));
    assertTrue(status.contains("state: interrupted"), status);
    assertTrue(status.contains("stopped as the nn launcher that started it ended first (killed outright, passing on no"
        + " signal)"), status);
  }

  /**
   * {@code kill -9} of the Java process (or the system's out-of-memory killer) leaves the launcher to say what
   * happened: exit 137 and one line, not bash's job report with the script's source.
   */
  @Test
  void aJavaProcessKilledWithSigkillIsReportedInOneLine() throws Exception {
    Training t = startLongTraining(tmp.resolve("runs"));
    ProcessHandle java = t.process().descendants().filter(LauncherTests::isJava).findFirst().orElseThrow();
    assertKilledAndSaidInOneLine(t, java);
  }

  /**
   * A sweep killed outright is named by its folder, which {@code nn train --resume} continues as a whole (its point's
   * run alone would leave the points after it untrained).
   */
  @Test
  void aKilledSweepIsNamedByItsFolder() throws Exception {
    Path output = tmp.resolve("runs");
    Path log = tmp.resolve("printed.txt");
    Process p = new ProcessBuilder(ROOT.resolve("nn").toString(), "train", ROOT.resolve("examples/xor.yaml").toString(),
        "--output", output.toString(), "--set", "training.epochs=100000000", "--sweep", "seed=1,2")
        .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!read(log).contains("epoch 2/") && System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), () -> "nn train ended early: " + read(log));
      Thread.sleep(100);
    }
    ProcessHandle java = p.descendants().filter(LauncherTests::isJava).findFirst().orElseThrow();
    assertTrue(java.destroyForcibly());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue());
    Path folder;
    try (Stream<Path> entries = Files.list(output)) {
      folder = entries.filter(d -> d.getFileName().toString().startsWith("xor-sweep-")).findFirst().orElseThrow();
    }
    List<String> printed = Files.readAllLines(log).stream().filter(l -> l.startsWith("nn:")).toList();
    assertEquals(List.of("nn: the Java process was killed (SIGKILL: kill -9, or the system's out-of-memory killer);"
        + " resume the sweep with: " + NN + " train --resume " + folder.toAbsolutePath().normalize()), printed);
  }

  /**
   * The same for a training on Spark, which the launcher starts with nn-spark's class path: runs when nn-spark
   * is built and current (the launcher would otherwise build it first, which takes minutes).
   */
  @Test
  void aSparkTrainingsJavaKilledWithSigkillIsReportedInOneLine() throws Exception {
    Path sparkJar = ROOT.resolve("nn-spark/target/nn-spark-0.1.0-SNAPSHOT.jar");
    Path cliJar = ROOT.resolve("nn-cli/target/nn-cli-0.1.0-SNAPSHOT.jar");
    assumeTrue(Files.isRegularFile(sparkJar) && Files.isDirectory(ROOT.resolve("nn-spark/target/spark-lib"))
        && Files.getLastModifiedTime(sparkJar).compareTo(Files.getLastModifiedTime(cliJar)) > 0,
        "nn-spark is not built, or older than nn-cli");
    Training t = startLongTraining(tmp.resolve("runs"), "distributed.master=local[1]", "distributed.partitions=1");
    ProcessHandle java = t.process().descendants().filter(LauncherTests::isJava).findFirst().orElseThrow();
    assertTrue(java.info().arguments().map(a -> String.join(" ", a).contains("spark-lib")).orElse(false),
        "Java runs with Spark's class path");
    assertKilledAndSaidInOneLine(t, java);
  }

  /**
   * A sweep killed as it begins: before its record, its folder holds its lock alone, and the launcher says to delete
   * it; after its record and before its table, the folder is named to resume (it said that the sweep had ended its
   * last point, for a table that was not there).
   */
  @Test
  void aSweepKilledAsItBeginsIsToldApart() throws Exception {
    String[] sweep = {"train", ROOT.resolve("examples/xor.yaml").toString(), "--set", "training.epochs=2", "--sweep",
        "optimizer.learning-rate=0.1,0.03", "--plain", "--output"};
    Path early = tmp.resolve("early");
    Run beforeRecord = launch(Map.of("NN_JAVA_OPTS", "-Dnn.crash-at=sweep.yaml:1:temp"), tmp,
        with(sweep, early.toString()));
    assertEquals(137, beforeRecord.code(), beforeRecord.output());
    Path lockOnly = firstEntry(early).orElseThrow();
    assertTrue(beforeRecord.output().contains("killer) as the sweep began, before it wrote sweep.yaml: nothing was"
        + " trained; delete " + lockOnly.toAbsolutePath().normalize() + " and start the sweep again"),
        beforeRecord.output());
    Path later = tmp.resolve("later");
    Run beforeTable = launch(Map.of("NN_JAVA_OPTS", "-Dnn.crash-at=sweep.csv:1:temp"), tmp,
        with(sweep, later.toString()));
    assertEquals(137, beforeTable.code(), beforeTable.output());
    Path folder = firstEntry(later).orElseThrow();
    assertTrue(beforeTable.output().contains("resume the sweep with: " + NN + " train --resume "
        + folder.toAbsolutePath().normalize()), beforeTable.output());
  }

  private static String[] with(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  /**
   * COLUMNS given to the launcher on a terminal reaches Java as given: bash's checkwinsize had the script set it to the
   * terminal's width (here 80) after its first command, so that COLUMNS=30 changed nothing. Run on a pseudo-terminal
   * ({@code script}), Java a stand-in that writes down the COLUMNS it got.
   */
  @Test
  void columnsGivenOnATerminalReachJavaAsGiven() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux's script gives a terminal");
    Path bin = Files.createDirectories(tmp.resolve("bin-columns"));
    Path got = tmp.resolve("columns.txt");
    Path fake = Files.writeString(bin.resolve("java"), "#!/bin/sh\ncase \"$*\" in *ArchiveClassesAtExit*) exit 1 ;; esac\n"
        + "echo \"$COLUMNS\" > '" + got + "'\n");
    assertTrue(fake.toFile().setExecutable(true));
    ProcessBuilder b = new ProcessBuilder("/usr/bin/script", "-qec", "stty cols 80 rows 24; COLUMNS=30 '"
        + ROOT.resolve("nn") + "' --version", "/dev/null").directory(tmp.toFile()).redirectErrorStream(true);
    b.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    b.redirectOutput(tmp.resolve("script.txt").toFile());
    Process p = b.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("30", Files.readString(got).strip(), Files.readString(tmp.resolve("script.txt")));
  }

  /** Kills {@code java} as kill -9 does; the launcher then exits 137 and says so in one line. */
  private static void assertKilledAndSaidInOneLine(Training t, ProcessHandle java) throws Exception {
    assertTrue(java.destroyForcibly());
    assertTrue(t.process().waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, t.process().exitValue());
    List<String> printed = Files.readAllLines(t.log()).stream().filter(l -> l.startsWith("nn:") || l.contains("line "))
        .toList();
    // the run's directory, which Java told the launcher, is named whole: the command to resume it, ready to paste
    assertEquals(List.of("nn: the Java process was killed (SIGKILL: kill -9, or the system's out-of-memory killer);"
        + " resume the run with: " + NN + " train --resume " + t.run().toAbsolutePath().normalize()), printed);
  }

  /**
   * Java killed before it told the launcher a run directory: a resume's is on the command line, and the launcher names
   * it (it said nothing was written to resume); a run directory that had completed is said to leave nothing to
   * resume (a sweep killed between points named the completed point's to resume). Java here is a stand-in that waits
   * to be killed, so that the kill comes before anything is read.
   */
  @Test
  void killedBeforeJavaNamesARunTheLauncherTellsWhatItKnows() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path fake = Files.writeString(bin.resolve("java"), "#!/bin/sh\ncase \"$*\" in *ArchiveClassesAtExit*) exit 1 ;; esac\n"
        + "exec sleep 60\n");
    assertTrue(fake.toFile().setExecutable(true));
    Path interrupted = Files.createDirectories(tmp.resolve("runs").resolve("xor-20261205-010000"));
    Files.writeString(interrupted.resolve("status.yaml"), "state: interrupted\nmessage: stopped\n");
    Path finished = Files.createDirectories(tmp.resolve("runs").resolve("xor-20261205-020000"));
    Files.writeString(finished.resolve("status.yaml"), "state: finished\nmessage: done\n");
    for (String arg : List.of("--resume", "--resume=")) {
      for (Path run : List.of(interrupted, finished)) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(arg.endsWith("=") ? List.of(arg + run) : List.of(arg, run.toString()));
        String printed = killedStandIn(bin, args.toArray(String[]::new));
        String killed = "nn: the Java process was killed (SIGKILL: kill -9, or the system's out-of-memory killer); ";
        assertTrue(printed.contains(run == interrupted ? killed + "resume the run with: " + NN + " train --resume " + run
            : killed + "its last run, " + run + ", had completed, and no other run had started: nothing is left to"
                + " resume"), arg + " " + run + ": " + printed);
      }
    }
  }

  /**
   * A sweep's Java killed: the launcher names the sweep to resume while its table holds a point not done, and says
   * that nothing is left when every point had ended (it advised a resume that then refused). Java here is a stand-in
   * that names the sweep's folder to the launcher, as nn does, then waits to be killed.
   */
  @Test
  void aKilledSweepIsNamedToResumeOnlyWhileAPointIsLeft() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String status : List.of("pending", "failed", "completed")) {
      Path folder = Files.createDirectories(tmp.resolve("runs-" + status).resolve("xor-sweep-20261205-010000"));
      Files.writeString(folder.resolve("sweep.yaml"), "experiment: xor.yaml\n");
      Files.writeString(folder.resolve("sweep.csv"), "seed,status,run_directory,validation_metric,validation,"
          + "test_metric,test,message\n1,completed,/r/xor-1,,,,,\n2," + status + ",,,,,,\n");
      Path fake = Files.writeString(bin.resolve("java"), "#!/bin/sh\ncase \"$*\" in *ArchiveClassesAtExit*) exit 1 ;;"
          + " esac\n[ -n \"$NN_RUN_DIRECTORY_FILE\" ] && echo " + folder + " > \"$NN_RUN_DIRECTORY_FILE\"\n"
          + "exec sleep 60\n");
      assertTrue(fake.toFile().setExecutable(true));
      String printed = killedStandIn(bin, "train", "xor.yaml", "--sweep", "seed=1,2");
      String killed = "nn: the Java process was killed (SIGKILL: kill -9, or the system's out-of-memory killer); ";
      // a failed point is trained again by the sweep's resume
      assertEquals(killed + (!status.equals("completed") ? "resume the sweep with: " + NN + " train --resume " + folder
          : "the sweep " + folder + " had ended its last point: nothing is left to resume") + "\n", printed, status);
    }
  }

  /**
   * A stop as the JVM starts, before nn's own watch is in place, ends Java without a word (exit 143): the launcher
   * says that nothing was written. Once Java has said it speaks for a stop ("-" in the launcher's note), the launcher
   * adds nothing. Java here is a stand-in that ends as such a JVM does.
   */
  @Test
  void aStopAsJavaStartsIsSaidByTheLauncher() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String command : List.of("train", "predict", "export")) {
      for (boolean said : List.of(false, true)) {
        assertStopSaid(bin, command, said);
      }
    }
  }

  private void assertStopSaid(Path bin, String command, boolean said) throws Exception {
    {
      Path fake = Files.writeString(bin.resolve("java"), "#!/bin/sh\ncase \"$*\" in *ArchiveClassesAtExit*) exit 1 ;;"
          + " esac\n" + (said ? "echo - > \"$NN_RUN_DIRECTORY_FILE\"\necho 'nn: what Java says' >&2\n" : "")
          + "exit 143\n");
      assertTrue(fake.toFile().setExecutable(true));
      ProcessBuilder b = new ProcessBuilder(ROOT.resolve("nn").toString(), command, "xor.yaml")
          .directory(tmp.toFile()).redirectErrorStream(true);
      b.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
      Process p = b.start();
      String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(143, p.exitValue(), printed);
      assertEquals(said ? "nn: what Java says\n" : "nn: stopped as nn was starting, before "
          + (command.equals("train") ? "training began" : "it wrote anything") + "; nothing was written\n", printed,
          command);
    }
  }

  /**
   * The launcher run with {@code args} in the test's folder, with the stand-in for Java in {@code bin} (a script that
   * ends in {@code sleep}) killed as kill -9 kills once it runs: what the launcher printed, after its exit code 137.
   */
  private String killedStandIn(Path bin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("nn").toString()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
    b.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    Path log = tmp.resolve("printed.txt");
    b.redirectOutput(log.toFile());
    Process p = b.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Optional<ProcessHandle> java = Optional.empty();
    while (java.isEmpty() && System.nanoTime() < deadline) {
      java = p.descendants().filter(d -> d.info().command().map(c -> c.endsWith("sleep")).orElse(false)).findFirst();
      Thread.sleep(20);
    }
    assertTrue(java.isPresent() && java.get().destroyForcibly(), "the stand-in for Java ran");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue());
    return Files.readString(log);
  }

  /** A launcher training XOR for far longer than a test waits, once its run has started; its output in a file. */
  private record Training(Process process, Path run, Path log) {}

  private Training startLongTraining(Path output, String... sets) throws Exception {
    Path log = tmp.resolve("printed.txt");
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("nn").toString(), "train",
        ROOT.resolve("examples/xor.yaml").toString(), "--output", output.toString(), "--set", "training.epochs=100000000"));
    for (String set : sets) {
      command.add("--set");
      command.add(set);
    }
    Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Optional<Path> run = Files.isDirectory(output) ? firstEntry(output) : Optional.empty();
      if (run.isPresent() && Files.readString(log).contains("epoch 2/")) {
        return new Training(p, run.get(), log);
      }
      assertTrue(p.isAlive(), () -> "nn train ended early: " + read(log));
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("training did not start in 120 s: " + read(log));
  }

  private static Optional<Path> firstEntry(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findFirst();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static boolean isJava(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
  }

  /**
   * The launcher's choice of locale for the JVM, run on its own (the function is cut from the script, so that
   * nothing is built): in the C and POSIX locales it picks a UTF-8 locale this system lists, in which the JVM
   * encodes file names as UTF-8; a UTF-8 locale is kept as it is.
   */
  @Test
  void aLocaleThatIsNotUtf8IsReplacedForTheJvmByAUtf8One() throws Exception {
    String script = Files.readString(ROOT.resolve("nn"));
    int from = script.indexOf("utf8_locale() {");
    int to = script.indexOf("\n}\n", from) + 3;
    assertTrue(from >= 0 && to > from, "the nn script defines utf8_locale");
    String function = script.substring(from, to);
    String listed = bash(Map.of(), "locale -a 2>/dev/null || true");
    assumeTrue(listed.lines().anyMatch(l -> l.matches("(?i).*\\.utf-?8")), "this system lists no UTF-8 locale");

    for (String notUtf8 : List.of("C", "POSIX")) {
      String chosen = bash(Map.of("LC_ALL", notUtf8), function + "utf8_locale; printf %s \"$LC_ALL\"");
      assertTrue(chosen.matches("(?i).*\\.utf-?8") && listed.lines().anyMatch(chosen::equals), notUtf8 + " -> " + chosen);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String settings = bash(Map.of("LC_ALL", notUtf8), function + "utf8_locale; '" + java
          + "' -XshowSettings:properties -version 2>&1");
      assertTrue(settings.contains("sun.jnu.encoding = UTF-8"), settings);
    }
    String kept = bash(Map.of("LC_ALL", "C.UTF-8"), function + "utf8_locale; printf %s \"$LC_ALL\"");
    assertEquals("C.UTF-8", kept);
  }

  /** What {@code bash -c script} prints, with {@code env} added to this environment (LANG and LC_CTYPE unset). */
  private static String bash(Map<String, String> env, String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    builder.environment().remove("LANG");
    builder.environment().remove("LC_CTYPE");
    builder.environment().remove("LC_ALL");
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), script);
    return output;
  }
}
