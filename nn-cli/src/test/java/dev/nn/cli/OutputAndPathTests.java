package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the commands are told to write: {@code predict --output} never replaces its input or its model and
 * never creates missing folders; a write the system refuses is reported with the system's reason; a path the
 * file system cannot name is bad input naming the argument.
 */
class OutputAndPathTests {
  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static Path model;
  private static final String ROWS = "x1,x2\n0,1\n1,1\n";

  @BeforeAll
  static void trainXor() {
    TrainingRun.Result r = Nn.create().train(Nn.create().load(Path.of(Cli.XOR), List.of("training.epochs=2")),
        TrainingRun.Options.into(shared.resolve("runs")));
    model = r.directory().modelFile();
  }

  private Path rows() throws IOException {
    Path csv = tmp.resolve("rows.csv");
    Files.writeString(csv, ROWS);
    return csv;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.map(p -> tmp.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void predictRefusesAnOutputThatIsTheInputHoweverItIsSpelled() throws Exception {
    Path input = rows();
    Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), input);
    Path dotted = tmp.resolve(".").resolve("rows.csv");
    Path roundabout = tmp.resolve("..").resolve(tmp.getFileName()).resolve("rows.csv");
    for (Path output : List.of(input, dotted, roundabout, link)) {
      Cli.Outcome o = Cli.run("predict", model.toString(), "--input", input.toString(), "--output", output.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: --output " + output + " is the same file as --input " + input + "; writing it would replace"
          + " what is read from it. Choose another file.\n", o.err());
      assertEquals(ROWS, Files.readString(input), "the input is untouched");
    }
    assertEquals(List.of("", "link.csv", "rows.csv"), files());
  }

