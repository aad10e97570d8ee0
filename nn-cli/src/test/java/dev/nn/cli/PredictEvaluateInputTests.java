package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.Dataset;
import dev.nn.core.experiment.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code nn predict} and {@code nn evaluate} read and write: only the model's columns are read (a column of
 * words it does not use, and for predict the target, are not parsed); evaluate refuses a file without the target
 * column by name rather than taking another column for it; a file that is not text is said to be no CSV file, with
 * the byte, its offset and line; and predictions with names and class labels holding commas, quotes and
 * semicolons are RFC 4180 CSV that nn's reader reads back as written.
 */
class PredictEvaluateInputTests {
  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static final String WIDTH = "sepal width, cm";
  private static final String LENGTH = "petal \"length\"";
  private static final List<String> LABELS = List.of("Iris, \"setosa\"", "iris;versicolor", "virginica");

  private static Path model;
  private static Path train;

  @BeforeAll
  static void trainAClassifierWithAwkwardNames() throws IOException {
    StringBuilder csv = new StringBuilder("\"sepal width, cm\",\"petal \"\"length\"\"\",species\n");
    for (int i = 0; i < 30; i++) {
      int c = i % 3;
      csv.append(c + 0.1 * (i % 5)).append(',').append(2 * c - 0.05 * (i % 4)).append(',')
          .append(c == 0 ? "\"Iris, \"\"setosa\"\"\"" : c == 1 ? "iris;versicolor" : "virginica").append('\n');
    }
    train = Files.writeString(shared.resolve("flowers.csv"), csv);
    Path yaml = Files.writeString(shared.resolve("flowers.yaml"), "name: flowers\n"
        + "data:\n"
        + "  train: {source: csv, path: flowers.csv, target: species, task: classification}\n"
        + "  validation: {split: 0.0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: {name: adam, learning-rate: 0.05}\n"
        + "training: {epochs: 30, batch-size: 8}\n");
    Nn nn = Nn.create();
    model = nn.train(nn.load(yaml, List.of()), TrainingRun.Options.into(shared.resolve("runs"))).directory()
        .modelFile();
    assertEquals(LABELS.stream().sorted().toList(), nn.loadModel(model).spec().classes());
  }

