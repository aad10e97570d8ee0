package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every command that writes a file ({@code predict --output}, {@code export --output} in both
 * formats, {@code lr-find --csv}, {@code compare --output}): the output is a new file or an existing regular file.
 * A named pipe, a link to a directory or a link to nothing is refused before any work, with exit 2 and one
 * message, and left as it was; so is any file the command reads (the model, the experiment, its data files); a
 * link to a regular file is written through, the link kept.
 */
class OutputTargetTests {
  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static Path model;
  private static Path runA;
  private static Path runB;

  @BeforeAll
  static void trainTwoRuns() {
    Nn nn = Nn.create();
    runA = nn.train(nn.load(Path.of(Cli.XOR), List.of("training.epochs=2")),
        TrainingRun.Options.into(shared.resolve("a"))).directory().path();
    runB = nn.train(nn.load(Path.of(Cli.XOR), List.of("training.epochs=3")),
        TrainingRun.Options.into(shared.resolve("b"))).directory().path();
    model = runA.resolve("model.nnm");
  }

  /** A named pipe in the test's folder (made with mkfifo; nothing ever opens it). */
  private Path fifo(String name) throws Exception {
    Path fifo = tmp.resolve(name);
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
    return fifo;
  }

  /** Each command that writes a file, writing to {@code output}, with what it reads in {@link #tmp}. */
  private List<String[]> commands(Path output) throws IOException {
    Path rows = Files.writeString(tmp.resolve("rows.csv"), "x1,x2\n0,1\n1,1\n");
    Path experiment = csvExperiment();
    String out = output.toString();
    return List.of(
        new String[] {"predict", model.toString(), "--input", rows.toString(), "--output", out},
        new String[] {"export", model.toString(), "--format", "onnx", "--output", out},
        new String[] {"export", model.toString(), "--format", "npz", "--output", out},
        new String[] {"lr-find", experiment.toString(), "--updates", "5", "--csv", out},
        new String[] {"compare", runA.toString(), runB.toString(), "--output", out});
  }