  @Test
  void predictRefusesToOverwriteItsModel() throws Exception {
    byte[] before = Files.readAllBytes(model);
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", rows().toString(), "--output", model.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: --output " + model + " is the same file as MODEL " + model), o.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)));
  }

  @Test
  void predictIntoAMissingFolderSaysSoAndCreatesNothing() throws Exception {
    Path output = tmp.resolve("no").resolve("such").resolve("p.csv");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", rows().toString(), "--output", output.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: --output " + output + ": the folder " + output.getParent() + " does not exist; create it"
        + " first, or write to an existing folder\n", o.err());
    assertEquals(List.of("", "rows.csv"), files());
  }

  @Test
  void predictIntoADirectorySaysSo() throws Exception {
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", rows().toString(), "--output", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: --output " + tmp + ": is a directory; expected a file name\n", o.err());
  }

  @Test
  void predictIntoAFolderWithoutWritePermissionNamesTheReason() throws Exception {
    Path input = rows();
    Path locked = readOnlyDirectory();
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", input.toString(),
        "--output", locked.resolve("p.csv").toString());
    assertEquals(2, o.code(), o.describe());
    // refused as the command starts, before the model is loaded: the folder takes no new file
    assertEquals("nn: --output " + locked.resolve("p.csv") + ": no file can be made in the folder " + locked
        + ": permission denied; choose another folder\n", o.err());
    assertEquals("", o.out());
  }

  @Test
  void trainIntoAFolderWithoutWritePermissionNamesTheReasonAndWritesNothing() throws Exception {
    Path locked = readOnlyDirectory();
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--output", locked.resolve("runs").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: cannot create a run directory in " + locked.resolve("runs")), o.err());
    // mkdir is refused with EACCES in a read-only directory, with EPERM in /sys
    // (a refusal in the folder given names that folder and says what to do, not nn's staging folder in it)
    assertTrue(o.err().matches("(?i)[^\n]*: (permission denied; give --output \\(or output.dir\\) a folder you can"
        + " write|operation not permitted)\n"), o.err());
    assertFalse(o.err().contains("/."), o.err());
    assertFalse(Files.exists(locked.resolve("runs")));
  }

  @Test
  void trainIntoAMissingFolderOrAFileSaysSoAndCreatesNothing() throws Exception {
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    Cli.Outcome throughFile = Cli.run("train", Cli.XOR, "--output", file.resolve("runs").toString());
    assertEquals(2, throughFile.code(), throughFile.describe());
    assertEquals("nn: --output " + file.resolve("runs") + ": the folder " + file + " is a file, not a directory;"
        + " choose a path in an existing folder\n", throughFile.err());

    Path missing = tmp.resolve("no").resolve("runs");
    Cli.Outcome intoMissing = Cli.run("train", Cli.XOR, "--output", missing.toString());
    assertEquals(2, intoMissing.code(), intoMissing.describe());
    assertEquals("nn: --output " + missing + ": the folder " + missing.getParent() + " does not exist; create it"
        + " first, or choose an existing folder\n", intoMissing.err());

    Cli.Outcome intoFile = Cli.run("train", Cli.XOR, "--output", file.toString());
    assertEquals(2, intoFile.code(), intoFile.describe());
    assertEquals("nn: --output " + file + ": is a file; expected a directory\n", intoFile.err());
    assertEquals(List.of("", "file.txt"), files());

    // typed as a --set, the folder is taken as --output takes it, by train and by validate: its parent must exist
    for (String command : List.of("train", "validate")) {
      Cli.Outcome typed = Cli.run(command, Cli.XOR, "--set", "output.dir=" + missing);
      assertEquals(2, typed.code(), typed.describe());
      assertTrue(typed.err().contains("output.dir: the folder " + missing.getParent() + " does not exist; create it"
          + " first, or choose an existing folder (from --set output.dir=" + missing + ")"), typed.err());
      assertTrue(typed.err().contains("Allowed: a folder whose parent exists: a --set output.dir, as --output, makes"
          + " only its last folder"), typed.err());
    }
    assertEquals(List.of("", "file.txt"), files());
    Cli.Outcome underFile = Cli.run("validate", Cli.XOR, "--set", "output.dir=" + file.resolve("runs"));
    assertEquals(2, underFile.code(), underFile.describe());
    assertTrue(underFile.err().contains("output.dir: the folder " + file + " is a file, not a directory; choose a path"
        + " in an existing folder"), underFile.err());
    Cli.Outcome lastFolder = Cli.run("train", Cli.XOR, "--set", "output.dir=" + tmp.resolve("made"), "--set",
        "training.epochs=1");
    assertEquals(0, lastFolder.code(), lastFolder.describe());
    assertTrue(Files.isDirectory(tmp.resolve("made")));
  }

  /**
   * A directory this process cannot write into: a read-only one of its own; where permissions do not bind
   * (root), the kernel's /sys, which refuses new files even to root in most containers; else the test is
   * skipped.
   */
  private Path readOnlyDirectory() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("ro"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    for (Path candidate : List.of(dir, Path.of("/sys"))) {
      try {
        Files.delete(Files.createFile(candidate.resolve("nn-probe")));
      } catch (AccessDeniedException refused) {
        return candidate;
      } catch (IOException other) {
        // not the refusal this test is about
      }
    }
    assumeTrue(false, "this process writes into read-only directories (it runs as root) and /sys");
    return dir;
  }

  /**
   * An --output that is a symbolic link to a folder that is gone, or one of a loop of links, is named as such
   * (it was "a file of that name already exists", where no file is), exit 2, nothing made.
   */
  @Test
  void anOutputThatIsADanglingLinkOrALoopOfLinksIsNamedAsSuch() throws Exception {
    Path gone = Files.createSymbolicLink(tmp.resolve("gone-link"), tmp.resolve("gone"));
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--output", gone.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: cannot create a run directory in " + gone + ": " + gone + ": a symbolic link to " + tmp.resolve(
        "gone") + ", which does not exist\n", o.err());
    Path a = tmp.resolve("loop-a");
    Files.createSymbolicLink(a, tmp.resolve("loop-b"));
    Files.createSymbolicLink(tmp.resolve("loop-b"), a);
    Cli.Outcome loop = Cli.run("train", Cli.XOR, "--output", a.toString());
    assertEquals(2, loop.code(), loop.describe());
    assertTrue(loop.err().endsWith(": a symbolic link to " + tmp.resolve("loop-b") + ", which leads to no file (a loop"
        + " of links, or a link to a link that is gone)\n"), loop.describe());
    assertFalse(Files.exists(tmp.resolve("gone")));
  }

  @Test
  void theSystemsReasonEndsTheMessageOfAWriteFailure() {
    assertEquals("cannot write out/p.csv: permission denied", Failures.describe(
        new UncheckedIOException("cannot write out/p.csv", new AccessDeniedException("out/.p.csv123.tmp"))));
    assertEquals("cannot create a run directory in /mnt/ro: /mnt/ro/xor-1: read-only file system",
        Failures.describe(new UncheckedIOException("cannot create a run directory in /mnt/ro: /mnt/ro/xor-1",
            new FileSystemException("/mnt/ro/xor-1", null, "Read-only file system"))));
    assertEquals("cannot write out/p.csv: no space left on device", Failures.describe(
        new UncheckedIOException("cannot write out/p.csv", new IOException("No space left on device"))));
    // a message that already says why is left as it is
    assertEquals("cannot write out/p.csv: Permission denied", Failures.describe(
        new UncheckedIOException("cannot write out/p.csv: Permission denied", new AccessDeniedException("x"))));
  }

  @Test
  void aModelOrDataFileTheSystemRefusesToReadNamesTheReasonAndAMissingOneIsNotToldTwice() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Failures.report(new dev.nn.core.model.ModelFormatException(Path.of("m.nnm"), "cannot read: m.nnm",
        new AccessDeniedException("m.nnm")), err, false);
    Failures.report(new dev.nn.core.data.DataException("rows.csv: file not found",
        new java.nio.file.NoSuchFileException("rows.csv")), err, false);
    assertEquals("nn: m.nnm: cannot read: m.nnm: permission denied\nnn: rows.csv: file not found\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPathWithANulCharacterIsBadInputNamingTheArgument() throws Exception {
    Cli.Outcome validate = Cli.run("validate", "exp\0.yaml");
    assertEquals(2, validate.code(), validate.describe());
    assertEquals("nn: cannot use \"exp\\0.yaml\" as a path: nul character not allowed (a path cannot hold a NUL"
        + " character)\n", validate.err());

    Cli.Outcome predict = Cli.run("predict", model.toString(), "--input", "rows\0.csv", "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(2, predict.code(), predict.describe());
    assertTrue(predict.err().startsWith("nn: invalid value for option '--input': cannot use \"rows\\0.csv\" as a"
        + " path: nul character not allowed"), predict.err());
    assertFalse(predict.err().contains("Exception"), predict.err());
    assertEquals(List.of(""), files());
  }

  /**
   * Bytes of an argument that are not UTF-8 reach nn as U+FFFD: a file of that name can be neither read nor written
   * (an output would land under the replaced name, over another file), so nothing is done.
   */
  @Test
  void anArgumentThatIsNotUtf8IsBadInputAndNothingIsWritten() throws Exception {
    Path output = tmp.resolve("caf\uFFFD.csv");
    Cli.Outcome predict = Cli.run("predict", model.toString(), "--input", Cli.XOR, "--output",
        output.toString());
    assertEquals(2, predict.code(), predict.describe());
    assertTrue(predict.err().startsWith("nn: the argument \"" + output + "\" holds bytes that are not "), predict.err());
    assertTrue(predict.err().contains(" text (shown as \uFFFD)"), predict.err());
    assertTrue(predict.err().endsWith("; nothing was done\n"), predict.err());
    assertFalse(Files.exists(output));
    // a --set or --sweep value is an experiment's text, not a file's name
    for (String[] args : List.of(new String[] {"--set", "name=b\uFFFDse"}, new String[] {"--set=name=b\uFFFDse"},
        new String[] {"--sweep", "name=a,b\uFFFDse"})) {
      List<String> all = new java.util.ArrayList<>(List.of("validate", Cli.XOR));
      all.addAll(List.of(args));
      Cli.Outcome o = Cli.run(all.toArray(String[]::new));
      assertEquals(2, o.code(), o.describe());
      String option = args[0].startsWith("--set") ? "--set" : "--sweep";
      assertEquals("nn: the " + option + " value \"" + (option.equals("--set") ? "name=b\uFFFDse" : "name=a,b\uFFFDse")
          + "\" holds bytes that are not UTF-8 text (shown as \uFFFD): an experiment's keys and values are UTF-8 text,"
          + " so write it in UTF-8; nothing was done\n", o.err());
    }
  }

  /** An output given as a folder (a trailing /) that does not exist is refused, where a file of its name was written. */
  @Test
  void anOutputGivenAsAFolderIsNotWrittenAsAFile() throws Exception {
    Path exports = tmp.resolve("exports");
    Cli.Outcome o = Cli.run("export", model.toString(), "--format", "onnx", "--output", exports + "/");
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: --output " + exports + "/: names a folder (it ends with /), which does not exist; expected a file"
        + " name\n", o.err());
    assertFalse(Files.exists(exports));
  }

  @Test
  void aUnicodePathInTheCLocaleIsBadInputThatNamesTheRemedy() throws Exception {
    // in the C locale Java 17 encodes file names as ASCII: the launcher avoids it, a bare JVM meets it
    Path experiment = Files.copy(Path.of(Cli.XOR), tmp.resolve("\u00fcbung.yaml"));
    Process p = inTheCLocale(tmp, "validate", experiment.toString());
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), text);
    assertEquals(2, p.exitValue(), text);
    // the JVM decodes the argument's bytes in the locale's encoding, which makes U+FFFD of them
    assertTrue(text.contains("holds bytes that are not ANSI_X3.4-1968 text (shown as \uFFFD), the encoding of file"
        + " names in this locale: run nn in a UTF-8 locale (e.g. LC_ALL=C.UTF-8); nothing was done"), text);
    assertFalse(text.contains("bug in nn"), text);
  }

  /**
   * Run from a folder named with letters the C locale's file names cannot hold, a bare JVM knows the folder by a
   * name that does not exist (caf??): one line, exit 2, where it failed in its first class as "a bug in nn".
   */
  @Test
  void aWorkingFolderTheLocaleCannotNameIsBadInputThatNamesTheRemedy() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("caf\u00e9"));
    Files.copy(Path.of(Cli.XOR), folder.resolve("xor.yaml"));
    Process p = inTheCLocale(folder, "validate", "xor.yaml");
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), text);
    assertEquals(2, p.exitValue(), text);
    assertEquals("nn: the current folder's name holds characters that are not ANSI_X3.4-1968 text, the encoding of"
        + " file names in this locale, so nn cannot name a file in it: run nn in a UTF-8 locale (e.g. LC_ALL=C.UTF-8),"
        + " or from another folder; nothing was done\n", text);
  }

  /** nn in a bare JVM in the C locale (as {@code java -cp … Main} runs it, without the launcher), in {@code dir}. */
  private static Process inTheCLocale(Path dir, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("LANG");
    pb.environment().remove("LC_CTYPE");
    pb.environment().put("LC_ALL", "C");
    return pb.start();
  }

  @Test
  void dataLargerThanTheHeapIsBadInputWithTheOptionThatRaisesTheLimit() throws Exception {
    // 100,000 rows of 41 numbers: 33 MB as doubles, read by a JVM with a 24 MB heap
    Path csv = tmp.resolve("wide.csv");
    StringBuilder rows = new StringBuilder();
    for (int c = 0; c < 40; c++) {
      rows.append('c').append(c).append(',');
    }
    rows.append("y\n");
    String row = "1.5,".repeat(40) + "2.5\n";
    rows.append(row.repeat(100_000));
    Files.writeString(csv, rows);
    Path yaml = Files.writeString(tmp.resolve("wide.yaml"), "name: wide\n"
        + "data:\n  train: {source: csv, path: wide.csv, target: y}\n"
        + "network:\n  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: squared\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "validate", yaml.toString()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), text);
    assertEquals(2, p.exitValue(), text);
    assertTrue(text.contains("nn: out of memory (Java heap space): the command needs more heap than this JVM may"
        + " use (maximum heap "), text);
    assertTrue(text.contains("Give nn more memory, e.g. NN_JAVA_OPTS=-Xmx"), text);
    assertFalse(text.contains("bug in nn") || text.contains("at dev.nn"), text);
  }

  @Test
  void runningOutOfMemoryIsBadInputWithTheOptionThatRaisesTheLimit() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int heapCode = Failures.report(new OutOfMemoryError("Java heap space"), err, false);
    int directCode = Failures.report(new IllegalStateException("wrapped",
        new OutOfMemoryError("Cannot reserve 1048576 bytes of direct buffer memory")), err, false);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(Main.BAD_INPUT, heapCode);
    assertEquals(Main.BAD_INPUT, directCode);
    assertTrue(text.startsWith("nn: out of memory (Java heap space): the command needs more heap than this JVM"
        + " may use (maximum heap "), text);
    assertTrue(text.matches("(?s).*Give nn more memory, e\\.g\\. NN_JAVA_OPTS=-Xmx\\d+g[^(\n]* \\(training also fits"
        + " in less with a smaller network, batch size or data set\\)\\.\n.*"), text);
    assertTrue(text.contains("more direct (off-heap) memory") && text.contains("-XX:MaxDirectMemorySize="), text);
    assertFalse(text.contains("bug"), text);
    assertFalse(text.contains("at dev.nn"), text);
  }
}
