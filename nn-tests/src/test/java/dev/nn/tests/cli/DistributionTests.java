package dev.nn.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution, {@code nn-<version>.zip} from {@code mvn package}, unpacked into an empty folder and run as a
 * user with only a Java runtime runs it: nothing from the source tree, no Maven.
 */
class DistributionTests {
  private static final Path TARGET = Path.of("..", "nn-cli", "target").toAbsolutePath().normalize();

  @TempDir
  static Path unpacked;

  private static Path home;

  @BeforeAll
  static void unpack() throws IOException {
    Path zip;
    try (Stream<Path> files = Files.list(TARGET)) {
      zip = files.filter(f -> f.getFileName().toString().matches("nn-.*\\.zip")).findFirst().orElse(null);
    } catch (IOException e) {
      zip = null;
    }
    assumeTrue(zip != null, "nn-cli/target has no distribution zip: it is built by `mvn package` (or verify)");
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        Path to = unpacked.resolve(e.getName()).normalize();
        assertTrue(to.startsWith(unpacked), "entry outside the folder: " + e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, to);
          }
        }
      }
    }
    try (Stream<Path> top = Files.list(unpacked)) {
      List<Path> dirs = top.collect(Collectors.toList());
      assertEquals(1, dirs.size(), "one top folder: " + dirs);
      home = dirs.get(0);
    }
    // unzip keeps the mode the archive records (0755); java.util.zip does not, so set it as unzip would
    assertTrue(home.resolve("bin/nn").toFile().setExecutable(true));
  }

  private record Run(int code, String out, String err) {}

  private static Run nn(Path dir, String... args) throws IOException, InterruptedException {
    return nn(java.util.Map.of(), dir, args);
  }

  private static Run nn(java.util.Map<String, String> env, Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/nn").toString());
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    // only a Java runtime: the JVM running these tests, and no Maven on the PATH
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    b.environment().put("PATH", javaBin + ":/usr/bin:/bin");
    b.environment().remove("JAVA_HOME");
    b.environment().putAll(env);
    Path out = Files.createTempFile(unpacked, "out", ".txt");
    Path err = Files.createTempFile(unpacked, "err", ".txt");
    b.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = b.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/nn " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** A Java older than 17 is one line naming it, exit 2, as from the source tree's launcher. */
  @Test
  void aJavaOlderThan17IsOneLine() throws Exception {
    Path old = Files.createTempDirectory(unpacked, "jdk11");
    Files.createDirectories(old.resolve("bin"));
    Path oldJava = Files.writeString(old.resolve("bin/java"), "#!/bin/sh\necho this java ran\nexit 1\n");
    assertTrue(oldJava.toFile().setExecutable(true));
    Files.writeString(old.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
    Run r = nn(java.util.Map.of("JAVA_HOME", old.toString()), unpacked, "--version");
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals("nn: needs Java 17 or later, and " + oldJava.toRealPath() + " is Java 11: set JAVA_HOME to a Java 17 or"
        + " later, or put one first on the PATH\n", r.err());
  }

  @Test
  void theZipHoldsTheLauncherTheJarsAndTheExamplesItsReadmeNames() {
    assertTrue(Files.isRegularFile(home.resolve("bin/nn")));
    assertTrue(Files.isRegularFile(home.resolve("bin/nn.bat")));
    String version = home.getFileName().toString().substring("nn-".length());
    assertTrue(Files.isRegularFile(home.resolve("lib/nn-cli-" + version + ".jar")), "lib/nn-cli-" + version + ".jar");
    assertTrue(Files.isRegularFile(home.resolve("examples/xor.yaml")));
    assertTrue(Files.isRegularFile(home.resolve("examples/data/diabetes.csv")));
    assertFalse(Files.exists(home.resolve("pom.xml")), "nothing to build");
  }

  /**
   * The zip's README is its own: every file it links or names in a command is in the zip (the source tree's README,
   * shipped before, began with ./nn train examples/mnist.yaml and mvn -B verify, neither of which is there).
   */
  @Test
  void theReadmeNamesOnlyWhatTheZipHolds() throws IOException {
    String readme = Files.readString(home.resolve("README.md"));
    java.util.regex.Matcher links = java.util.regex.Pattern.compile("\\]\\(([^)#]+)").matcher(readme);
    int seen = 0;
    while (links.find()) {
      assertTrue(Files.exists(home.resolve(links.group(1))), "README links " + links.group(1));
      seen++;
    }
    java.util.regex.Matcher commands = java.util.regex.Pattern.compile("(?m)^bin/nn train (examples/\\S+)")
        .matcher(readme);
    while (commands.find()) {
      assertTrue(Files.exists(home.resolve(commands.group(1))), "README runs " + commands.group(1));
      seen++;
    }
    assertTrue(seen >= 5, "the README's links and commands were read: " + seen);
    assertFalse(readme.contains("./nn train examples/mnist.yaml"), "the source tree's README");
  }

  @Test
  void trainsAnExampleEndToEndWithOnlyAJavaRuntime(@TempDir Path work) throws Exception {
    Run r = nn(work, "train", home.resolve("examples/xor.yaml").toString(), "--output", work.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("run directory"), r.out());
    try (Stream<Path> runs = Files.list(work)) {
      Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
      assertTrue(Files.size(run.resolve("model.nnm")) > 0);
    }
    assertFalse(r.err().contains("WARNING: Using incubator modules"), "the JVM's notice is dropped: " + r.err());
  }

  @Test
  void aMissingFileIsOneMessageAndExitCodeTwo(@TempDir Path work) throws Exception {
    Run r = nn(work, "train", "missing.yaml");
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("nn: missing.yaml: no such file"), r.err());
  }

  /**
   * SIGTERM to bin/nn (kill PID, a scheduler, a closed terminal's SIGHUP) stops Java too, whose run says it was
   * interrupted: the launcher ran Java in a pipeline and exited 143 while the run went on to finish.
   */
  @Test
  void sigtermToTheLauncherStopsTheRun(@TempDir Path work) throws Exception {
    List<String> command = List.of(home.resolve("bin/nn").toString(), "train", home.resolve("examples/xor.yaml")
        .toString(), "--output", work.toString(), "--plain", "--set", "training.epochs=100000");
    ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    b.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    b.environment().remove("JAVA_HOME");
    Process p = b.start();
    try {
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      Path run = null;
      while (run == null && p.isAlive() && System.nanoTime() < giveUp) {
        try (Stream<Path> runs = Files.list(work)) {
          run = runs.filter(d -> Files.isDirectory(d.resolve("checkpoints"))
              && !d.getFileName().toString().startsWith(".")).findFirst().orElse(null);
        }
        Thread.sleep(50);
      }
      assertTrue(run != null, "the run directory appears");
      List<ProcessHandle> java = p.descendants().toList();
      assertFalse(java.isEmpty(), "Java runs under the launcher");
      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(143, p.exitValue());
      for (ProcessHandle h : java) {
        h.onExit().get(60, TimeUnit.SECONDS);
      }
      assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: interrupted"),
          Files.readString(run.resolve("status.yaml")));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * With stderr closed (as some job runners start programs) the exit code is still nn's: bash had opened the
   * launcher's own file on the closed descriptor, which the check for a closed stream took for an open one, and the
   * filter's failed write made it 1.
   */
  @Test
  void aClosedStderrKeepsNnsExitCode(@TempDir Path work) throws Exception {
    Process p = new ProcessBuilder("/bin/bash", "-c", "\"$0\" train missing.yaml 2>&-", home.resolve("bin/nn")
        .toString()).directory(work.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), text);
    assertEquals(2, p.exitValue(), text);
  }
}
