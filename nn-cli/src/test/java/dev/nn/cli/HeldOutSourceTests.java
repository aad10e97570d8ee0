package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held-out csv source ({@code data.test}, {@code data.validation}) is read with the training data's classes:
 * class indices as well as names. It may hold some of the classes only; a label the training data lacks is no
 * class, and the message says so; a file with other columns names the columns that differ.
 */
class HeldOutSourceTests {
  @TempDir
  Path tmp;

  private List<String> iris;
  private Path yaml;

  @BeforeEach
  void writeTheExperiment() throws Exception {
    iris = Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv"));
    Files.write(tmp.resolve("iris.csv"), iris);
    yaml = Files.writeString(tmp.resolve("iris.yaml"), "name: iris\n"
        + "data:\n"
        + "  train: {source: csv, path: iris.csv, target: target, task: classification}\n"
        + "  validation: {split: 0.0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 4, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: {name: adam, learning-rate: 0.01}\n"
        + "training: {epochs: 1, batch-size: 16}\n"
        + "output: {dir: runs}\n");
  }

  /** The header and the iris rows {@code keep} keeps, as {@code name}. */
  private Path rows(String name, Predicate<String> keep) throws Exception {
    List<String> lines = iris.stream().skip(1).filter(keep).collect(Collectors.toList());
    lines.add(0, iris.get(0));
    return Files.write(tmp.resolve(name), lines);
  }

  private static String testSource(Path file) {
    return "data.test={source: csv, path: " + file.toAbsolutePath() + ", target: target, task: classification}";
  }

  @Test
  void aTestFileWithSomeOfTheClassesIsReadWithTheTrainingClasses() throws Exception {
    Path noClass2 = rows("no-2.csv", l -> !l.endsWith(",2"));
    Path noClass0 = rows("no-0.csv", l -> !l.endsWith(",0"));
    for (Path test : List.of(noClass2, noClass0)) {
      Cli.Outcome v = Cli.run("validate", yaml.toString(), "--set", testSource(test));
      assertEquals(0, v.code(), v.describe());
      Cli.Outcome t = Cli.run("train", yaml.toString(), "--set", testSource(test), "--plain");
      assertEquals(0, t.code(), t.describe());
    }
  }

  /**
   * A held-out csv source that gives only its path is read as the training source is: its target, task, features
   * and labels. Its figures are those of the same rows read with every key repeated; a key it gives is its own.
   */
  @Test
  void aHeldOutSourceOfOnlyAPathIsReadAsTheTrainingSourceIs() throws Exception {
    Path test = rows("test.csv", l -> true);
    String trainIgnoring = "data.train={source: csv, path: " + tmp.resolve("iris.csv").toAbsolutePath()
        + ", target: target, task: classification,"
        + " features: {ignore: [sepal_width_cm]}, labels: names}";
    String full = "data.test={source: csv, path: " + test.toAbsolutePath() + ", target: target, task:"
        + " classification, features: {ignore: [sepal_width_cm]}, labels: names}";
    String bare = "data.test={source: csv, path: " + test.toAbsolutePath() + "}";
    Cli.Outcome v = Cli.run("validate", yaml.toString(), "--set", trainIgnoring, "--set", bare);
    assertEquals(0, v.code(), v.describe());
    Cli.Outcome repeated = Cli.run("train", yaml.toString(), "--set", trainIgnoring, "--set", full, "--plain",
        "--output", tmp.resolve("repeated").toString());
    assertEquals(0, repeated.code(), repeated.describe());
    Cli.Outcome inherited = Cli.run("train", yaml.toString(), "--set", trainIgnoring, "--set", bare, "--plain",
        "--output", tmp.resolve("inherited").toString());
    assertEquals(0, inherited.code(), inherited.describe());
    assertEquals(repeated.outLines("test "), inherited.outLines("test "));
    assertTrue(inherited.outLines("test ").get(0).contains("accuracy"), inherited.out());
    String resolved = Files.readString(Cli.onlyRun(tmp.resolve("inherited")).resolve("experiment.yaml"));
    assertTrue(resolved.contains("  test:\n    source: csv\n    path: " + test.toAbsolutePath() + "\n    target: target\n"
        + "    task: classification\n    features:\n      ignore: [sepal_width_cm]\n    labels: names\n"),
        "the run records what it read the file with:\n" + resolved);

    // a key the held-out source gives is its own: a regression of the class column, which the loss refuses
    Cli.Outcome own = Cli.run("validate", yaml.toString(), "--set", "data.test={source: csv, path: "
        + test.toAbsolutePath() + ", task: regression}");
    assertEquals(2, own.code(), own.describe());
    assertTrue(own.err().contains("is read for regression"), own.err());
  }

  @Test
  void aLabelTheTrainingDataLacksIsSaidToBeNoClassOfIt() throws Exception {
    List<String> lines = new java.util.ArrayList<>(iris);
    lines.set(2, lines.get(2).replaceAll(",0$", ",7"));
    Path unseen = Files.write(tmp.resolve("unseen.csv"), lines);
    Cli.Outcome v = Cli.run("validate", yaml.toString(), "--set", testSource(unseen));
    assertEquals(2, v.code(), v.describe());
    assertTrue(v.err().contains(unseen.getFileName() + ":3: class label \"7\" in column \"target\" is not a class of"
        + " the training data; classes: 0, 1, 2"), v.err());
  }

