package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.data.DataException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment whose training data Spark reads where it lies ({@code source: spark}): a Parquet table, read
 * by the executors; the run directory, model and provenance are those of any run.
 */
class SparkSourceTests {
  static final Path IRIS = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize();

  static SparkSession spark;
  static Path table;

  @TempDir
  static Path work;

  @BeforeAll
  static void writeTable() {
    spark = LocalSpark.get();
    table = work.resolve("iris.parquet");
    // the CSV file as a Parquet table in three files, as a cluster's data would be
    spark.read().option("header", "true").option("inferSchema", "true").csv(IRIS.toString()).repartition(3)
        .write().mode(SaveMode.Overwrite).parquet(table.toString());
  }

  static String experiment(String source) {
    return """
        name: iris-parquet
        seed: 5
        data:
          train: %s
          validation: {split: 0.2}
          test: {split: 0.2}
          standardize: true
        network:
          layers:
            - {units: auto}
            - {units: 8, activation: tanh}
            - {units: auto, activation: identity}
        loss: softmax-cross-entropy
        optimizer: {name: adam, learning-rate: 0.05}
        training: {epochs: 30, batch-size: 16}
        distributed: {partitions: 2, mode: averaging, average-every: 4}
        """.formatted(source);
  }

  @Test
  void aParquetTableTrainsAModelThatPredictsTheFile() throws Exception {
    Nn nn = Nn.create();
    TrainingRun.Result run = nn.train(nn.parse(experiment("{source: spark, format: parquet, path: \"file://" + table
        + "\", target: target, task: classification}"), List.of()), TrainingRun.Options.into(work.resolve("runs")));
    List<Double> losses = run.training().epochs().stream().map(e -> e.trainLoss()).toList();
    assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), "losses " + losses);
    // the saved model, on the raw rows of the original file: its scaler came from the executors' statistics
    Model model = nn.loadModel(run.directory().modelFile());
    List<String> lines = Files.readAllLines(IRIS);
    int right = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] x = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
          Double.parseDouble(f[3])};
      double[] p = model.predict(x);
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        best = p[k] > p[best] ? k : best;
      }
      right += best == Integer.parseInt(f[4]) ? 1 : 0;
    }
    double accuracy = right / (double) (lines.size() - 1);
    System.out.printf("iris from Parquet, averaging on 2 parts: loss %.4f -> %.4f, accuracy on the file %.4f%n",
        losses.get(0), losses.get(losses.size() - 1), accuracy);
    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    assertEquals(List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
        model.spec().features());
    // validation figures every epoch and test figures at the end, computed where the held-out rows lie
    assertTrue(run.training().epochs().stream().allMatch(e -> e.validation() != null && e.validation().rows() > 0));
    assertTrue(run.validation().accuracy() > 0.8, "validation accuracy " + run.validation().accuracy());
    assertTrue(run.test().accuracy() > 0.8, "test accuracy " + run.test().accuracy());
    int heldOut = run.validation().rows() + run.test().rows();
    assertTrue(heldOut > 30 && heldOut < 90, "about 40% of 150 rows held out, found " + heldOut);
    System.out.printf("iris from Parquet: validation %d rows, accuracy %.4f; test %d rows, accuracy %.4f%n",
        run.validation().rows(), run.validation().accuracy(), run.test().rows(), run.test().accuracy());
    String provenance = Files.readString(run.directory().provenanceFile());
    assertTrue(provenance.contains("data: parquet file://" + table), provenance);
  }

  @Test
  void aMissingColumnIsOneMessageNamingTheColumnsThere() {
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: parquet, path: \"" + table + "\", target: species, task: classification}"),
        List.of()), TrainingRun.Options.into(work.resolve("bad"))));
    assertEquals(table + " has no column \"species\"; its columns: sepal_length_cm, sepal_width_cm, "
        + "petal_length_cm, petal_width_cm, target", e.getMessage());
    assertTrue(!Files.exists(work.resolve("bad")), "no run directory");
  }

  @Test
  void aColumnOfTextIsOneMessageSayingWhatNnNeeds() {
    Path words = work.resolve("iris-words.parquet");
    spark.read().option("header", "true").option("inferSchema", "true").csv(IRIS.toString())
        .withColumn("target", functions.concat(functions.lit("class-"), functions.col("target")))
        .write().mode(SaveMode.Overwrite).parquet(words.toString());
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, path: \"" + words + "\", target: target, task: classification}"), List.of()),
        TrainingRun.Options.into(work.resolve("words"))));
    assertEquals("column \"target\" of " + words + " holds string values: 150 values are not numbers, the first"
        + " \"class-0\" in the row [5.1, 3.5, 1.4, 0.2, class-0]; nn trains on numbers (class labels as 0, 1, …; Spark's"
        + " StringIndexer makes them)", e.getMessage());
    assertTrue(!Files.exists(work.resolve("words")), "no run directory");
  }

  /** One word among a CSV table's numbers is named with its row: Spark gives a table no line numbers to name. */
  @Test
  void aWordAmongNumbersIsNamedWithItsRow() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(IRIS));
    assertEquals("5,3.3,1.4,0.2,0", lines.get(50));
    lines.set(50, "5,abc,1.4,0.2,0");
    Path csv = work.resolve("iris-one-word.csv");
    Files.write(csv, lines);
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: csv, path: \"" + csv + "\", target: target, task: classification}"), List.of()),
        TrainingRun.Options.into(work.resolve("one-word"))));
    assertEquals("column \"sepal_width_cm\" of " + csv + " holds string values: \"abc\" in the row"
        + " [5.0, abc, 1.4, 0.2, 0] is not a number; nn trains on numbers (class labels as 0, 1, …; Spark's"
        + " StringIndexer makes them)", e.getMessage());
    assertTrue(!Files.exists(work.resolve("one-word")), "no run directory");
  }

  /** A CSV file read as Parquet: Spark's own first line ends before the reason ("… awaitResult: "). */
  @Test
  void aFileInAnotherFormatThanParquetSaysWhyInOneLine() {
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: parquet, path: \"" + IRIS + "\", target: target, task: classification}"),
        List.of()), TrainingRun.Options.into(work.resolve("not-parquet"))));
    System.out.println("csv read as parquet: " + e.getMessage());
    assertEquals("cannot read parquet data at " + IRIS + ": file:" + IRIS + " is not a Parquet file. Expected magic"
        + " number at tail, but found [56, 44, 50, 10]; set data.train.format to the format the data is in",
        e.getMessage());
    assertTrue(!Files.exists(work.resolve("not-parquet")), "no run directory");
  }

  /**
   * A path on this machine that is not there is said before Spark starts, naming its key; one Spark finds missing (a
   * file: URI's, here through a glob nn leaves to Spark) gives Spark's reason, and no word of the format, which is
   * not what is wrong.
   */
  @Test
  void aMissingPathSaysSoWithoutBlamingTheFormat() {
    Nn nn = Nn.create();
    String absent = work.resolve("absent.parquet").toString();
    DataException early = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: parquet, path: \"" + absent + "\", target: target, task: classification}"),
        List.of()), TrainingRun.Options.into(work.resolve("absent"))));
    assertEquals(absent + ": not found; data.train.path names it (a file, or a folder of a table's parts, on this"
        + " machine)", early.getMessage());
    String glob = work.resolve("absent-*.parquet").toString();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: parquet, path: \"" + glob + "\", target: target, task: classification}"),
        List.of()), TrainingRun.Options.into(work.resolve("absent"))));
    assertTrue(e.getMessage().startsWith("cannot read parquet data at " + glob + ": "), e.getMessage());
    assertTrue(!e.getMessage().contains("data.train.format"), e.getMessage());
    assertTrue(!Files.exists(work.resolve("absent")), "no run directory");
  }

  /** A CSV file read as JSON: Spark keeps its lines in a column of corrupt records, which the user never named. */
  @Test
  void aFileOfNoJsonRecordsSaysSo() {
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: json, path: \"" + IRIS + "\", target: target, task: classification}"),
        List.of()), TrainingRun.Options.into(work.resolve("not-json"))));
    assertEquals("cannot read json data at " + IRIS + ": it holds no JSON records of the shape nn reads (one JSON"
        + " object per line, its fields the columns); set data.train.format to the format the data is in",
        e.getMessage());
    assertTrue(!Files.exists(work.resolve("not-json")), "no run directory");
  }

  /** The iris table with {@code change} applied, written as Parquet under {@code name}. */
  private static Path tableOf(String name, java.util.function.UnaryOperator<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> change) {
    Path t = work.resolve(name + ".parquet");
    change.apply(spark.read().option("header", "true").option("inferSchema", "true").csv(IRIS.toString()))
        .write().mode(SaveMode.Overwrite).parquet(t.toString());
    return t;
  }

  private static String source(Path t) {
    return "{source: spark, path: \"" + t + "\", target: target, task: classification}";
  }

  /**
   * A class label that is not a whole number is refused as a csv source refuses it, naming the table and the column
   * (Spark knows no line): it was taken as a class of its own, and the network got a fourth output "2.5".
   */
  @Test
  void aFractionalClassLabelIsRefusedNamingTheTableAndColumn() {
    Nn nn = Nn.create();
    Path t = tableOf("fractional", d -> d.withColumn("target", functions.expr(
        "CASE WHEN petal_length_cm = 1.4 AND sepal_length_cm = 5.1 THEN 2.5 ELSE target END")));
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(t)), List.of()),
        TrainingRun.Options.into(work.resolve("runs-fractional"))));
    assertEquals(t + ": class label \"2.5\" in column \"target\" is not an integer (2 rows hold it); classification"
        + " targets must be class indices 0..k-1 (if the column holds a quantity, set task: regression on the source)",
        e.getMessage());
    assertTrue(!Files.exists(work.resolve("runs-fractional")), "no run directory");
  }

  /** A negative class label, or labels with a gap, are refused as a csv source refuses them: not indices 0..k-1. */
  @Test
  void aNegativeClassLabelOrAGapIsRefusedNamingTheTableAndColumn() {
    Nn nn = Nn.create();
    Path negative = tableOf("negative", d -> d.withColumn("target", functions.expr(
        "CASE WHEN target = 0 THEN -1 ELSE target END")));
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(negative)),
        List.of()), TrainingRun.Options.into(work.resolve("runs-negative"))));
    assertEquals(negative + ": class label \"-1\" in column \"target\" is negative (50 rows hold it); classification"
        + " targets must be class indices 0..k-1, as Spark's StringIndexer numbers classes (if the column holds a"
        + " quantity, set task: regression on the source)", e.getMessage());
    Path gap = tableOf("gap", d -> d.withColumn("target", functions.expr(
        "CASE WHEN target = 1 THEN 3 ELSE target END")));
    DataException g = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(gap)), List.of()),
        TrainingRun.Options.into(work.resolve("runs-gap"))));
    assertEquals(gap + ": column \"target\" has class labels up to 3 but no row of class 1; classes must be numbered"
        + " 0..3 without gaps, as Spark's StringIndexer numbers them", g.getMessage());
    assertTrue(!Files.exists(work.resolve("runs-negative")) && !Files.exists(work.resolve("runs-gap")),
        "no run directory");
  }

  /**
   * A missing, NaN or infinite value in a feature column is one message naming the table, its column and how many
   * such values it holds, before any run directory: Spark's assembler refused it in its own words (missing,
   * NaN), nn's check under the vector's internal column (infinite), and either was "a bug in nn".
   */
  @Test
  void aValueThatIsNoFiniteNumberIsNamedByItsColumn() {
    Nn nn = Nn.create();
    for (String[] value : new String[][] {{"null", "missing", "(missing)"}, {"double('NaN')", "nan", "NaN"},
        {"double('Infinity')", "inf", "Infinity"}}) {
      Path t = tableOf(value[1], d -> d.withColumn("sepal_width_cm", functions.expr(
          "CASE WHEN petal_length_cm = 1.4 AND sepal_length_cm = 5.1 THEN " + value[0] + " ELSE sepal_width_cm END")));
      DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(t)), List.of()),
          TrainingRun.Options.into(work.resolve("runs-" + value[1]))), value[1]);
      assertEquals(t + ": column \"sepal_width_cm\" holds 2 values that are missing, NaN or infinite (the first in the"
          + " row [5.1, " + value[2] + ", 1.4, 0.2, 0]); every row of a"
          + " spark table needs a finite number in each feature column and the target: filter or fill such rows before"
          + " training", e.getMessage());
      assertTrue(!Files.exists(work.resolve("runs-" + value[1])), "no run directory");
    }
  }

  /** An empty table and a table of one class are problems of the data, named by the table (not "a bug in nn"). */
  @Test
  void anEmptyTableOrOneOfOneClassIsADataProblemNamingIt() {
    Nn nn = Nn.create();
    Path empty = tableOf("empty", d -> d.limit(0));
    DataException none = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(empty)),
        List.of()), TrainingRun.Options.into(work.resolve("runs-empty"))));
    assertEquals(empty + ": the data frame has no rows to train on", none.getMessage());
    Path one = tableOf("one-class", d -> d.filter("target = 0"));
    DataException single = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(one)),
        List.of()), TrainingRun.Options.into(work.resolve("runs-one"))));
    assertTrue(single.getMessage().startsWith(one + ": classification needs at least 2 distinct values in column"),
        single.getMessage());
  }

  /**
   * The classes are those of the whole table, as a csv source's: a class whose rows all fall in the held-out rows
   * is still an output of the network, where the first validation failed inside a Spark task.
   */
  @Test
  void aClassOnlyInTheHeldOutRowsIsStillAClass() {
    Nn nn = Nn.create();
    // classes 0 and 1, and one row of class 2, which some seed's split holds out
    Path rare = tableOf("rare", d -> d.filter("target < 2").union(d.filter("target = 2").limit(1)));
    for (int seed = 1; seed <= 6; seed++) {
      TrainingRun.Result r = nn.train(nn.parse(experiment(source(rare)), List.of("seed=" + seed,
          "training.epochs=1")), TrainingRun.Options.into(work.resolve("rare-" + seed)));
      assertEquals(3, r.model().network().width(r.model().network().outputLayer()), "seed " + seed);
    }
  }

  /** A spark source's feature list is checked as a csv source's, at its key, before Spark reads anything. */
  @Test
  void theFeatureListIsCheckedAsACsvSourcesIs() {
    Nn nn = Nn.create();
    for (String[] c : new String[][] {
        {"[sepal_length_cm, target]", "data.train.features[1]", "column \"target\" is the target column; a column is"
            + " either the target or a feature"},
        {"[sepal_length_cm, sepal_length_cm]", "data.train.features[1]", "column \"sepal_length_cm\" is listed twice"},
        {"[]", "data.train.features", "the list of feature columns is empty"}}) {
      dev.nn.spi.ConfigException e = assertThrows(dev.nn.spi.ConfigException.class, () -> nn.parse(experiment(
          "{source: spark, path: \"" + table + "\", target: target, task: classification, features: " + c[0] + "}"),
          List.of()), c[0]);
      assertEquals(c[1], e.problems().get(0).path(), c[0]);
      assertEquals(c[2], e.problems().get(0).message(), c[0]);
    }
  }


  /** Stops a run after its {@code epoch}-th epoch, as a kill would, leaving its checkpoints. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A table on this machine is recorded file by file, as a csv source's file is: rewritten after the run started,
   * it is changed data, and a resume is refused naming its files, as for any data file (it trained on without a
   * word).
   */
  @Test
  void resumingOntoATableThatChangedIsRefused() {
    resumingOntoAChangedTableIsRefused("changing", t -> t.toString());
  }

  /**
   * A table given as a glob is recorded file by file as a folder is, each file it matches: rewritten after the run
   * started, a resume is refused (its files were not recorded, and a resume trained on changed data without a word).
   */
  @Test
  void resumingOntoAGlobsTableThatChangedIsRefused() {
    resumingOntoAChangedTableIsRefused("changing-glob", t -> t + "/part-*.parquet");
  }

  /** A glob's files are those Hadoop's glob matches, as Spark reads them: {@code *}, {@code ?}, {@code [...]}, {a,b}. */
  @Test
  void aGlobListsTheFilesItMatches() throws Exception {
    Path d = Files.createDirectories(work.resolve("globbed"));
    for (String f : List.of("a1.csv", "a2.csv", "b1.csv", "c.txt")) {
      Files.writeString(d.resolve(f), "x,target\n1,0\n");
    }
    Files.createDirectories(d.resolve("sub1"));
    Files.writeString(d.resolve("sub1/part.csv"), "x,target\n1,0\n");
    java.util.function.Function<String, List<Path>> files = glob -> SparkSources.localFiles(
        new dev.nn.core.config.SourceSpec.Spark("csv", glob, "target", List.of(),
            dev.nn.core.data.Task.CLASSIFICATION, new dev.nn.core.config.Position("data.train", 0, 0)));
    assertEquals(List.of(d.resolve("a1.csv"), d.resolve("a2.csv"), d.resolve("b1.csv")), files.apply(d + "/*.csv"));
    assertEquals(List.of(d.resolve("a1.csv"), d.resolve("b1.csv")), files.apply(d + "/?1.csv"));
    assertEquals(List.of(d.resolve("a2.csv"), d.resolve("b1.csv")), files.apply(d + "/{a2,b1}.csv"));
    assertEquals(List.of(d.resolve("a1.csv"), d.resolve("a2.csv")), files.apply("file://" + d + "/[a]*"));
    assertEquals(List.of(d.resolve("sub1/part.csv")), files.apply(d + "/sub*"));
    assertEquals(List.of(), files.apply(d + "/none*"));
  }

  private void resumingOntoAChangedTableIsRefused(String name, java.util.function.Function<Path, String> location) {
    Path t = tableOf(name, d -> d);
    Nn nn = Nn.create();
    Path runs = work.resolve("runs-" + name);
    dev.nn.core.train.TrainingListener stop = new dev.nn.core.train.TrainingListener() {
      @Override
      public void onEpochEnd(dev.nn.core.train.Trainer trainer, dev.nn.core.train.EpochReport report) {
        if (report.epoch() == 2) {
          throw new Stop();
        }
      }
    };
    String source = "{source: spark, path: \"" + location.apply(t) + "\", target: target, task: classification}";
    assertThrows(Stop.class, () -> nn.train(nn.parse(experiment(source), List.of("training.epochs=4")),
        new TrainingRun.Options(runs, null, List.of(), List.of(stop), Nn.version())));
    Path run;
    try (var dirs = Files.list(runs)) {
      run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    tableOf(name, d -> d.withColumn("target", functions.expr("(target + 1) % 3")));
    dev.nn.core.run.RunFileException e = assertThrows(dev.nn.core.run.RunFileException.class,
        () -> nn.resume(run, TrainingRun.Options.defaults()));
    assertTrue(e.getMessage().contains("the data changed since the run started: " + t), e.getMessage());
  }


  /** A table of fewer training rows than parts trains, and a note says how many parts are empty. */
  @Test
  void morePartsThanTheTablesTrainingRowsAreNoted() {
    Nn nn = Nn.create();
    List<String> notices = new java.util.ArrayList<>();
    nn.train(nn.parse(experiment(source(table)), List.of("training.epochs=1", "distributed.partitions=200")),
        TrainingRun.Options.into(work.resolve("runs-many-parts")).withNotices(notices::add));
    assertEquals(1, notices.stream().filter(n -> n.matches("distributed\\.partitions is 200, more than the \\d+"
        + " training rows: \\d+ parts are empty, and each still costs a task per round; at most \\d+ parts train as"
        + " fast or faster")).count(), notices.toString());
  }

  /**
   * A row the held-out rows cannot take (here a missing target) is found before training, whichever split the
   * seed puts it in: it was found after the last epoch when it fell in the test rows, with the run left failed.
   */
  @Test
  void aBadRowInTheHeldOutRowsIsFoundBeforeTraining() {
    Path t = tableOf("bad-target", d -> d.withColumn("target", functions.expr(
        "CASE WHEN petal_length_cm = 1.4 AND sepal_length_cm = 5.1 THEN null ELSE target END")));
    Nn nn = Nn.create();
    for (int seed = 1; seed <= 8; seed++) {
      Path runs = work.resolve("runs-bad-target-" + seed);
      int s = seed;
      DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(source(t)),
          List.of("seed=" + s, "training.epochs=1")), TrainingRun.Options.into(runs)), "seed " + seed);
      assertTrue(e.getMessage().startsWith(t + ": column \"target\" holds 2 values that are missing"), e.getMessage());
      assertTrue(!Files.exists(runs), "no run directory, seed " + seed);
    }
  }


  /** A csv file of its header alone is a table without rows, said so (its columns, without values, are text). */
  @Test
  void aCsvFileOfAHeaderAloneHasNoRows() throws Exception {
    Path header = Files.writeString(work.resolve("header-only.csv"), Files.readAllLines(IRIS).get(0) + "\n");
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.train(nn.parse(experiment(
        "{source: spark, format: csv, path: \"" + header + "\", target: target, task: classification}"), List.of()),
        TrainingRun.Options.into(work.resolve("runs-header"))));
    assertEquals(header + ": no data rows after the header; there is nothing to train on", e.getMessage());
  }

}
