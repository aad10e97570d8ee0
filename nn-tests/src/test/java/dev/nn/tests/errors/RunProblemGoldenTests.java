package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.cli.Main;
import dev.nn.spi.PluginProvider;
import dev.nn.tests.plugins.PluginExampleJar;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what {@code nn train errors/NAME.yaml} prints on stderr to {@code errors/NAME.txt}, for the problems
 * found only once a run is wired (data drawn, widths compared, plugins loaded), which the reader's golden
 * files in nn-core cannot show. Each file is trained from a temporary directory whose path is then cut from
 * the output, so the reports read as a user in that directory would see them. With
 * {@code -Dnn.golden.dump=DIR} the actual reports are also written to DIR; the comparison still decides.
 */
class RunProblemGoldenTests {
  /** The golden files, from nn-tests, where the tests run. */
  static final Path DIR = Path.of("src", "test", "resources", "errors");

  @TempDir
  Path tmp;

  /** The cases that need a plugin path: the jars, built in the case's directory. */
  private static final Map<String, PluginPath> PLUGIN_PATHS = Map.of(
      "duplicate-plugin", dir -> List.of(PluginExampleJar.build(dir),
          PluginExampleJar.buildRenamed(dir, "com.example.copied.nn")),
      "bundled-api", dir -> List.of(PluginExampleJar.withBundledApi(PluginExampleJar.build(dir),
          dir.resolve("acme-with-api.jar"))));

  /** Builds the jars of one case under its directory. */
  private interface PluginPath {
    List<Path> build(Path dir) throws IOException;
  }

  @TestFactory
  Stream<DynamicTest> everyBrokenRunGivesItsPinnedReport() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private void check(Path yaml) throws IOException {
    String base = yaml.getFileName().toString().replaceFirst("\\.yaml$", "");
    Path dir = tmp.resolve(base);
    Files.createDirectories(dir);
    Path copy = Files.copy(yaml, dir.resolve(yaml.getFileName()));
    List<String> args = new ArrayList<>(List.of("train", copy.toString(), "--output", dir.resolve("runs").toString()));
    if (PLUGIN_PATHS.containsKey(base)) {
      String path = PLUGIN_PATHS.get(base).build(dir).stream().map(Path::toString)
          .collect(Collectors.joining(File.pathSeparator));
      args.addAll(List.of("--plugin-path", path));
    }
    String actual = normalized(stderrOf(args), dir);
    if (System.getProperty("nn.golden.dump") != null) {
      Path out = Path.of(System.getProperty("nn.golden.dump"), base + ".txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual);
    }
    assertEquals(Files.readString(yaml.resolveSibling(base + ".txt"), StandardCharsets.UTF_8), actual);
    // refused before anything is begun: no run directory, not even its folder
    org.junit.jupiter.api.Assertions.assertFalse(Files.exists(dir.resolve("runs")), "a refused experiment wrote "
        + dir.resolve("runs"));
  }

  /** Runs the command line in this JVM; the exit status of a configuration problem is always 2. */
  private static String stderrOf(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args.toArray(new String[0]), o, e, Map.of());
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, stderr);
    return stderr;
  }

  /** Paths as seen from the case's directory, and nn-api's own location (which differs by build) as a word. */
  private static String normalized(String stderr, Path dir) {
    String api = PluginProvider.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    // nn-api is a class directory in a module's own test run and a jar once packaged; both read <nn-api>
    return stderr.replace(dir + File.separator, "").replace(api + "dev/nn/spi/PluginProvider.class", "<nn-api>")
        .replace(api, "<nn-api>");
  }
}