  /** With one-hot columns the held-out file's columns are compared by name as without: the lacking one is named. */
  @Test
  void aTestFileLackingAColumnNamesItWithOneHotColumnsToo() throws Exception {
    List<String> lines = iris.stream().map(l -> l.replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,"))
        .collect(Collectors.toList());
    Path three = Files.write(tmp.resolve("three.csv"), lines);
    Cli.Outcome v = Cli.run("validate", yaml.toString(), "--set", testSource(three), "--set",
        "data.one-hot=[sepal_length_cm]");
    assertEquals(2, v.code(), v.describe());
    assertTrue(v.err().contains("[nn/ShapeMismatch] data.test: " + tmp.resolve("three.csv")
        + " has 3 feature columns, the training data 4; it lacks the column \"petal_width_cm\" of the training"
        + " data"), v.err());
  }

  @Test
  void aTestFileLackingAColumnNamesIt() throws Exception {
    List<String> lines = iris.stream().map(l -> l.replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,"))
        .collect(Collectors.toList());
    Path three = Files.write(tmp.resolve("three.csv"), lines);
    Cli.Outcome v = Cli.run("validate", yaml.toString(), "--set", testSource(three));
    assertEquals(2, v.code(), v.describe());
    assertTrue(v.err().contains("[nn/ShapeMismatch] data.test: " + tmp.resolve("three.csv")
        + " has 3 feature columns, the training data 4; it lacks the column \"petal_width_cm\" of the training"
        + " data"), v.err());
  }

  /**
   * A training source whose target is {@code last}, written or by default, gives a held-out file the target by its
   * name: "last" was applied to the held-out file by position, so a file with its columns in another order, or
   * with a column after the target, lost its target (refused as "feature column … is the target column", or a
   * column of ids read as classes).
   */
  @Test
  void aTrainingTargetOfLastIsFoundByNameInAHeldOutFile() throws Exception {
    Path lastYaml = Files.writeString(tmp.resolve("last.yaml"), Files.readString(yaml)
        .replace("target: target, task: classification", "task: classification"));
    List<String> reordered = iris.stream().map(l -> {
      String[] f = l.split(",");
      return f[3] + "," + f[0] + "," + f[4] + "," + f[2] + "," + f[1];
    }).collect(Collectors.toList());
    List<String> extra = new java.util.ArrayList<>();
    for (int i = 0; i < iris.size(); i++) {
      extra.add(iris.get(i) + (i == 0 ? ",id" : ",p" + i));
    }
    Path same = Files.write(tmp.resolve("same.csv"), iris);
    String sameOut = null;
    for (Path file : List.of(same, Files.write(tmp.resolve("reordered.csv"), reordered),
        Files.write(tmp.resolve("extra.csv"), extra))) {
      Cli.Outcome t = Cli.run("train", lastYaml.toString(), "--plain", "--set", "data.test={source: csv, path: "
          + file + "}", "--output", tmp.resolve("runs-" + file.getFileName()).toString());
      assertEquals(0, t.code(), file + ": " + t.describe());
      String test = t.outLines("test ").get(0);
      if (sameOut == null) {
        sameOut = test;
      }
      assertEquals(sameOut, test, file.toString());
    }
  }

  /** Written in the file, the held-out source is named at its line, as any problem of a key written there is. */
  @Test
  void aValidationFileLackingAColumnIsAProblemAtItsLine() throws Exception {
    List<String> lines = iris.stream().map(l -> l.replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,"))
        .collect(Collectors.toList());
    Files.write(tmp.resolve("three.csv"), lines);
    Path written = Files.writeString(tmp.resolve("written.yaml"), Files.readString(yaml).replace(
        "  validation: {split: 0.0}\n", "  validation:\n    source: csv\n    path: three.csv\n"));
    Cli.Outcome v = Cli.run("validate", written.toString());
    assertEquals(2, v.code(), v.describe());
    assertTrue(v.err().contains("[nn/ShapeMismatch] data.validation (line 5, col 5): " + tmp.resolve("three.csv")
        + " has 3 feature columns, the training data 4; it lacks the column \"petal_width_cm\""), v.err());
  }

  /**
   * A held-out file with the training data's columns in another order (saved by another program) is read by name,
   * as nn evaluate reads it: its figures are those of the file in the training order. It was refused.
   */
  @Test
  void aTestFileWithTheColumnsInAnotherOrderIsReadByName() throws Exception {
    List<String> swapped = iris.stream().map(l -> l.replaceFirst("^([^,]*),([^,]*),", "$2,$1,"))
        .collect(Collectors.toList());
    Path reordered = Files.write(tmp.resolve("reordered.csv"), swapped);
    Path same = Files.write(tmp.resolve("same.csv"), iris);
    Cli.Outcome a = Cli.run("train", yaml.toString(), "--plain", "--set", testSource(reordered), "--output",
        tmp.resolve("a").toString());
    Cli.Outcome b = Cli.run("train", yaml.toString(), "--plain", "--set", testSource(same), "--output",
        tmp.resolve("b").toString());
    assertEquals(0, a.code(), a.describe());
    assertEquals(0, b.code(), b.describe());
    assertEquals(b.outLines("test ").get(0), a.outLines("test ").get(0));
  }

  @Test
  void aTestFileWithARenamedColumnNamesTheDifference() throws Exception {
    List<String> renamed = new java.util.ArrayList<>(iris);
    renamed.set(0, renamed.get(0).replace("sepal_width_cm", "sepal_width"));
    Path file = Files.write(tmp.resolve("renamed.csv"), renamed);
    Cli.Outcome v = Cli.run("validate", yaml.toString(), "--set", testSource(file));
    assertEquals(2, v.code(), v.describe());
    assertTrue(v.err().contains("[nn/ShapeMismatch] data.test: " + file + "'s feature columns are not the training"
        + " data's; it lacks the column \"sepal_width_cm\" of the training data; it has the column"
        + " \"sepal_width\", which the training data lacks"), v.err());
  }
}
