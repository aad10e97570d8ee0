package dev.nn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the command line in this JVM and keeps what it printed. */
final class Cli {
  /** The examples, from nn-cli, where the tests run. */
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String XOR = EXAMPLES.resolve("xor.yaml").toString();
  static final String DIABETES = EXAMPLES.resolve("diabetes.yaml").toString();

  private Cli() {}

  /** What one command did. */
  record Outcome(int code, String out, String err) {
    /** The lines of stdout that start with {@code prefix}. */
    List<String> outLines(String prefix) {
      return out.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    /** For assertion messages. */
    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Outcome run(String... args) {
    return run(Map.of(), false, args);
  }

  static Outcome run(Map<String, String> env, boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, env, terminal);
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The one run directory a fresh output directory holds. */
  static Path onlyRun(Path outputDir) throws Exception {
    try (Stream<Path> dirs = Files.list(outputDir)) {
      List<Path> all = dirs.filter(Files::isDirectory).collect(Collectors.toList());
      if (all.size() != 1) {
        throw new AssertionError("expected one run directory in " + outputDir + ", found " + all);
      }
      return all.get(0);
    }
  }
}
