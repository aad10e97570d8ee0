package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.model.Model;
import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network.weights-from}: a run that starts from a saved model's weights, biases and standardization. With
 * plain SGD, no shuffling and a constant rate an epoch depends only on the weights it starts from, so two epochs
 * from the model of a 2-epoch run end with the bits of a 4-epoch run; a model of other layers, features or
 * standardization is refused before anything is written, naming the model and what differs.
 */
class FineTuningTests {
  @TempDir
  Path tmp;

  private static final String PIMA = Cli.EXAMPLES.resolve("pima.yaml").toString();
  /** Plain SGD over the rows in file order: nothing but the starting weights carries from one epoch to the next. */
  private static final List<String> PLAIN = List.of("--set", "optimizer=sgd", "--set", "optimizer.learning-rate=0.05",
      "--set", "training.shuffle=false", "--plain");

  private Path trained(String into, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("train", PIMA, "--output", tmp.resolve(into).toString()));
    args.addAll(PLAIN);
    args.addAll(List.of(more));
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.describe());
    return Cli.onlyRun(tmp.resolve(into));
  }

  /** {@code nn validate} of pima with {@code sets} exits 2, its report holding {@code expected}. */
  private static void refused(String expected, String... sets) {
    List<String> args = new ArrayList<>(List.of("validate", PIMA));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains(expected), o.err());
  }

  private static double[] parameters(Path run) {
    return Model.readStored(run.resolve(RunDirectory.MODEL)).params();
  }

  @Test
  void twoEpochsFromTheModelOfTwoEndWithTheBitsOfFour() throws Exception {
    Path four = trained("four", "--set", "training.epochs=4");
    Path two = trained("two", "--set", "training.epochs=2");
    Path model = two.resolve(RunDirectory.MODEL);
    Path tuned = trained("tuned", "--set", "training.epochs=2", "--set", "network.weights-from=" + model);

    assertArrayEquals(parameters(four), parameters(tuned));
    assertFalse(Arrays.equals(parameters(two), parameters(tuned)), "trained on from the model");
    // the run records the model it started from as it records its data, and writes the key it resumes with
    String provenance = Files.readString(tuned.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("- path: " + model + "\n  sha256: " + dev.nn.core.io.Sha256.of(model)),
        provenance);
    String written = Files.readString(tuned.resolve(RunDirectory.EXPERIMENT));
    assertTrue(written.contains("  weights-from: " + model + "\n"), written);
    assertFalse(written.contains("init:"), written);
    Cli.Outcome valid = Cli.run("validate", tuned.resolve(RunDirectory.EXPERIMENT).toString());
    assertEquals(0, valid.code(), valid.describe());
    assertTrue(valid.out().contains("  weights    from " + model + "\n"), valid.out());
  }

  /**
   * A fine-tuning interrupted after epoch 3 resumes from its checkpoint to the bits of the run never stopped; a
   * resume after the model file changed is refused, as after a data file changed.
   */
  @Test
  void aFineTuningResumesAndRefusesAChangedModel() throws Exception {
    Path model = trained("start", "--set", "training.epochs=2").resolve(RunDirectory.MODEL);
    Nn nn = Nn.create();
    List<String> sets = List.of("optimizer=sgd", "optimizer.learning-rate=0.05", "training.shuffle=false",
        "training.epochs=5", "network.weights-from=" + model);
    Experiment five = nn.load(Path.of(PIMA), sets);
    Path interrupted = ResumeTests.interruptedAfterEpoch3(nn, five, tmp.resolve("interrupted"));
    Cli.Outcome resumed = Cli.run("train", "--resume", interrupted.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    Path whole = trained("whole", "--set", "training.epochs=5", "--set", "network.weights-from=" + model);
    assertArrayEquals(parameters(whole), parameters(interrupted));

    Path again = ResumeTests.interruptedAfterEpoch3(nn, five, tmp.resolve("again"));
    Files.write(model, Files.readAllBytes(whole.resolve(RunDirectory.MODEL)));
    Cli.Outcome refused = Cli.run("train", "--resume", again.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertTrue(refused.err().contains("the data changed since the run started") && refused.err().contains(
        model.toString()), refused.err());
  }

  /**
   * A gradient check and a learning-rate test of a fine-tuning start from the model's weights and say so (they
   * named only the network, as if it were drawn by the initializer).
   */
  @Test
  void gradcheckAndLrFindSayTheyStartFromTheModel() throws Exception {
    Path model = trained("model", "--set", "training.epochs=1").resolve(RunDirectory.MODEL);
    Cli.Outcome check = Cli.run("gradcheck", PIMA, "--set", "network.weights-from=" + model, "--samples", "2");
    assertEquals(0, check.code(), check.describe());
    assertTrue(check.out().startsWith("network 8-16-1 (relu, identity), 161 parameters, starting from the weights of "
        + model + "; checking on 2 training samples"), check.out());
    Cli.Outcome range = Cli.run("lr-find", PIMA, "--set", "network.weights-from=" + model, "--updates", "10");
    assertEquals(0, range.code(), range.describe());
    assertTrue(range.out().startsWith("network 8-16-1 (relu, identity), 161 parameters, starting from the weights of "
        + model + "; 10 updates"), range.out());
  }

  /** An autoencoder's targets are its inputs: its model fine-tunes as it was trained (it was refused, told its targets). */
  @Test
  void anAutoencoderFineTunes() throws Exception {
    String autoencoder = Cli.EXAMPLES.resolve("autoencoder-untied.yaml").toString();
    List<String> small = List.of("--set", "data.train.limit=300", "--set", "training.epochs=1", "--plain");
    List<String> first = new ArrayList<>(List.of("train", autoencoder, "--output", tmp.resolve("first").toString()));
    first.addAll(small);
    Cli.Outcome o = Cli.run(first.toArray(String[]::new));
    assertEquals(0, o.code(), o.describe());
    Path model = Cli.onlyRun(tmp.resolve("first")).resolve(RunDirectory.MODEL);
    List<String> tune = new ArrayList<>(List.of("train", autoencoder, "--output", tmp.resolve("tuned").toString(),
        "--set", "network.init=", "--set", "network.weights-from=" + model));
    tune.addAll(small);
    Cli.Outcome tuned = Cli.run(tune.toArray(String[]::new));
    assertEquals(0, tuned.code(), tuned.describe());
  }

  /**
   * Validation and test rows drawn by another split than the model's own run's may hold rows the model trained on: a
   * note says so; with that run's data section and seed they are the same rows, and nothing is said.
   */
  @Test
  void heldOutRowsOfAnotherSplitThanTheModelsRunGetANote() throws Exception {
    Path model = trained("start", "--set", "training.epochs=1").resolve(RunDirectory.MODEL);
    Cli.Outcome same = Cli.run("validate", PIMA, "--set", "network.weights-from=" + model);
    assertEquals(0, same.code(), same.describe());
    assertFalse(same.err().contains("optimistic"), same.err());
    Cli.Outcome other = Cli.run("validate", PIMA, "--set", "network.weights-from=" + model, "--set", "seed=7");
    assertEquals(0, other.code(), other.describe());
    assertTrue(other.err().contains("nn: the validation and test rows are drawn from data.train by this run's split,"
        + " and the model " + model + " may have trained on some of them, which makes their figures optimistic"),
        other.err());
    // another seed, but the model's split seed: the same rows held out, nothing to say
    Cli.Outcome splitSeed = Cli.run("validate", PIMA, "--set", "network.weights-from=" + model, "--set", "seed=7",
        "--set", "data.split-seed=42");
    assertEquals(0, splitSeed.code(), splitSeed.describe());
    assertFalse(splitSeed.err().contains("optimistic"), splitSeed.err());
    // the same data section, but rows appended to its file: the split draws other rows, some of them trained on
    Path grown = tmp.resolve("grown.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(Cli.EXAMPLES.resolve("data/pima_indians_diabetes.csv")));
    lines.addAll(lines.subList(1, 101));
    Files.write(grown, lines);
    Path first = trained("grown", "--set", "training.epochs=1", "--set", "data.train.path=" + grown);
    lines.addAll(lines.subList(1, 101));
    Files.write(grown, lines);
    Cli.Outcome appended = Cli.run("validate", PIMA, "--set", "network.weights-from=" + first.resolve(
        RunDirectory.MODEL), "--set", "data.train.path=" + grown);
    assertEquals(0, appended.code(), appended.describe());
    assertTrue(appended.err().contains("figures optimistic"), appended.err());
  }

  @Test
  void aModelOfOtherLayersFeaturesOrStandardizationIsRefusedNamingIt() throws Exception {
    Path model = trained("start", "--set", "training.epochs=1").resolve(RunDirectory.MODEL);
    String from = "network.weights-from=" + model;

    Cli.Outcome layers = Cli.run("train", PIMA, "--set", from, "--set", "network.layers[1].units=8", "--output",
        tmp.resolve("layers").toString());
    assertEquals(2, layers.code(), layers.describe());
    assertTrue(layers.err().contains("[nn/ShapeMismatch] network.weights-from: the model " + model + " has layers"
        + " 8-16-1, and the experiment's network 8-8-1\n   Allowed: a model of the experiment's layers, 8-8-1"),
        layers.err());

    refused("the model " + model + " was trained on other features than the experiment's data reads: the data lacks"
        + " \"age\", and the data has \"diabetes\", which the model lacks", from, "data.train.target=age",
        "data.train.task=regression", "loss=squared", "data.stratify=false", "training.class-weights=");
    refused("the model " + model + " standardizes its inputs, and the experiment says data.standardize: false", from,
        "data.standardize=false");
    // every difference in one report (features, targets, classes, standardization): one round of edits mends them
    refused("Invalid experiment " + PIMA + " — 4 problems:", from, "data.standardize=false", "data.train.target=age",
        "data.train.task=regression", "loss=squared", "data.stratify=false", "training.class-weights=");
    refused("[nn/OutOfRange] network.init: network.weights-from gives the starting weights and biases, so no"
        + " initializer draws them", from, "network.init=he-uniform");
    refused("nn: " + tmp.resolve("none.nnm") + ": no such file; expected an nn model file (model.nnm in a run"
        + " directory); network.weights-from names it as the model the run starts from (its weights and"
        + " standardization): a new run names an intact nn model file (a run directory's model.nnm); a run that"
        + " started from it resumes only with that file back as it was\n",
        "network.weights-from=" + tmp.resolve("none.nnm"));
    // another number of features than the standardized model's: named, before its standardizer meets them (a crash)
    Path fewer = tmp.resolve("fewer.csv");
    Files.write(fewer, Files.readAllLines(Cli.EXAMPLES.resolve("data/pima_indians_diabetes.csv")).stream()
        .map(line -> line.substring(line.indexOf(',') + 1)).toList());
    refused("the model " + model + " was trained on other features than the experiment's data reads: the data lacks"
        + " \"pregnant\"", from, "data.train.path=" + fewer);
    refused("the model " + model + " was trained with the activation relu on layers[1], and the experiment's network"
        + " has tanh there\n   Allowed: network.layers[1].activation: relu, or a model trained with tanh", from,
        "network.layers[1].activation=tanh");
    // an activation with the data: both in one report (the activation was told only once the data was mended)
    refused("Invalid experiment " + PIMA + " — 2 problems:", from, "network.layers[1].activation=tanh",
        "data.standardize=false");
    refused("was trained with the activation relu on layers[1]", from, "network.layers[1].activation=tanh",
        "data.standardize=false");
    assertFalse(Files.exists(tmp.resolve("layers")), "nothing written for a refused fine-tuning");
    // an activation's settings are the model's too
    Path leaky = trained("leaky", "--set", "training.epochs=1", "--set",
        "network.layers[1].activation={name: leaky-relu, slope: 0.1}").resolve(RunDirectory.MODEL);
    refused("the model " + leaky + " was trained with the activation leaky-relu {slope: 0.1} on layers[1], and the"
        + " experiment's network has leaky-relu {slope: 0.3} there", "network.weights-from=" + leaky,
        "network.layers[1].activation={name: leaky-relu, slope: 0.3}");
  }
}
