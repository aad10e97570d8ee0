package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input files that are not what they should be, given to the commands that read them: named pipes and
 * devices, files over a limit, values that are no numbers, damaged gzip. Each ends in exit 2 with one short
 * message naming the file, never a hang, an out-of-memory error or a run directory.
 */
class InputFileCommandTests {
  private static final Path MNIST = Cli.EXAMPLES.resolve("data/mnist").toAbsolutePath();
  private static final Path TEST_IMAGES = MNIST.resolve("t10k-images-idx3-ubyte.gz");
  private static final Path TEST_LABELS = MNIST.resolve("t10k-labels-idx1-ubyte.gz");
  /** A message of one line about a file, however large the file: its path, the fault, what is allowed. */
  private static final int SHORT = 400;

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static Path xorModel;

  @BeforeAll
  static void trainAModel() {
    Nn nn = Nn.create();
    TrainingRun.Result xor = nn.train(nn.load(Path.of(Cli.XOR), List.of("training.epochs=2")),
        new TrainingRun.Options(shared.resolve("runs"), null, List.of(), List.of(), Nn.version()));
    xorModel = xor.directory().modelFile();
  }

  /**
   * A named pipe no one writes to; opening it would block beyond interruption, hence the tests' timeouts in
   * a thread of their own. Skipped where there is no {@code mkfifo}.
   */
  private static Path fifo(Path dir, String name) throws InterruptedException {
    Path fifo = dir.resolve(name);
    int exit;
    try {
      exit = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      exit = -1;
    }
    assumeTrue(exit == 0 && Files.exists(fifo), "mkfifo is not available");
    return fifo;
  }

  private static Path device(String name) {
    Path device = Path.of(name);
    assumeTrue(Files.exists(device) && !Files.isRegularFile(device), name + " is not a device here");
    return device;
  }

  /** Exit 2, exactly one line on stderr, no stack trace, and the line is short. */
  private static String oneShortLine(Cli.Outcome o) {
    assertEquals(2, o.code(), o.describe().substring(0, Math.min(o.describe().length(), 2000)));
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
    assertTrue(o.err().length() < SHORT, "a message of " + o.err().length() + " characters");
    return o.err();
  }

  /** {@code nn train} of {@code yaml} into {@code tmp/runs}, which must not be created. */
  private Cli.Outcome trainRefused(Path yaml, String... more) {
    Path runs = tmp.resolve("runs");
    String[] args = {"train", yaml.toString(), "--output", runs.toString()};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    Cli.Outcome o = Cli.run(all);
    assertFalse(Files.exists(runs), "no run directory");
    return o;
  }

  // --- experiment files

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeAsExperimentIsRefusedByTrainAndValidate() throws Exception {
    Path fifo = fifo(tmp, "experiment.yaml");
    String expected = "nn: " + fifo + ": is a named pipe (FIFO), not a regular file; expected an experiment YAML file\n";
    assertEquals(expected, oneShortLine(trainRefused(fifo)));
    assertEquals(expected, oneShortLine(Cli.run("validate", fifo.toString())));
  }

  /** A link that leads to no file — a loop of links, or a missing target — is named as such, not as no file. */
  @Test
  void aLoopOfSymbolicLinksAsExperimentIsNamedAsOne() throws Exception {
    Path one = tmp.resolve("loop1.yaml");
    Path two = tmp.resolve("loop2.yaml");
    Files.createSymbolicLink(one, two);
    Files.createSymbolicLink(two, one);
    assertEquals("nn: " + one + ": a symbolic link that leads to no file (its target is missing, or the links form a"
        + " loop); expected an experiment YAML file\n", oneShortLine(Cli.run("validate", one.toString())));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anEndlessDeviceAsExperimentIsRefusedBeforeItIsRead() {
    Path urandom = device("/dev/urandom");
    assertEquals("nn: /dev/urandom: is a character device, not a regular file; expected an experiment YAML file\n",
        oneShortLine(Cli.run("validate", urandom.toString())));
  }

  @Test
  void anExperimentJustOverTheSizeLimitIsRefusedWithAShortReport() throws IOException {
    Path big = tmp.resolve("big.yaml");
    byte[] bytes = new byte[4 * (1 << 20) + 4];
    Arrays.fill(bytes, (byte) 'x');
    Files.write(big, bytes);
    Cli.Outcome o = trainRefused(big);
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("[nn/TooLarge]") && o.err().contains("the document is longer than 1048576 characters"),
        o.err());
    assertTrue(o.err().length() < SHORT, o.err());
  }

  // --- CSV files

