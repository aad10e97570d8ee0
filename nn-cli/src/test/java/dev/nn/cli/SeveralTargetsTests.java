package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.run.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression of several target columns with standardized targets, as a user runs it: {@code nn train
 * examples/linnerud.yaml}, then {@code nn predict} and {@code nn evaluate} on the model, whose figures are
 * checked against the predictions file by hand; and the note a run of large raw targets prints.
 */
class SeveralTargetsTests {
  private static final Path LINNERUD_CSV = Cli.EXAMPLES.resolve("data/linnerud.csv");

  @TempDir
  static Path tmp;

  private static Path model;

  @BeforeAll
  static void train() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("linnerud.yaml").toString(), "--output",
        tmp.resolve("runs").toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("", o.err(), "standardized targets need no advice");
    model = Cli.onlyRun(tmp.resolve("runs")).resolve(RunDirectory.MODEL);
  }

  private static String modelYaml() throws Exception {
    try (ZipFile zip = new ZipFile(model.toFile())) {
      return new String(zip.getInputStream(zip.getEntry("model.yaml")).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The CSV's rows, split. */
  private static List<String[]> rows(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
  }

  @Test
  void theModelPredictsTheThreeTargetsInTheirOwnUnits() throws Exception {
    String yaml = modelYaml();
    assertTrue(yaml.contains("targets:\n- weight\n- waist\n- pulse\n"), yaml);
    assertTrue(yaml.contains("target-scaler:\n  means:\n"), yaml);
    assertTrue(yaml.contains("format-version: 3\n"), yaml);
    Path out = tmp.resolve("linnerud-predictions.csv");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", LINNERUD_CSV.toString(), "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = Files.readAllLines(out);
    assertEquals("weight,waist,pulse", lines.get(0));
    assertEquals(21, lines.size());
    for (String line : lines.subList(1, 21)) {
      String[] p = line.split(",");
      // the file's weights run from 138 to 247 lb, waists from 31 to 46 in: predictions near 0 would be
      // standardized values
      assertTrue(Double.parseDouble(p[0]) > 100 && Double.parseDouble(p[0]) < 280, line);
      assertTrue(Double.parseDouble(p[1]) > 20 && Double.parseDouble(p[1]) < 60, line);
    }
  }

  @Test
  void evaluateReadsTheModelsTargetsByNameAndItsFiguresAreThoseOfThePredictions() throws Exception {
    Path out = tmp.resolve("for-evaluate.csv");
    assertEquals(0, Cli.run("predict", model.toString(), "--input", LINNERUD_CSV.toString(), "--output",
        out.toString()).code());
    List<String[]> predicted = rows(out);
    List<String[]> truth = rows(LINNERUD_CSV);
    double sq = 0;
    double abs = 0;
    double[] sqOf = new double[3];
    double[] absOf = new double[3];
    double[] totalOf = new double[3];
    double[] mean = new double[3];
    for (String[] t : truth) {
      for (int j = 0; j < 3; j++) {
        mean[j] += Double.parseDouble(t[3 + j]) / truth.size();
      }
    }
    double total = 0;
    for (int r = 0; r < truth.size(); r++) {
      for (int j = 0; j < 3; j++) {
        double y = Double.parseDouble(truth.get(r)[3 + j]);
        double e = Double.parseDouble(predicted.get(r)[j]) - y;
        sq += e * e;
        abs += Math.abs(e);
        total += (y - mean[j]) * (y - mean[j]);
        sqOf[j] += e * e;
        absOf[j] += Math.abs(e);
        totalOf[j] += (y - mean[j]) * (y - mean[j]);
      }
    }
    int n = 3 * truth.size();
    Cli.Outcome o = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    assertEquals(model + " on " + LINNERUD_CSV + ": 20 rows\n"
        + String.format(Locale.ROOT, "rmse      %.6g%nmae       %.6g%nr2        %.4f%n", Math.sqrt(sq / n), abs / n,
            1 - sq / total), String.join("\n", lines.subList(0, 4)) + "\n");
    // then each target's own figures
    assertEquals(List.of("target", "rmse", "mae", "r2"), List.of(lines.get(4).trim().split(" +")));
    List<String> names = List.of("weight", "waist", "pulse");
    for (int j = 0; j < 3; j++) {
      int rows = truth.size();
      assertEquals(List.of(names.get(j), String.format(Locale.ROOT, "%.6g", Math.sqrt(sqOf[j] / rows)),
          String.format(Locale.ROOT, "%.6g", absOf[j] / rows), String.format(Locale.ROOT, "%.4f",
              1 - sqOf[j] / totalOf[j])), List.of(lines.get(5 + j).trim().split(" +")), o.out());
    }
    assertEquals(8, lines.size(), o.out());
    // the columns named in the model's order give the same figures; the model's names in another order would score
    // one target against another's column, and are refused
    Cli.Outcome named = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString(), "--target",
        "weight,waist,pulse");
    assertEquals(o.out(), named.out(), named.describe());
    Cli.Outcome swapped = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString(), "--target",
        "waist,weight,pulse");
    assertEquals(2, swapped.code(), swapped.describe());
    assertEquals("nn: " + LINNERUD_CSV + ": the 1st target column given, \"waist\", would be scored as the model's 1st target \"weight\","
        + " but \"waist\" is the name of its 2nd target; give the columns in the model's order (weight, waist, pulse),"
        + " or none to take the columns named as its targets\n", swapped.err());
    assertEquals("", swapped.out());
    Cli.Outcome twice = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString(), "--target",
        "weight,weight,pulse");
    assertEquals(2, twice.code(), twice.describe());
    assertEquals("nn: " + model + " with --target weight,weight,pulse: the target column \"weight\" is given twice;"
        + " name each of the model's targets' columns once, in its order (weight, waist, pulse)\n", twice.err());
    // an index picks a column only the header names: the reader tells it twice, where the order was blamed
    Cli.Outcome indexThenName = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString(), "--target",
        "3,weight,pulse");
    assertEquals(2, indexThenName.code(), indexThenName.describe());
    assertTrue(indexThenName.err().endsWith(": target column \"weight\" is named twice (3 and weight); each target"
        + " column once\n"), indexThenName.err());
    // a misspelt column is the fault, not the order the other names then seem to have
    Cli.Outcome misspelt = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString(), "--target",
        "Weight,weight,pulse");
    assertEquals(2, misspelt.code(), misspelt.describe());
    assertTrue(misspelt.err().contains("target column \"Weight\" not found; did you mean \"weight\"?"),
        misspelt.err());
    // columns of other names are paired by position, as documented
    Path renamed = tmp.resolve("renamed.csv");
    Files.writeString(renamed, Files.readString(LINNERUD_CSV).replaceFirst("weight,waist,pulse", "w,wa,p"));
    Cli.Outcome byPosition = Cli.run("evaluate", model.toString(), "--data", renamed.toString(), "--target", "w,wa,p");
    assertEquals(0, byPosition.code(), byPosition.describe());
    assertEquals(o.out().substring(o.out().indexOf('\n')), byPosition.out().substring(byPosition.out().indexOf('\n')));
  }

  /**
   * Past 12 targets (an autoencoder's 784 pixels) the end of training lists none one by one, and says where each is:
   * 1,568 lines buried the run's own figures. Three targets are listed, each under its split.
   */
  @Test
  void manyTargetsAreNotListedOneByOneAtTheEndOfTraining() throws Exception {
    StringBuilder csv = new StringBuilder("x");
    for (int j = 0; j < 13; j++) {
      csv.append(",y").append(j);
    }
    csv.append('\n');
    for (int r = 0; r < 40; r++) {
      csv.append(r % 7);
      for (int j = 0; j < 13; j++) {
        csv.append(',').append((r * (j + 1)) % 11);
      }
      csv.append('\n');
    }
    Path data = Files.writeString(tmp.resolve("thirteen.csv"), csv);
    Path yaml = Files.writeString(tmp.resolve("thirteen.yaml"), String.join("\n",
        "name: thirteen",
        "data:",
        "  train: {source: csv, path: thirteen.csv, target: [y0, y1, y2, y3, y4, y5, y6, y7, y8, y9, y10, y11, y12]}",
        "  validation: {split: 0.25}",
        "network:",
        "  layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]",
        "loss: squared",
        "training: {epochs: 1, batch-size: 8}", ""));
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", tmp.resolve("thirteen-runs").toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    int validation = lines.indexOf(lines.stream().filter(l -> l.startsWith("validation ")).findFirst().orElseThrow());
    assertEquals("  (each of the 13 targets' figures: summary.json and report.html in the run directory)",
        lines.get(validation + 1));
    assertTrue(lines.get(validation + 2).startsWith("model "), o.out());
    assertTrue(data.toFile().isFile());
  }

  /**
   * A run whose test source is the whole file prints, and records in summary.json, each target's test figures:
   * those {@code nn evaluate} gives for its model on the same file (the pooled RMSE mixes pounds with inches).
   */
  @Test
  void aRunsTestFiguresOfEachTargetAreThoseEvaluateGivesOnTheSameRows() throws Exception {
    Path runs = tmp.resolve("whole-file-test");
    Cli.Outcome trained = Cli.run("train", Cli.EXAMPLES.resolve("linnerud.yaml").toString(), "--set",
        "data.test={source: csv, path: " + LINNERUD_CSV.toAbsolutePath() + "}", "--set", "training.epochs=20",
        "--output", runs.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path run = Cli.onlyRun(runs);
    Cli.Outcome evaluated = Cli.run("evaluate", run.resolve(RunDirectory.MODEL).toString(), "--data",
        LINNERUD_CSV.toString());
    assertEquals(0, evaluated.code(), evaluated.describe());
    List<String> table = evaluated.out().lines().toList().subList(5, 8);
    List<String> lines = trained.out().lines().toList();
    int test = lines.indexOf(lines.stream().filter(l -> l.startsWith("test ")).findFirst().orElseThrow());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> targets = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
        ((java.util.Map<String, Object>) dev.nn.core.io.Json.parse(Files.readString(run.resolve(
            RunDirectory.SUMMARY)))).get("test")).get("targets");
    assertEquals(List.of("weight", "waist", "pulse"), List.copyOf(targets.keySet()));
    for (int j = 0; j < 3; j++) {
      String[] evaluate = table.get(j).trim().split(" +");
      // "  weight       rmse 21.5414  mae 16.6324  r2 0.1988"
      String[] printed = lines.get(test + 1 + j).trim().split(" +");
      assertEquals(List.of(evaluate[0], "rmse", evaluate[1], "mae", evaluate[2], "r2", evaluate[3]),
          List.of(printed), trained.out());
      java.util.Map<?, ?> recorded = (java.util.Map<?, ?>) targets.get(evaluate[0]);
      assertEquals(Double.parseDouble(evaluate[1]), ((Number) recorded.get("rmse")).doubleValue(),
          1e-5 * Double.parseDouble(evaluate[1]));
      assertEquals(Double.parseDouble(evaluate[2]), ((Number) recorded.get("mae")).doubleValue(),
          1e-5 * Double.parseDouble(evaluate[2]));
      assertEquals(Double.parseDouble(evaluate[3]), ((Number) recorded.get("r2")).doubleValue(), 1e-4);
    }
    assertTrue(lines.get(test + 4).startsWith("model "), trained.out());
    String page = Files.readString(run.resolve(RunDirectory.REPORT));
    assertTrue(page.contains("<h3>Test split by target</h3>"), "the report's table");
    assertTrue(page.contains("<tr><th>pulse</th>"), "the report's table");
  }

  @Test
  void evaluateRefusesOneColumnForThreeTargetsAndAFileWithoutATarget() throws Exception {
    Cli.Outcome one = Cli.run("evaluate", model.toString(), "--data", LINNERUD_CSV.toString(), "--target", "weight");
    assertEquals(2, one.code(), one.describe());
    assertEquals("nn: " + model + " with --target weight: this model predicts 3 targets (weight, waist, pulse), found"
        + " 1 target column (weight); name one column per target, in the model's order\n", one.err());
    assertEquals("", one.out());
    Path noPulse = tmp.resolve("no-pulse.csv");
    StringBuilder csv = new StringBuilder();
    for (String line : Files.readAllLines(LINNERUD_CSV)) {
      csv.append(line, 0, line.lastIndexOf(',')).append('\n');
    }
    Files.writeString(noPulse, csv);
    Cli.Outcome missing = Cli.run("evaluate", model.toString(), "--data", noPulse.toString());
    assertEquals(2, missing.code(), missing.describe());
    assertEquals("nn: " + noPulse + ": no target column \"pulse\" (the model was trained to predict it); nn evaluate"
        + " needs the targets (--target names a column of another name) — nn predict takes rows without them\n",
        missing.err());
  }

  @Test
  void aListOfTargetsForClassificationIsOneMessageWithItsLine() throws Exception {
    Path yaml = tmp.resolve("iris-list.yaml");
    Files.writeString(yaml, String.join("\n",
        "data:",
        "  train: {source: csv, path: " + Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath()
            + ", target: [target, sepal_length_cm], task: classification}",
        "network: {layers: [{units: auto}, {units: auto, activation: identity}]}",
        "loss: softmax-cross-entropy", ""));
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", tmp.resolve("never").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/WrongType] data.train.target (line 2"), o.err());
    assertTrue(o.err().contains("classification reads its classes from one column, found a list"), o.err());
    assertFalse(Files.exists(tmp.resolve("never")), "no run directory");
  }

  @Test
  void standardizedTargetsForAClassifierAreOneMessageAndLeaveNoRunDirectory() throws Exception {
    // stated by the source: found when the file is read, at the key's line
    Path iris = tmp.resolve("iris-scaled.yaml");
    Files.writeString(iris, String.join("\n",
        "data:",
        "  train: {source: csv, path: " + Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath()
            + ", target: last, task: classification}",
        "  standardize-targets: true",
        "network: {layers: [{units: auto}, {units: auto, activation: identity}]}",
        "loss: softmax-cross-entropy", ""));
    Cli.Outcome o = Cli.run("train", iris.toString(), "--output", tmp.resolve("never-iris").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("[nn/OutOfRange] data.standardize-targets (line 3"), o.err());
    assertTrue(o.err().contains("standardize-targets applies to regression; a classifier's targets are classes"),
        o.err());
    assertFalse(Files.exists(tmp.resolve("never-iris")), "no run directory");
    // a generator's task is known once it draws: refused then, before any run directory
    Cli.Outcome xor = Cli.run("train", Cli.XOR, "--set", "data.standardize-targets=true", "--output",
        tmp.resolve("never-xor").toString());
    assertEquals(2, xor.code(), xor.describe());
    assertTrue(xor.err().contains("data.standardize-targets"), xor.err());
    assertTrue(xor.err().contains("standardize-targets applies to regression; a classifier's targets are classes"),
        xor.err());
    assertFalse(xor.err().contains("\tat "), "no stack trace: " + xor.err());
    assertFalse(Files.exists(tmp.resolve("never-xor")), "no run directory");
  }

  @Test
  void largeRawTargetsGetOneNoteUnlessTheExperimentChoseRawOrStandardizedOnes() throws Exception {
    // examples/diabetes.yaml says standardize-targets: false; an experiment that does not say is advised
    Path unsaid = tmp.resolve("diabetes-unsaid.yaml");
    Files.writeString(unsaid, Files.readString(Path.of(Cli.DIABETES))
        .replace("data/diabetes.csv", Cli.EXAMPLES.resolve("data/diabetes.csv").toAbsolutePath().toString())
        .replace("  standardize-targets: false\n", ""));
    Cli.Outcome chosen = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=2", "--output",
        tmp.resolve("chosen").toString());
    assertEquals(0, chosen.code(), chosen.describe());
    assertEquals("", chosen.err());
    Cli.Outcome raw = Cli.run("train", unsaid.toString(), "--set", "training.epochs=2", "--output",
        tmp.resolve("raw").toString());
    assertEquals(0, raw.code(), raw.describe());
    List<String> notes = raw.err().lines().toList();
    assertEquals(1, notes.size(), raw.err());
    assertTrue(notes.get(0).startsWith("nn: "), notes.get(0));
    assertTrue(notes.get(0).contains("diabetes.csv: the target \"target\" has mean "), notes.get(0));
    assertTrue(notes.get(0).endsWith("data.standardize-targets: true trains on standardized targets and still"
        + " predicts in the targets' units"), notes.get(0));
    Cli.Outcome scaled = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=2", "--set",
        "data.standardize-targets=true", "--output", tmp.resolve("scaled").toString());
    assertEquals(0, scaled.code(), scaled.describe());
    assertEquals("", scaled.err());
    // the test figures are in the targets' units (progression 25..346): an RMSE of standardized values is near 1
    String test = scaled.outLines("test ").get(0);
    double rmse = Double.parseDouble(test.replaceAll(".*rmse ([0-9.e+]+) .*", "$1"));
    assertTrue(rmse > 20 && rmse < 200, test);
  }

  /**
   * A 0/1 class column read with the default task is trained as one real number, and no accuracy is ever shown:
   * a note says so, once; read as classes, or with a third value, there is none.
   */
  @Test
  void aTargetOfTwoWholeNumbersUnderTheDefaultTaskGetsANote() throws Exception {
    Path pima = tmp.resolve("pima-regression.yaml");
    Files.writeString(pima, Files.readString(Path.of("../examples/pima.yaml"))
        .replace("data/pima_indians_diabetes.csv",
            Cli.EXAMPLES.resolve("data/pima_indians_diabetes.csv").toAbsolutePath().normalize().toString())
        .replace(", task: classification}", "}").replace("loss: binary-cross-entropy", "loss: squared")
        .replace("  stratify: true\n", "").replace(", class-weights: balanced}", "}"));
    Cli.Outcome regression = Cli.run("validate", pima.toString());
    assertEquals(0, regression.code(), regression.describe());
    assertEquals(List.of("nn: " + Cli.EXAMPLES.resolve("data/pima_indians_diabetes.csv").toAbsolutePath().normalize()
        + ": the target \"diabetes\" holds only the whole numbers 0 and 1, read as a regression (task: regression is"
        + " the default); if they are classes, set task: classification on the source, for a class loss and"
        + " accuracy"), regression.err().lines().toList());
    Path chosen = Files.writeString(tmp.resolve("pima-chosen.yaml"), Files.readString(pima)
        .replace("target: diabetes}", "target: diabetes, task: regression}"));
    Cli.Outcome regressionChosen = Cli.run("validate", chosen.toString());
    assertEquals(0, regressionChosen.code(), regressionChosen.describe());
    assertEquals("", regressionChosen.err(), "an experiment that wrote task: regression has chosen");
    Cli.Outcome classes = Cli.run("validate", "../examples/pima.yaml");
    assertEquals(0, classes.code(), classes.describe());
    assertEquals("", classes.err());
    Cli.Outcome diabetes = Cli.run("validate", Cli.DIABETES);
    assertEquals("", diabetes.err(), "a target of many whole numbers (disease progression) is a regression's");
  }

  /**
   * Every whole number from 0 to k−1 in the target under the default task (glass's types, the letters' 0 … 25) is
   * most likely class codes: one note says so, and none advises standardizing them; with a gap, they are numbers.
   */
  @Test
  void classCodesFrom0UnderTheDefaultTaskGetANoteAndNoAdviceToStandardize() throws Exception {
    StringBuilder codes = new StringBuilder("a,b,letter\n");
    StringBuilder gaps = new StringBuilder("a,b,count\n");
    for (int r = 0; r < 130; r++) {
      codes.append(r % 7).append(',').append(r % 3).append(',').append(r % 26).append('\n');
      gaps.append(r % 7).append(',').append(r % 3).append(',').append(r % 4 == 3 ? 5 : r % 4).append('\n');
    }
    Path letters = Files.writeString(tmp.resolve("letters.csv"), codes.toString());
    Path counts = Files.writeString(tmp.resolve("counts.csv"), gaps.toString());
    String yaml = "data: {train: {source: csv, path: %s}}\n"
        + "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: 1, activation: identity}]}\n"
        + "loss: squared\n";
    Cli.Outcome o = Cli.run("validate", Files.writeString(tmp.resolve("letters.yaml"), String.format(yaml, letters))
        .toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("nn: " + letters + ": the target \"letter\" holds only the whole numbers 0 to 25, every one"
        + " of them, read as a regression (task: regression is the default); if they are class codes, set task:"
        + " classification on the source, for a class loss and accuracy"), o.err().lines().toList());
    Cli.Outcome numbers = Cli.run("validate", Files.writeString(tmp.resolve("counts.yaml"), String.format(yaml,
        counts)).toString());
    assertEquals(0, numbers.code(), numbers.describe());
    assertEquals("", numbers.err(), "0, 1, 2 and 5 are numbers");
    // 0 … 4, and a 5 on one row: a count, not codes
    Path once = Files.writeString(tmp.resolve("once.csv"), "a,b,count\n" + codes.toString().lines().skip(1)
        .limit(60).map(l -> l.substring(0, l.lastIndexOf(',')) + "," + (Integer.parseInt(l.substring(l.lastIndexOf(',')
            + 1)) % 5)).collect(java.util.stream.Collectors.joining("\n")) + "\n1,1,5\n");
    Cli.Outcome single = Cli.run("validate", Files.writeString(tmp.resolve("once.yaml"), String.format(yaml, once))
        .toString());
    assertEquals(0, single.code(), single.describe());
    assertEquals("", single.err(), "a value on one row only");
  }

  /**
   * A target of −1 and +1 under the default task: the note's advice, followed, validates — it names labels: names too,
   * as a classification reads numbers as class indices from 0 (it said task: classification alone, which was refused).
   */
  @Test
  void theNoteOnTwoWholeNumbersOtherThan0And1NamesLabelsNamesAndFollowedItValidates() throws Exception {
    StringBuilder rows = new StringBuilder("a,b,y\n");
    for (int r = 0; r < 60; r++) {
      rows.append(r % 7).append(',').append(r % 3).append(',').append(r % 7 > r % 3 ? 1 : -1).append('\n');
    }
    Path signs = Files.writeString(tmp.resolve("signs.csv"), rows.toString());
    String yaml = "data: {train: {source: csv, path: %s%s}}\n"
        + "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: %s, activation: identity}]}\n"
        + "loss: %s\n";
    Cli.Outcome o = Cli.run("validate", Files.writeString(tmp.resolve("signs.yaml"), String.format(yaml, signs, "", 1,
        "squared")).toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("nn: " + signs + ": the target \"y\" holds only the whole numbers -1 and 1, read as a"
        + " regression (task: regression is the default); if they are classes, set task: classification and labels:"
        + " names (they are not the class indices 0 and 1) on the source, for a class loss and accuracy"),
        o.err().lines().toList());
    Cli.Outcome followed = Cli.run("validate", Files.writeString(tmp.resolve("signs-classes.yaml"), String.format(yaml,
        signs, ", task: classification, labels: names", "auto", "softmax-cross-entropy")).toString());
    assertEquals(0, followed.code(), followed.describe());
    assertEquals("", followed.err());
  }

  /** Several large targets: the note names the largest and counts the others (linnerud's three). */
  @Test
  void theLargeTargetsNoteCountsTheOtherLargeTargets() throws Exception {
    Path yaml = Files.writeString(tmp.resolve("linnerud-unsaid.yaml"), Files.readString(
        Cli.EXAMPLES.resolve("linnerud.yaml")).replace("data/linnerud.csv",
        Cli.EXAMPLES.resolve("data/linnerud.csv").toAbsolutePath().normalize().toString())
        .replace("  standardize-targets: true\n", ""));
    Cli.Outcome o = Cli.run("validate", yaml.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.err().contains(": the target \"weight\" has mean "), o.err());
    assertTrue(o.err().contains(" (2 other targets as large) on the training split; "), o.err());
  }

  /**
   * A regression that diverges on large targets left unstandardized by default is told to standardize them first (the
   * diabetes progression under plain SGD: a smaller rate alone needed a hundredth); one whose experiment chose raw
   * targets is told of the rate alone.
   */
  @Test
  void aDivergenceOnLargeDefaultTargetsAdvisesStandardizingThemFirst() throws Exception {
    Path unsaid = Files.writeString(tmp.resolve("diabetes-unsaid.yaml"), Files.readString(Path.of(Cli.DIABETES))
        .replace("data/diabetes.csv", Cli.EXAMPLES.resolve("data/diabetes.csv").toAbsolutePath().toString())
        .replace("  standardize-targets: false\n", ""));
    String[] plainSgd = {"--set", "optimizer.name=sgd", "--set", "optimizer.learning-rate=0.01", "--set",
        "training.batch-size=1", "--set", "network.layers[1].activation=relu", "--set",
        "network.layers[1].units=32", "--output", tmp.resolve("runs").toString()};
    List<String> args = new java.util.ArrayList<>(List.of("train", unsaid.toString()));
    args.addAll(List.of(plainSgd));
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(3, o.code(), o.describe());
    String diverged = o.err().lines().filter(l -> l.startsWith("nn: training diverged")).findFirst().orElseThrow();
    assertTrue(diverged.matches("nn: training diverged: the loss became (NaN|Infinity) at epoch 1, update \\d+; the"
        + " target \"target\" has mean [0-9.]+ and standard deviation [0-9.]+, far from the scale of a network's"
        + " outputs, and errors that large make large updates: set data.standardize-targets: true, which trains on"
        + " standardized targets and predicts in their units; or try a smaller learning rate"), diverged);
    args.set(1, Cli.DIABETES);
    Cli.Outcome chosen = Cli.run(args.toArray(String[]::new));
    assertEquals(3, chosen.code(), chosen.describe());
    assertTrue(chosen.err().matches("(?s)nn: training diverged: the loss became \\S+ at epoch 1, update \\d+; try a"
        + " smaller learning rate\n.*"), chosen.err());
    args.addAll(List.of("--set", "data.standardize-targets=true"));
    args.set(1, unsaid.toString());
    Cli.Outcome standardized = Cli.run(args.toArray(String[]::new));
    assertEquals(0, standardized.code(), "the advice holds: " + standardized.describe());
  }

  /** Targets of the other end, a spread of 1e-9, are advised the same way (they trained to R² −1.8e13 unsaid). */
  @Test
  void tinyRawTargetsGetTheNoteToo() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int r = 0; r < 60; r++) {
      csv.append(r % 7).append(',').append(r % 5).append(',').append((r % 7) * 1e-9 - (r % 5) * 2e-10).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("tiny.csv"), csv.toString());
    Path yaml = Files.writeString(tmp.resolve("tiny.yaml"), "name: tiny\n"
        + "data: {train: {source: csv, path: " + data + ", target: y}}\n"
        + "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]}\n"
        + "loss: squared\n"
        + "training: {epochs: 1}\n");
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", tmp.resolve("tiny").toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.err().contains("tiny.csv: the target \"y\" has mean "), o.err());
    assertTrue(o.err().contains("far below the size of a network's first outputs"), o.err());
    Cli.Outcome said = Cli.run("train", yaml.toString(), "--set", "data.standardize-targets=true", "--output",
        tmp.resolve("tiny-scaled").toString());
    assertEquals("", said.err());
  }
}