  /**
   * A model whose inputs are named as an idx source's pixels learnt them divided by 255: rows of raw 0..255 pixels
   * are scored with one note naming the file, how many rows lie above 1 and the largest value; rows in 0..1 get none,
   * and nor do the same values given to a model of other names.
   */
  @Test
  void rawPixelsGivenToAModelOfPixelsGetANote() throws Exception {
    StringBuilder scaled = new StringBuilder("pixel_0_0,pixel_0_1,digit\n");
    StringBuilder raw = new StringBuilder(scaled);
    for (int i = 0; i < 24; i++) {
      int c = i % 2;
      double a = c == 0 ? 0.1 * (i % 4) : 0.6 + 0.1 * (i % 4);
      scaled.append(a).append(',').append(1 - a).append(',').append(c).append('\n');
      raw.append(Math.round(255 * a)).append(',').append(Math.round(255 * (1 - a))).append(',').append(c).append('\n');
    }
    Files.writeString(tmp.resolve("pixels.csv"), scaled);
    Path rawFile = Files.writeString(tmp.resolve("raw.csv"), raw);
    Path scaledFile = tmp.resolve("pixels.csv");
    Path yaml = Files.writeString(tmp.resolve("p.yaml"), "name: p\n"
        + "data:\n"
        + "  train: {source: csv, path: pixels.csv, target: digit, task: classification}\n"
        + "  validation: {split: 0.0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "training: {epochs: 2, batch-size: 8}\n");
    Nn nn = Nn.create();
    Path pixels = nn.train(nn.load(yaml, List.of()), TrainingRun.Options.into(tmp.resolve("runs"))).directory()
        .modelFile();
    String note = "nn: " + rawFile + ": the model's inputs are named as an idx source's pixels (pixel_r_c), which nn"
        + " reads divided by 255, into 0..1, but 24 of 24 rows hold values above 1 (up to 255): if they are raw pixels"
        + " (0..255), divide them by 255 for figures of this model\n";
    Cli.Outcome predicted = Cli.run("predict", pixels.toString(), "--input", rawFile.toString(), "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(0, predicted.code(), predicted.describe());
    assertEquals(note, predicted.err());
    Cli.Outcome evaluated = Cli.run("evaluate", pixels.toString(), "--data", rawFile.toString());
    assertEquals(0, evaluated.code(), evaluated.describe());
    assertEquals(note, evaluated.err());
    Cli.Outcome inRange = Cli.run("evaluate", pixels.toString(), "--data", scaledFile.toString());
    assertEquals("", inRange.err());
    Cli.Outcome otherNames = Cli.run("evaluate", model.toString(), "--data", train.toString());
    assertEquals("", otherNames.err(), "a model of other inputs (values up to 4) is not told of pixels");
    // a model that learnt the raw values (digits.csv's pixels are 0..16): its scaler's means lie above 1
    Path rawYaml = Files.writeString(tmp.resolve("r.yaml"), Files.readString(yaml).replace("name: p", "name: r")
        .replace("pixels.csv", "raw.csv"));
    Path rawModel = nn.train(nn.load(rawYaml, List.of()), TrainingRun.Options.into(tmp.resolve("runs")))
        .directory().modelFile();
    Cli.Outcome learntRaw = Cli.run("evaluate", rawModel.toString(), "--data", rawFile.toString());
    assertEquals(0, learntRaw.code(), learntRaw.describe());
    assertEquals("", learntRaw.err(), "a model trained on values above 1 is not told to divide them");
    Cli.Outcome predictedRaw = Cli.run("predict", rawModel.toString(), "--input", rawFile.toString(), "--output",
        tmp.resolve("r.csv").toString());
    assertEquals("", predictedRaw.err());
  }

  @Test
  void aFileThatOnlyItsSeparatorReadsRightIsPredictedAndEvaluatedWithSeparatorAndRefusedWithAHintWithout()
      throws Exception {
    // a class column named and valued with three commas: the comma splits the header and every record into four
    // fields, the semicolon into three, and the separator found is the one that gives the most fields
    StringBuilder csv = new StringBuilder("a;b;t,u,v,w\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i % 7).append(';').append(i % 3).append(';').append(i % 2 == 0 ? "p,q,r,s" : "k,l,m,n").append('\n');
    }
    Path data = Files.writeString(tmp.resolve("commas.csv"), csv);
    Path yaml = Files.writeString(tmp.resolve("c.yaml"), "name: c\n"
        + "data:\n"
        + "  train: {source: csv, path: commas.csv, target: \"t,u,v,w\", task: classification, separator: \";\"}\n"
        + "  validation: {split: 0.0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: {name: sgd, learning-rate: 0.01}\n"
        + "training: {epochs: 2, batch-size: 4}\n");
    Nn nn = Nn.create();
    Path dcModel = nn.train(nn.load(yaml, List.of()), TrainingRun.Options.into(tmp.resolve("runs"))).directory()
        .modelFile();
    assertEquals(List.of("a", "b"), nn.loadModel(dcModel).spec().inputs());

    Path out = tmp.resolve("p.csv");
    Cli.Outcome auto = Cli.run("predict", dcModel.toString(), "--input", data.toString(), "--output", out.toString());
    assertEquals(2, auto.code(), auto.describe());
    assertEquals("nn: " + data + ": the model needs the feature columns \"a\", \"b\", which the header lacks; it has"
        + " a;b;t, u, v, w; the header's names hold ';': if it separates the fields,"
        + " read the file with ';' as the separator (--separator ';')\n", auto.err());
    Cli.Outcome given = Cli.run("predict", dcModel.toString(), "--input", data.toString(), "--output", out.toString(),
        "--separator", ";");
    assertEquals(0, given.code(), given.describe());
    assertEquals(21, Files.readAllLines(out).size());
    Cli.Outcome evaluated = Cli.run("evaluate", dcModel.toString(), "--data", data.toString(), "--separator", ";",
        "--importance", "1");
    assertEquals(0, evaluated.code(), evaluated.describe());
    assertTrue(evaluated.out().contains(": 20 rows"), evaluated.out());
    // one shuffle has no spread: no sd column
    assertTrue(evaluated.out().lines().anyMatch(l -> l.matches("column +importance")), evaluated.out());
    Cli.Outcome unknown = Cli.run("evaluate", dcModel.toString(), "--data", data.toString(), "--separator", ":");
    assertEquals(2, unknown.code(), unknown.describe());
    assertTrue(unknown.err().startsWith("nn: invalid value for option '--separator': unknown field separator ':';"
        + " allowed: auto, ',', ';', tab, '|'"), unknown.err());
  }

  @Test
  void predictionsWithCommasQuotesAndSemicolonsInNamesAreCsvThatReadsBackAsWritten() throws Exception {
    Path out = tmp.resolve("p.csv");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", train.toString(), "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> sorted = LABELS.stream().sorted().toList();
    String header = Files.readAllLines(out).get(0);
    assertEquals("\"p_Iris, \"\"setosa\"\"\",\"p_iris;versicolor\",p_virginica,class", header);
    Dataset back = CsvReader.classification("class").withClassLabels(sorted).read(out);
    List<String> columns = new ArrayList<>();
    for (String label : sorted) {
      columns.add("p_" + label);
    }
    assertEquals(columns, back.featureNames());
    assertEquals(30, back.size());
    assertEquals(sorted, back.classLabels());
    // the model learnt the three classes: most rows predicted as their own label
    int right = 0;
    Dataset truth = CsvReader.classification("species").withClassLabels(sorted).read(train);
    for (int i = 0; i < 30; i++) {
      right += back.classOf(i) == truth.classOf(i) ? 1 : 0;
    }
    assertTrue(right >= 20, right + " of 30");
  }

  @Test
  void aColumnOfWordsTheModelDoesNotUseIsNotReadByPredictOrEvaluate() throws Exception {
    List<String> lines = Files.readAllLines(train);
    StringBuilder withPatient = new StringBuilder("patient," + lines.get(0) + "\n");
    for (int i = 1; i < lines.size(); i++) {
      withPatient.append("p").append(i + 1).append(',').append(lines.get(i)).append('\n');
    }
    Path file = Files.writeString(tmp.resolve("x.csv"), withPatient);

    Cli.Outcome plain = Cli.run("evaluate", model.toString(), "--data", train.toString());
    Cli.Outcome extra = Cli.run("evaluate", model.toString(), "--data", file.toString());
    assertEquals(0, extra.code(), extra.describe());
    assertEquals(plain.out().replace(train.toString(), "D"), extra.out().replace(file.toString(), "D"));

    Path fromPlain = tmp.resolve("plain.csv");
    Path fromExtra = tmp.resolve("extra.csv");
    // the labelled file: its target column of words is no feature, and predict leaves it alone
    Cli.Outcome p1 = Cli.run("predict", model.toString(), "--input", train.toString(), "--output",
        fromPlain.toString());
    Cli.Outcome p2 = Cli.run("predict", model.toString(), "--input", file.toString(), "--output",
        fromExtra.toString());
    assertEquals(0, p1.code(), p1.describe());
    assertEquals(0, p2.code(), p2.describe());
    assertEquals("wrote 30 predictions to " + fromExtra + "\n", p2.out());
    assertEquals(Files.readString(fromPlain), Files.readString(fromExtra));
  }

  @Test
  void aColumnTheModelUsesIsStillCheckedAndAMissingOneNamed() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.csv"), "\"sepal width, cm\",\"petal \"\"length\"\"\",note\n"
        + "1,2,fine\nabc,2,fine\n");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", bad.toString(), "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + bad + ":3: column \"sepal width, cm\": \"abc\" is not a number"), o.err());
    Path lacking = Files.writeString(tmp.resolve("lacking.csv"), "\"sepal width, cm\",note\n1,x\n");
    Cli.Outcome l = Cli.run("predict", model.toString(), "--input", lacking.toString(), "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(2, l.code(), l.describe());
    assertTrue(l.err().startsWith("nn: " + lacking + ": the model needs the feature column \"petal \"length\"\","
        + " which the header lacks"), l.err());
    assertEquals(List.of("bad.csv", "lacking.csv"), listing());
  }

  @Test
  void evaluateOnRowsWithoutTheTargetSaysSoInsteadOfTakingAnotherColumn() throws Exception {
    List<String> lines = Files.readAllLines(train);
    StringBuilder rows = new StringBuilder("\"sepal width, cm\",\"petal \"\"length\"\"\"\n");
    for (String line : lines.subList(1, lines.size())) {
      rows.append(line, 0, line.indexOf(',', line.indexOf(',') + 1)).append('\n');
    }
    Path noTarget = Files.writeString(tmp.resolve("rows.csv"), rows);
    Cli.Outcome o = Cli.run("evaluate", model.toString(), "--data", noTarget.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + noTarget + ": no target column \"species\" (the model was trained to predict it); nn"
        + " evaluate needs the targets (--target names a column of another name) — nn predict takes rows without"
        + " them\n", o.err());
    assertEquals("", o.out());
    // the same rows, the target under another name, named with --target
    Path renamed = Files.writeString(tmp.resolve("renamed.csv"), Files.readString(train)
        .replaceFirst(",species\n", ",kind\n"));
    Cli.Outcome r = Cli.run("evaluate", model.toString(), "--data", renamed.toString(), "--target", "kind");
    assertEquals(0, r.code(), r.describe());
    // a word in a column the model reads as numbers: no source to list it in data.one-hot, so no such hint
    Path word = Files.writeString(tmp.resolve("word.csv"), Files.readString(train).replaceFirst("\n[^,]*,", "\nwide,"));
    Cli.Outcome w = Cli.run("evaluate", model.toString(), "--data", word.toString());
    assertEquals(2, w.code(), w.describe());
    assertEquals("nn: " + word + ":2: column \"sepal width, cm\": \"wide\" is not a number, and the model reads this"
        + " column as numbers, as it was trained on them (a column of words is read as categories only by a model"
        + " trained with it in data.one-hot)\n", w.err());
    // the target under its name in other case is suggested, as a held-out source's would be
    Path capital = Files.writeString(tmp.resolve("capital.csv"), Files.readString(train)
        .replaceFirst(",species\n", ",Species\n"));
    Cli.Outcome c = Cli.run("evaluate", model.toString(), "--data", capital.toString());
    assertEquals(2, c.code(), c.describe());
    assertEquals("nn: " + capital + ": no target column \"species\" (the model was trained to predict it); nn evaluate"
        + " needs the targets (--target names a column of another name) — nn predict takes rows without them; did you"
        + " mean --target Species?\n", c.err());
  }

  /**
   * Rows read with the wrong separator: the header is one long name, and evaluate, which looks for the target first,
   * gives the separator to use as predict does for the features (it told the user to name the target with --target).
   */
  @Test
  void evaluateOfAFileReadWithTheWrongSeparatorSaysWhichToGive() throws Exception {
    List<String> lines = Files.readAllLines(train);
    StringBuilder text = new StringBuilder("width;length;species\n");
    for (String line : lines.subList(1, lines.size())) {
      text.append(line.replace(',', ';')).append('\n');
    }
    Path semicolons = Files.writeString(tmp.resolve("semicolons.csv"), text);
    Cli.Outcome o = Cli.run("evaluate", model.toString(), "--data", semicolons.toString(), "--separator", ",");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: " + semicolons + ": no target column \"species\""), o.err());
    assertTrue(o.err().endsWith("— nn predict takes rows without them; the header's names hold ';': if it separates"
        + " the fields, read the file with ';' as the separator (--separator ';')\n"), o.err());
  }

  @Test
  void aFileThatIsNotTextIsNoCsvFileNamedByWhatItIsOrItsByteOffsetAndLine() throws Exception {
    // the start of an IDX image file: magic 0x00000803, then 60,000 images (0x0000EA60)
    byte[] idx = {0, 0, 8, 3, 0, 0, (byte) 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28};
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(idx);
    }
    Path images = Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), gz.toByteArray());
    // told by its magic number, not by its first byte that is not UTF-8
    String expected = "nn: " + images + ": is an IDX file of images (magic number 0x00000803, after decompression),"
        + " not CSV text; IDX data are read by an idx source of an experiment (source: idx, with images and labels;"
        + " a run's data.test gives a model's figures on IDX data), see data.md\n";
    Cli.Outcome e = Cli.run("evaluate", model.toString(), "--data", images.toString());
    assertEquals(2, e.code(), e.describe());
    assertEquals(expected, e.err());
    Cli.Outcome p = Cli.run("predict", model.toString(), "--input", images.toString(), "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(2, p.code(), p.describe());
    assertEquals(expected, p.err());

    // text in another encoding: Latin-1 "é" on line 3
    byte[] latin1 = "\"sepal width, cm\",\"petal \"\"length\"\"\",species\n1,2,virginica\n1,2,caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Path text = Files.write(tmp.resolve("latin1.csv"), latin1);
    int offset = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('\u00e9');
    Cli.Outcome l = Cli.run("evaluate", model.toString(), "--data", text.toString());
    assertEquals(2, l.code(), l.describe());
    int column = offset - new String(latin1, StandardCharsets.ISO_8859_1).lastIndexOf('\n', offset);
    assertEquals("nn: " + text + ":3: not UTF-8 text: byte 0xE9 at line 3, column " + column + " (byte offset " + offset
        + ") is not valid UTF-8; save the file as UTF-8 (such bytes often come from Latin-1 or Windows-1252 text); nn"
        + " evaluate and nn predict read CSV files\n", l.err());
    assertEquals(List.of("latin1.csv", "train-images-idx3-ubyte.gz"), listing());
  }

  private List<String> listing() throws IOException {
    try (var s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