  private Path csvExperiment(Path csv) throws IOException {
    return Files.writeString(tmp.resolve("csv.yaml"), String.join("\n",
        "name: csv",
        "data:",
        "  train: {source: csv, path: '" + csv.toAbsolutePath() + "', target: last}",
        "network:",
        "  layers: [{units: auto}, {units: 1, activation: identity}]",
        "loss: squared",
        "training: {epochs: 1}", ""));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeOrADeviceAsCsvIsRefusedByTrainEvaluateAndPredict() throws Exception {
    Path fifo = fifo(tmp, "data.csv");
    String expected = "nn: " + fifo + ": is a named pipe (FIFO), not a regular file; expected a CSV file\n";
    assertEquals(expected, oneShortLine(trainRefused(csvExperiment(fifo))));
    assertEquals(expected, oneShortLine(Cli.run("evaluate", xorModel.toString(), "--data", fifo.toString())));
    Path predictions = tmp.resolve("predictions.csv");
    assertEquals(expected, oneShortLine(Cli.run("predict", xorModel.toString(), "--input", fifo.toString(),
        "--output", predictions.toString())));
    assertFalse(Files.exists(predictions));
    Path zero = device("/dev/zero");
    assertEquals("nn: /dev/zero: is a character device, not a regular file; expected a CSV file\n",
        oneShortLine(trainRefused(csvExperiment(zero))));
  }

  @Test
  void aCsvHeaderOfTwoMebibytesIsRefusedWithAShortMessage() throws IOException {
    Path wide = Files.writeString(tmp.resolve("wide.csv"), "x".repeat(2 << 20) + ",y\n1,2\n");
    assertEquals("nn: " + wide + ":1: line is longer than 1048576 characters; lines of a CSV file are limited to 1 MiB\n",
        oneShortLine(trainRefused(csvExperiment(wide))));
    assertEquals("nn: " + wide + ":1: line is longer than 1048576 characters; lines of a CSV file are limited to 1 MiB\n",
        oneShortLine(Cli.run("evaluate", xorModel.toString(), "--data", wide.toString())));
  }

  @Test
  void aHugeCsvFieldIsQuotedOnlyByItsStart() throws IOException {
    String field = "7".repeat(900_000);
    Path huge = Files.writeString(tmp.resolve("huge.csv"), "x,y\n1,2\n3," + field + "\n");
    assertEquals("nn: " + huge + ":3: column \"y\": the value is 900000 characters long (\"" + "7".repeat(40)
        + "…(900000 characters)\"); a value has at most 1000 characters\n", oneShortLine(trainRefused(csvExperiment(huge))));
  }

  @Test
  void aValueThatIsNoDecimalNumberNamesRowAndColumn() throws IOException {
    for (String value : List.of("101d", "0x1.8p5", "1f", "Infinity", " NaN")) {
      Path csv = Files.writeString(tmp.resolve("values.csv"), "x,y\n1,2\n3," + value + "\n");
      String reason = value.contains("N") ? "is not a finite number; NaN and infinities are not allowed, but a NaN"
          + " that marks a missing target is read as one under missing: drop on the csv source, which leaves such rows"
          + " out"
          : value.contains("I") ? "is not a finite number; NaN and infinities are not allowed"
          : "is not a number; values are decimal numbers such as 3, -0.5 or 1e-3";
      assertEquals("nn: " + csv + ":3: column \"y\": \"" + value.strip() + "\" " + reason + "\n",
          oneShortLine(trainRefused(csvExperiment(csv))), value);
    }
  }

  /**
   * Through nn train: a comment line above the header, a quoted NA in a number column and a date as a regression's
   * target are each one short line saying what to do, a key beyond YAML's 1,024 characters is named as too long,
   * each with exit 2 and no run directory.
   */
  @Test
  void aCommentAboveTheHeaderAndADateTargetAreOneLineEach() throws IOException {
    Path commented = Files.writeString(tmp.resolve("commented.csv"), "# exported 2024-01-01\na,b,y\n1,2,3\n");
    assertTrue(oneShortLine(trainRefused(csvExperiment(commented))).contains("The header line, \"# exported"
        + " 2024-01-01\", begins with #: if it is a comment, remove it"), "comment");
    Path dates = Files.writeString(tmp.resolve("dates.csv"), "a,b,when\n1,2,2024-01-02\n");
    assertEquals("nn: " + dates + ":2: column \"when\": \"2024-01-02\" is a date or time, and a regression's target"
        + " is a number: dates and times are not read; write the target as a number (days since a start, hour of"
        + " the day), or name another column as the target\n", oneShortLine(trainRefused(csvExperiment(dates))));
    Path overlong = Files.writeString(tmp.resolve("overlong.yaml"), Files.readString(csvExperiment(dates))
        + "x" + "b".repeat(2000) + ": 1\n");
    Cli.Outcome key = trainRefused(overlong);
    assertEquals(2, key.code(), key::describe);
    assertTrue(key.err().contains("is 2001 characters long; YAML reads a key of at most 1,024"), "overlong key");
    assertTrue(key.err().length() < 1000, "the key is not echoed whole: " + key.err().length() + " characters");
    Path quoted = Files.writeString(tmp.resolve("quoted.csv"), "a,b,y\n1,\"NA\",3\n");
    assertTrue(oneShortLine(trainRefused(csvExperiment(quoted))).contains(":2: column \"b\": missing value"),
        "a quoted NA among numbers is missing");
  }

  @Test
  void aCategoryInAFeatureColumnSaysToEncodeItAsNumbers() throws IOException {
    Path csv = Files.writeString(tmp.resolve("colors.csv"), "x,color,y\n1,0.5,0\n2,red,1\n");
    assertEquals("nn: " + csv + ":3: column \"color\": \"red\" is not a number; values are decimal numbers such as 3,"
        + " -0.5 or 1e-3; a column of categories, as words or codes, is read by listing it in data.one-hot, which"
        + " gives the network one 0/1 input per category\n", oneShortLine(trainRefused(csvExperiment(csv))));
  }

  // --- IDX files

  private Path idxExperiment(Path images, Path labels) throws IOException {
    return Files.writeString(tmp.resolve("idx.yaml"), String.join("\n",
        "name: idx",
        "data:",
        "  train: {source: idx, images: '" + images.toAbsolutePath() + "', labels: '" + labels.toAbsolutePath()
            + "', limit: 100}",
        "network:",
        "  layers: [{units: 784}, {units: 10, activation: identity}]",
        "loss: softmax-cross-entropy",
        "training: {epochs: 1}", ""));
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] data, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out) {
      {
        def.setLevel(level);
      }
    }) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] flip(byte[] b, int index, int mask) {
    byte[] copy = b.clone();
    copy[index < 0 ? copy.length + index : index] ^= (byte) mask;
    return copy;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void damagedGzipLabelsAreRefusedNamingTheFileAndTheFault() throws IOException {
    byte[] gz = Files.readAllBytes(TEST_LABELS);
    byte[] raw = gunzip(gz);
    // stored deflate blocks: a changed byte decompresses to a changed label, which only the CRC-32 reveals
    byte[] stored = gzip(raw, Deflater.NO_COMPRESSION);
    String[][] cases = {
        {"cut-trailer.gz", "truncated: the gzip data end at byte " + (gz.length - 4)},
        {"bad-crc.gz", "corrupt gzip data: CRC-32 mismatch"},
        {"bad-size.gz", "corrupt gzip data: size mismatch"},
        {"changed-label.gz", "corrupt gzip data: CRC-32 mismatch"},
        {"trailing-bytes.gz", "corrupt gzip data: data that are not gzip follow the end of the gzip data at byte "
            + gz.length},
        {"longer-payload.gz", "more data follow the 10008 bytes (after decompression) that the header declares"},
    };
    byte[][] files = {
        Arrays.copyOf(gz, gz.length - 4),
        flip(gz, -8, 1),
        flip(gz, -1, 1),
        flip(stored, indexOfFirstLabel(stored, raw), 1),
        concat(gz, new byte[] {0, 0}),
        gzip(concat(raw, new byte[] {9}), Deflater.DEFAULT_COMPRESSION),
    };
    for (int k = 0; k < cases.length; k++) {
      Path labels = Files.write(tmp.resolve(cases[k][0]), files[k]);
      String err = oneShortLine(trainRefused(idxExperiment(TEST_IMAGES, labels)));
      assertTrue(err.startsWith("nn: " + labels + ": " + cases[k][1]), err);
    }
    // the same experiment with the undamaged labels trains
    Cli.Outcome ok = Cli.run("train", idxExperiment(TEST_IMAGES, TEST_LABELS).toString(), "--output",
        tmp.resolve("good-runs").toString());
    assertEquals(0, ok.code(), ok.describe());
  }

  /** Where label 0 lies in a stored gzip member of {@code raw}: after the header bytes 0 0 8 1 0 0 39 16. */
  private static int indexOfFirstLabel(byte[] stored, byte[] raw) {
    for (int i = 0; i + 8 < stored.length; i++) {
      if (Arrays.equals(stored, i, i + 8, raw, 0, 8)) {
        return i + 8;
      }
    }
    throw new AssertionError("header not found");
  }

  @Test
  void aRawIdxFileWithBytesAfterItsDataIsRefused() throws IOException {
    byte[] raw = gunzip(Files.readAllBytes(TEST_LABELS));
    Path labels = Files.write(tmp.resolve("labels.idx"), concat(raw, "junk".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("nn: " + labels + ": 4 bytes follow the 10008 bytes that the header declares (8-byte header + 10000 "
        + "labels); the file is longer than an IDX file of that size\n",
        oneShortLine(trainRefused(idxExperiment(TEST_IMAGES, labels))));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeAsIdxFileIsRefused() throws Exception {
    Path fifo = fifo(tmp, "images.gz");
    assertEquals("nn: " + fifo + ": is a named pipe (FIFO), not a regular file; expected an IDX file\n",
        oneShortLine(trainRefused(idxExperiment(fifo, TEST_LABELS))));
  }
}
