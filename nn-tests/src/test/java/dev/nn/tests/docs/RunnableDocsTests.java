package dev.nn.tests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the runnable blocks of README.md and docs/*.md (see {@link RunnableBlocks} for the marker)
 * runs through the command line in this JVM and ends with the exit code the docs give, printing on stdout
 * every line they show after it, but for what differs from run to run and what they leave out with "…" (see
 * {@link Output}). The commands run in a copy of the examples folder, whose data folder is linked, not copied:
 * arguments {@code examples/…} name the copy, so the runs land in a temporary directory, and the copy's path is
 * taken out of the output before comparing.
 */
class RunnableDocsTests {
  /** The project's root, from nn-tests, where the tests run. */
  private static final Path ROOT = Path.of("..");

  @TempDir
  static Path workspace;

  private static Path examples;

  @BeforeAll
  static void copyTheExamples() throws IOException {
    examples = Files.createDirectories(workspace.resolve("examples"));
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      for (Path yaml : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
        Files.copy(yaml, examples.resolve(yaml.getFileName()));
      }
    }
    Files.createSymbolicLink(examples.resolve("data"), ROOT.resolve("examples").resolve("data").toAbsolutePath()
        .normalize());
  }

  @AfterAll
  static void unlinkTheData() throws IOException {
    // the temporary directory's clean-up must not follow the link into the real data
    Files.deleteIfExists(examples.resolve("data"));
  }

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      docs.addAll(files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList());
    }
    return docs;
  }

  @TestFactory
  List<DynamicTest> everyRunnableCommandOfTheDocsExitsAsDocumented() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : documents()) {
      for (RunnableBlocks.Command command : RunnableBlocks.read(doc)) {
        tests.add(DynamicTest.dynamicTest(command.where() + " nn " + String.join(" ", command.arguments()),
            () -> run(command)));
      }
    }
    return tests;
  }

  /** The docs' quick blocks are marked: the README's and cli.md's, at least. */
  @Test
  void theReadmeAndTheCliPageHaveRunnableBlocks() throws IOException {
    assertTrue(RunnableBlocks.read(ROOT.resolve("README.md")).size() >= 3);
    assertTrue(RunnableBlocks.read(ROOT.resolve("docs").resolve("cli.md")).size() >= 5);
  }

  private static void run(RunnableBlocks.Command command) {
    List<String> args = new ArrayList<>();
    for (String a : command.arguments()) {
      args.add(a.startsWith("examples/") ? workspace.resolve(a).toString() : a);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args.toArray(new String[0]), o, e, Map.of());
    }
    String prefix = workspace.toString() + "/";
    String printed = out.toString(StandardCharsets.UTF_8).replace(prefix, "");
    String describe = command.where() + ": exit " + code + "\n--- stdout\n" + printed + "--- stderr\n"
        + err.toString(StandardCharsets.UTF_8).replace(prefix, "");
    assertEquals(command.exitCode(), code, describe);
    if (command.output().isEmpty()) {
      return;
    }
    if (command.output().stream().noneMatch(l -> l.contains(Output.ELLIPSIS))) {
      // line by line, so that a failure shows the lines that differ
      assertEquals(String.join("\n", Output.lines(String.join("\n", command.output()))),
          String.join("\n", Output.lines(printed)), describe);
    } else {
      assertTrue(Output.matches(command.output(), printed),
          describe + "--- the docs show\n" + String.join("\n", command.output()) + "\n");
    }
  }

  @Test
  void commandsAreSplitAsAShellSplitsThem() {
    assertEquals(new CommandWords.Split(List.of("./nn", "train", "a b.yaml", "--set", "name=it's", "x\\y"), "exit 2"),
        CommandWords.split("./nn train 'a b.yaml' --set \"name=it's\" \"x\\\\y\"   # exit 2"));
    assertEquals(new CommandWords.Split(List.of("nn", "plugins", "a#b"), ""), CommandWords.split("nn plugins a#b"));
    assertThrows(IllegalArgumentException.class, () -> CommandWords.split("./nn train x.yaml > log.txt"));
    assertThrows(IllegalArgumentException.class, () -> CommandWords.split("./nn train 'x.yaml"));
  }

  @Test
  void aBlockGivesItsCommandsTheirExitCodesAndOutputs(@TempDir Path dir) throws IOException {
    Path md = Files.writeString(dir.resolve("page.md"), String.join("\n",
        "text", RunnableBlocks.MARKER, "```", "$ ./nn validate examples/xor.yaml", "examples/xor.yaml is valid",
        "  name xor", "", "  seed 7", "", "$ ./nn validate bad.yaml   # exit 2", "```", "", "```", "./nn not marked",
        "```", RunnableBlocks.MARKER, "```", "./nn train examples/xor.yaml \\", "    --set training.epochs=1  # quick",
        "nn plugins", "```", ""));
    List<RunnableBlocks.Command> commands = RunnableBlocks.read(md);
    assertEquals(List.of(
        new RunnableBlocks.Command("page.md:4", List.of("validate", "examples/xor.yaml"), 0,
            List.of("examples/xor.yaml is valid", "  name xor", "", "  seed 7")),
        new RunnableBlocks.Command("page.md:10", List.of("validate", "bad.yaml"), 2, List.of()),
        new RunnableBlocks.Command("page.md:18", List.of("train", "examples/xor.yaml", "--set", "training.epochs=1"), 0,
            List.of()),
        new RunnableBlocks.Command("page.md:20", List.of("plugins"), 0, List.of())), commands);
  }

  @Test
  void outputIsComparedLineByLineButForTimesAndWhatIsLeftOut() {
    String printed = String.join("\n", "training xor", "epoch 1/2  loss 0.5  1.2s", "epoch 2/2  loss 0.4  12s",
        "run directory  examples/runs/xor-20261204-125856", "KIND  NAME  CLASS    ORIGIN", "a", "b", "");
    assertTrue(Output.matches(List.of("training xor", "epoch 1/2  loss 0.5  0.0s", "epoch 2/2  loss 0.4  0.3s",
        "run directory  examples/runs/xor-20260101-120000", "KIND  NAME  CLASS …", "…", ""), printed));
    assertTrue(Output.matches(List.of("training xor", "…", "a", "b"), printed));
    assertTrue(Output.matches(List.of("…", "run directory  examples/runs/xor-… ", "…"), printed));
    // a stale line fails, wherever it is
    assertFalse(Output.matches(List.of("training xor", "epoch 1/2  loss 0.6  0.0s", "…"), printed));
    assertFalse(Output.matches(List.of("training xor", "…", "a"), printed));
    assertFalse(Output.matches(List.of("training xor"), printed));
    assertFalse(Output.matches(List.of("…", "KIND  NAME  VERSION …", "…"), printed));
    assertTrue(Output.lineMatches("run … xor …", "run a xor b"));
    assertFalse(Output.lineMatches("run … xor …", "run a yor b"));
  }
}