  /** A small regression experiment on data/train.csv, beside it, with a validation file of its own. */
  private Path csvExperiment() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    StringBuilder rows = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 20; i++) {
      rows.append(i % 5).append(',').append(i % 3).append(',').append(i % 7).append('\n');
    }
    Files.writeString(data.resolve("train.csv"), rows);
    Files.writeString(data.resolve("valid.csv"), rows);
    return Files.writeString(tmp.resolve("exp.yaml"), "name: exp\n"
        + "data:\n"
        + "  train: {source: csv, path: data/train.csv, target: y}\n"
        + "  validation: {source: csv, path: data/valid.csv, target: y}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: squared\n"
        + "training: {epochs: 1, batch-size: 4}\n");
  }

  /** Every path under the test's folder with its kind and, for a regular file, its content. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(tmp)) {
      for (Path p : s.collect(Collectors.toList())) {
        String kind = Files.isSymbolicLink(p) ? "link to " + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
            : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "file " + Files.readString(p).hashCode() : "other";
        files.put(tmp.relativize(p).toString(), kind);
      }
    }
    return files;
  }

  private void refusedUnchanged(Path output, String expected) throws Exception {
    for (String[] args : commands(output)) {
      Map<String, String> before = snapshot();
      Cli.Outcome o = Cli.run(args);
      String what = String.join(" ", args) + "\n" + o.describe();
      assertEquals(2, o.code(), what);
      assertEquals(expected.replace("OPTION", args[0].equals("lr-find") ? "--csv" : "--output") + "\n", o.err(),
          what);
      assertEquals("", o.out(), "refused before any work: " + what);
      assertEquals(before, snapshot(), "nothing written or replaced: " + what);
    }
  }

  /**
   * A name longer than a file system takes (255 bytes; 300 here, and 256 of two-byte letters) is refused by every
   * command before it works: it was refused only when the finished output was renamed into place.
   */
  @Test
  void aFileNameLongerThanAFileSystemTakesIsRefusedBeforeAnyWork() throws Exception {
    String ascii = "n".repeat(296) + ".csv";
    refusedUnchanged(tmp.resolve(ascii), "nn: OPTION: the file name " + ascii.substring(0, 40) + "… is 300 bytes long"
        + " in UTF-8; file systems take names of at most 255 bytes. Choose a shorter name");
    String wide = "é".repeat(128);
    refusedUnchanged(tmp.resolve(wide), "nn: OPTION: the file name " + wide.substring(0, 40) + "… is 256 bytes long"
        + " in UTF-8; file systems take names of at most 255 bytes. Choose a shorter name");
  }

  @Test
  void aNamedPipeIsRefusedByEveryCommandAndStaysAPipe() throws Exception {
    Path fifo = fifo("pipe");
    refusedUnchanged(fifo, "nn: " + fifo + ": not a regular file; OPTION needs a file path (a new file, or an"
        + " existing file to replace)");
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "still a pipe");
  }

  @Test
  void aLinkToAPipeIsRefusedAndTheLinkAndPipeStay() throws Exception {
    Path fifo = fifo("pipe");
    Path link = Files.createSymbolicLink(tmp.resolve("out.csv"), fifo);
    refusedUnchanged(link, "nn: " + link + ": not a regular file; OPTION needs a file path (a new file, or an"
        + " existing file to replace)");
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void aLinkToADirectoryIsRefusedAsADirectory() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("folder"));
    Path link = Files.createSymbolicLink(tmp.resolve("out.csv"), dir);
    refusedUnchanged(link, "nn: OPTION " + link + ": is a directory; expected a file name");
  }

  @Test
  void aLinkToNothingIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("out.csv"), tmp.resolve("nowhere.csv"));
    refusedUnchanged(link, "nn: " + link + ": a symbolic link to a file that does not exist; OPTION needs a file"
        + " path (a new file, or an existing file to replace)");
  }

  /**
   * A write-protected file is refused by every command before any work and left as it was: the atomic write's rename
   * would replace it, where the shell's {@code >} says "Permission denied". (Root may write any file: there the test
   * has nothing to show.)
   */
  @Test
  void aWriteProtectedFileIsRefusedByEveryCommand() throws Exception {
    Path output = Files.writeString(tmp.resolve("mine.out"), "kept\n");
    Files.setPosixFilePermissions(output, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(output), "this user writes any file");
    refusedUnchanged(output, "nn: OPTION " + output + ": the file is write-protected (permission denied); make it"
        + " writable (chmod u+w) or choose another file");
  }

  /**
   * The same for a user who may not write the file, where the tests run as root (who may write any file): an export
   * run as {@code nobody} (with {@code setpriv}) into a folder everyone may write to, onto a file {@code nobody}
   * owns and protected, is refused and leaves the file as it was; a file it may write is replaced.
   */
  @Test
  void aWriteProtectedFileIsRefusedForAUserWhoMayNotWriteIt() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(isRoot() && new java.io.File("/usr/bin/setpriv").canExecute(),
        "runs as root, with setpriv to act as another user");
    Path folder = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path readable = Files.copy(model, folder.resolve("m.nnm"));
    Path output = folder.resolve("mine.onnx");
    Process made = asNobody("sh", "-c", "echo kept > " + output + " && chmod 444 " + output);
    assertEquals(0, made.waitFor(), new String(made.getInputStream().readAllBytes()));
    ProcessBuilder b = ChildJvm.command(List.of(), Main.class, "export", readable.toString(), "--format", "onnx",
        "--output", output.toString());
    // the other user reads the classes from copies (a Maven repository or a checkout under /root is closed to it)
    Path jars = Files.createDirectory(tmp.resolve("jars"));
    List<String> classPath = new java.util.ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path from = Path.of(entry);
      Path to = jars.resolve(classPath.size() + "-" + from.getFileName());
      if (Files.isDirectory(from)) {
        try (Stream<Path> tree = Files.walk(from)) {
          for (Path f : tree.toList()) {
            Files.copy(f, to.resolve(from.relativize(f).toString()));
          }
        }
      } else if (Files.isRegularFile(from)) {
        Files.copy(from, to);
      }
      classPath.add(to.toString());
    }
    int cp = b.command().indexOf("-cp");
    b.command().set(cp + 1, String.join(java.io.File.pathSeparator, classPath));
    b.command().addAll(0, List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    Process p = b.redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), printed);
    assertEquals(2, p.exitValue(), printed);
    assertEquals("nn: --output " + output + ": the file is write-protected (permission denied); make it writable"
        + " (chmod u+w) or choose another file\n", printed);
    assertEquals("kept\n", Files.readString(output));
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of("m.nnm", "mine.onnx"), left.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file left");
    }
  }

  /**
   * An existing file on a file system mounted read-only is refused by every command saying so: it was called
   * write-protected, with advice to chmod it, which fails there too. Where the tests run as root and may mount, on a
   * tmpfs remounted read-only; the message for other users, whom root's mount is closed to, is checked directly.
   */
  @Test
  void aFileOnAReadOnlyFileSystemIsRefusedSayingSo() throws Exception {
    assertEquals("nn: --output /mnt/ro/p.csv: the file system is read-only (read-only file system); choose a file on"
        + " another file system", OutputFile.notWritable("--output", Path.of("/mnt/ro/p.csv"), true, false));
    assertEquals("nn: --csv /home/p.csv: the file is write-protected (permission denied); make it writable"
        + " (chmod u+w) or choose another file", OutputFile.notWritable("--csv", Path.of("/home/p.csv"), false, true));
    org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "runs as root, who may mount a file system");
    Path mount = Files.createDirectory(tmp.resolve("ro"));
    org.junit.jupiter.api.Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
        mount.toString()), "this root may mount a tmpfs");
    try {
      Path output = Files.writeString(Files.createDirectory(mount.resolve("out")).resolve("p.csv"), "kept\n");
      assertTrue(run("mount", "-o", "remount,ro", mount.toString()));
      assertFalse(Files.isWritable(output));
      refusedUnchanged(output, "nn: OPTION " + output + ": the file system is read-only (read-only file system);"
          + " choose a file on another file system");
      java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.io.UncheckedIOException.class, () -> dev.nn.core.io.AtomicFiles.writeString(output, "replaced\n"));
      assertEquals("cannot write " + output + ": read-only file system", e.getMessage());
      assertEquals("kept\n", Files.readString(output));
    } finally {
      assertTrue(run("umount", mount.toString()));
    }
  }

  /** Runs a command, its output dropped; whether it exited 0. */
  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static boolean isRoot() throws Exception {
    Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    return new String(id.getInputStream().readAllBytes()).strip().equals("0") && id.waitFor() == 0;
  }

  private static Process asNobody(String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
        "--clear-groups"));
    all.addAll(List.of(command));
    return new ProcessBuilder(all).redirectErrorStream(true).start();
  }

  @Test
  void aLinkToARegularFileIsWrittenThroughAndStaysALink() throws Exception {
    List<String[]> commands = commands(tmp.resolve("placeholder"));
    for (int i = 0; i < commands.size(); i++) {
      String[] args = commands.get(i);
      Path target = Files.writeString(tmp.resolve("target-" + i), "old\n");
      Path link = tmp.resolve("link-" + i);
      Files.createSymbolicLink(link, target.getFileName());
      args[args.length - 1] = link.toString();
      Cli.Outcome o = Cli.run(args);
      String what = String.join(" ", args) + "\n" + o.describe();
      assertEquals(0, o.code(), what);
      assertTrue(Files.isSymbolicLink(link), "the link stays a link: " + what);
      assertFalse(Files.readString(target, java.nio.charset.StandardCharsets.ISO_8859_1).equals("old\n"),
          "the file it points to was replaced: " + what);
      try (Stream<Path> s = Files.list(tmp)) {
        assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), what);
      }
    }
  }

  @Test
  void exportRefusesToOverwriteTheModelItReads() throws Exception {
    Path copy = Files.copy(model, tmp.resolve("p2.nnm"));
    byte[] before = Files.readAllBytes(copy);
    for (String format : List.of("npz", "onnx")) {
      Cli.Outcome o = Cli.run("export", copy.toString(), "--format", format, "--output", copy.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: --output " + copy + " is the same file as MODEL " + copy + "; writing it would replace what"
          + " is read from it. Choose another file.\n", o.err());
      assertArrayEquals(before, Files.readAllBytes(copy), "the model is untouched");
    }
  }

  @Test
  void lrFindRefusesToOverwriteTheExperimentOrAnyOfItsDataFiles() throws Exception {
    Path experiment = csvExperiment();
    List<Path> read = new ArrayList<>(List.of(experiment, tmp.resolve("data/train.csv"),
        tmp.resolve("data/valid.csv")));
    // spelt another way: through a link and a roundabout path
    read.add(Files.createSymbolicLink(tmp.resolve("train-link.csv"), tmp.resolve("data/train.csv")));
    read.add(tmp.resolve("data/../data/valid.csv"));
    for (Path csv : read) {
      Map<String, String> before = snapshot();
      Cli.Outcome o = Cli.run("lr-find", experiment.toString(), "--updates", "5", "--csv", csv.toString());
      assertEquals(2, o.code(), o.describe());
      String expected = csv.equals(experiment)
          ? "nn: --csv " + csv + " is the same file as the experiment " + experiment
          : "nn: --csv " + csv + " is the same file as a data file of " + experiment + ", ";
      assertTrue(o.err().startsWith(expected), o.err());
      assertTrue(o.err().endsWith("; writing it would replace what is read from it. Choose another file.\n"),
          o.err());
      assertFalse(o.out().contains("suggested"), "refused before the test ran: " + o.out());
      assertEquals(before, snapshot(), "nothing written");
    }
  }

  @Test
  void anIdxExperimentsImageAndLabelFilesAreAmongItsDataFiles() {
    Path digits = Cli.EXAMPLES.resolve("mnist.yaml");
    assertTrue(Files.exists(digits), "the MNIST example names IDX files");
    Nn nn = Nn.create();
    List<Path> files = nn.load(digits, List.of()).dataFiles();
    // two shards of images and of labels for training, one pair for the test
    assertEquals(6, files.size(), files.toString());
    assertTrue(files.stream().allMatch(p -> p.isAbsolute() && p.toString().contains("-idx")), files.toString());
  }
}
