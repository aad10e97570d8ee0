package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.data.Dataset;
import dev.nn.core.export.ExportFormat;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.random.Rng;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API used as applications get it wrong: each mistake is one exception saying what is wrong, before
 * anything is lost, where the command line refuses the same.
 */
class ApiMisuseTests {
  private static final Nn NN = Nn.create();
  private static final Dataset XOR = Dataset.classification("xor", new double[] {0, 0, 0, 1, 1, 0, 1, 1},
      new int[] {0, 1, 1, 0}, List.of("a", "b"), "xor", List.of("no", "yes")).withBinaryTarget();

  @TempDir
  Path tmp;

  private static Network trained() {
    Network network = NN.network(new int[] {2, 4, 1}, "tanh", "identity");
    network.initialize(NN.plugins().create(PluginKind.INITIALIZER, "xavier-uniform"), Rng.create(7));
    new Trainer(network, NN.plugins().create(PluginKind.LOSS, "binary-cross-entropy"),
        NN.plugins().create(PluginKind.OPTIMIZER, "adam"), (u, e) -> 0.05, TrainingOptions.of(20, 4, 7), List.of())
        .train(NN.samples(XOR), null, true);
    return network;
  }

  /** Predictions written over their own input, or over the model file, would destroy what they come from. */
  @Test
  void predictionsAndExportsAreNotWrittenOverWhatTheyAreReadFrom() throws Exception {
    Path modelFile = tmp.resolve("xor.nnm");
    NN.saveModel(NN.model(trained(), "binary-cross-entropy", XOR, null), modelFile);
    Model model = NN.loadModel(modelFile);
    assertEquals(modelFile, model.file().orElseThrow());
    Path rows = tmp.resolve("rows.csv");
    Files.writeString(rows, "a,b\n0,0\n0,1\n");

    IllegalArgumentException overInput = assertThrows(IllegalArgumentException.class,
        () -> NN.predict(model, rows, tmp.resolve(".").resolve("rows.csv")));
    assertTrue(overInput.getMessage().startsWith("output " + tmp.resolve(".").resolve("rows.csv")
        + " is the same file as the input, " + rows + "; writing it would replace what is read from it."),
        overInput.getMessage());
    assertEquals("a,b\n0,0\n0,1\n", Files.readString(rows), "the input is as it was");

    IllegalArgumentException overModel = assertThrows(IllegalArgumentException.class,
        () -> NN.predict(model, rows, modelFile));
    assertTrue(overModel.getMessage().contains("is the same file as the model's file"), overModel.getMessage());
    IllegalArgumentException exportOverModel = assertThrows(IllegalArgumentException.class,
        () -> NN.export(model, ExportFormat.NPZ, modelFile));
    assertTrue(exportOverModel.getMessage().contains("is the same file as the model's file"),
        exportOverModel.getMessage());
    assertEquals(List.of("a", "b"), NN.loadModel(modelFile).spec().features(), "the model file still loads");

    // a folder that does not exist is not made, for predictions and saved models as for exports
    Path nowhere = tmp.resolve("no-such-folder").resolve("p.csv");
    IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
        () -> NN.predict(model, rows, nowhere));
    assertEquals("output " + nowhere + ": the folder " + nowhere.getParent() + " does not exist; create it first",
        folder.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NN.saveModel(model, nowhere));
    assertFalse(Files.exists(nowhere.getParent()));
    // and the same model saved over its own file is no loss: it is the same model
    NN.saveModel(model, modelFile);
    assertEquals(2, NN.predict(NN.loadModel(modelFile), rows, tmp.resolve("p.csv")));
  }

  /**
   * A null where the API wants a value is named as the other methods name theirs (these gave the JDK's "Cannot invoke
   * … because state is null", or an IllegalArgumentException for a null), and a model's spec prints its values.
   */
  @Test
  void nullsAreNamedAndASpecPrintsItsValues() {
    Network network = NN.network(new int[] {2, 4, 1}, "tanh", "identity");
    Trainer trainer = new Trainer(network, NN.plugins().create(PluginKind.LOSS, "binary-cross-entropy"),
        NN.plugins().create(PluginKind.OPTIMIZER, "sgd"), (u, e) -> 0.05, TrainingOptions.of(1, 4, 7), List.of());
    NullPointerException restore = assertThrows(NullPointerException.class, () -> trainer.restore(null));
    assertTrue(restore.getMessage().startsWith("state: the trainer state to restore"), restore.getMessage());
    NullPointerException file = assertThrows(NullPointerException.class,
        () -> dev.nn.core.data.CsvReader.classification("last").read(null));
    assertEquals("file: the CSV file to read is needed, found null", file.getMessage());
    NullPointerException target = assertThrows(NullPointerException.class,
        () -> dev.nn.core.data.CsvReader.classification(null));
    assertTrue(target.getMessage().startsWith("target: the class column"), target.getMessage());
    String spec = NN.model(trained(), "binary-cross-entropy", XOR, null).spec().toString();
    assertFalse(spec.contains("[D@") || spec.contains("[I@"), spec);
    assertTrue(spec.contains("widths=[2, 4, 1]"), spec);
  }

  /** A network whose training diverged is refused as a model, rather than saved to a file loading refuses. */
  @Test
  void aNetworkWithNanWeightsIsNoModel() {
    Network network = trained();
    Model fine = NN.model(network, "binary-cross-entropy", XOR, null);
    network.parameters().values().set(network.parameters().size() - 1, Double.NaN);
    network.parameters().publish();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NN.model(network, "binary-cross-entropy", XOR, null));
    assertTrue(e.getMessage().startsWith("the network's parameter layers[2].b[0] is NaN: a network whose training"
        + " diverged predicts nothing"), e.getMessage());
    Path file = tmp.resolve("nan.nnm");
    assertThrows(IllegalArgumentException.class, () -> NN.saveModel(fine, file));
    assertFalse(Files.exists(file), "no file that loading would refuse");
  }

  /** A softmax over one output is 1 whatever the input: a Trainer refuses to train so, and a model is refused. */
  @Test
  void aOneHotLossOverOneOutputIsNoModel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NN.model(trained(), "softmax-cross-entropy", XOR, null));
    assertTrue(e.getMessage().startsWith("loss \"softmax-cross-entropy\" takes one-hot targets, one output per"
        + " class, but the network has 1 output"), e.getMessage());
    // a Trainer trained it, a loss of 0 every epoch, and learnt nothing: it refuses it with the same message
    IllegalArgumentException trainer = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(trained(), NN.plugins().create(PluginKind.LOSS, "softmax-cross-entropy"),
            NN.plugins().create(PluginKind.OPTIMIZER, "sgd"), (u, epoch) -> 0.1, TrainingOptions.of(1, 2, 1),
            List.of()));
    assertEquals("this loss takes one-hot targets, one output per class, but the network has 1 output, over which"
        + " its probabilities are always 1; give the network an output per class, or use a loss of one 0/1 output,"
        + " such as binary-cross-entropy", trainer.getMessage());
    assertEquals(e.getMessage().substring(e.getMessage().indexOf(" takes ")),
        trainer.getMessage().substring(trainer.getMessage().indexOf(" takes ")));
  }

  /** A trainer trains once: a second call would return the first result without training. */
  @Test
  void aTrainerThatHasTrainedRefusesToTrainAgain() {
    Network network = NN.network(new int[] {2, 4, 1}, "tanh", "identity");
    network.initialize(NN.plugins().create(PluginKind.INITIALIZER, "xavier-uniform"), Rng.create(7));
    Trainer trainer = new Trainer(network, NN.plugins().create(PluginKind.LOSS, "binary-cross-entropy"),
        NN.plugins().create(PluginKind.OPTIMIZER, "adam"), (u, e) -> 0.05, TrainingOptions.of(5, 4, 7), List.of());
    TrainingResult first = trainer.train(NN.samples(XOR), null, true);
    assertEquals(5, first.epochs().size());
    IllegalStateException again = assertThrows(IllegalStateException.class,
        () -> trainer.train(NN.samples(XOR), null, true));
    assertTrue(again.getMessage().startsWith("this Trainer has trained its 5 epochs (epoch 5 was its last); a Trainer"
        + " trains once"), again.getMessage());
  }

  /**
   * A value too large for a float32 run that holds its inputs unstandardised is named by the caller's row, whatever
   * the split does with the rows.
   */
  @Test
  void aValueTooLargeForFloat32IsNamedByTheCallersRow() {
    double[] x = new double[40 * 2];
    double[] y = new double[40];
    for (int r = 0; r < 40; r++) {
      x[2 * r] = r;
      x[2 * r + 1] = -r;
      y[r] = r % 3;
    }
    x[2 * 17 + 1] = 4e38;
    Dataset big = Dataset.regression("big", x, y, List.of("a", "b"), List.of("y"));
    for (String split : List.of("0.1", "0")) {
      dev.nn.core.config.Experiment experiment = NN.parse("""
          data: {train: {source: generator, name: xor, samples: 8}, validation: {split: %s}, test: {split: %s},
                 standardize: false}
          network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]}
          loss: squared
          compute: {precision: float32}
          """.formatted(split, split), List.of());
      dev.nn.core.data.DataException e = assertThrows(dev.nn.core.data.DataException.class,
          () -> NN.train(experiment, big, null, dev.nn.core.experiment.TrainingRun.Options.into(tmp)));
      assertTrue(e.getMessage().startsWith("big: column \"b\" of row 17 holds 4.0E38, too large for a float32 run"),
          e.getMessage());
    }
  }

  /** Nulls and counts out of range given to the API's other types name the parameter, as Nn's methods do. */
  @Test
  void otherApiTypesNameTheArgumentTheyRefuse() {
    NullPointerException x = assertThrows(NullPointerException.class,
        () -> Dataset.classification("d", null, new int[] {0, 1}, List.of("a"), "c", List.of("no", "yes")));
    assertEquals("x: an array of values is needed, found null", x.getMessage());
    NullPointerException network = assertThrows(NullPointerException.class,
        () -> new Trainer(null, NN.plugins().create(PluginKind.LOSS, "squared"),
            NN.plugins().create(PluginKind.OPTIMIZER, "sgd"), (u, e) -> 0.1, TrainingOptions.of(1, 1, 1), List.of()));
    assertEquals("network: the network to train is needed, found null", network.getMessage());
    IllegalArgumentException samples = assertThrows(IllegalArgumentException.class,
        () -> NN.gradientCheck(NN.parse("data: {train: {source: generator, name: xor, samples: 8}}\n"
            + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\nloss: squared\n",
            List.of())).run(-1));
    assertEquals("samples must be >= 1, found -1", samples.getMessage());
    java.io.UncheckedIOException missing = assertThrows(java.io.UncheckedIOException.class,
        () -> NN.load(tmp.resolve("nope.yaml"), List.of()));
    assertEquals("cannot read the experiment " + tmp.resolve("nope.yaml") + ": no such file", missing.getMessage());
  }

  /**
   * A null given to Dataset's factories, PluginRegistry, Trainer.train, Samples and Network.initialize is named as
   * Nn's methods name theirs (they came out as the JDK's messages about nn's own variables, or "null").
   */
  @Test
  void aNullGivenToTheApisTypesIsNamed() {
    double[] x = {0, 0, 0, 1};
    List<String> ab = List.of("a", "b");
    List<String> labels = List.of("no", "yes");
    int[] classes = {0, 1};
    assertNamed("source: where the data came from (a file name, a generator) is needed, found null",
        () -> Dataset.classification(null, x, classes, ab, "c", labels));
    assertNamed("classes: the class index of each row is needed, found null",
        () -> Dataset.classification("d", x, null, ab, "c", labels));
    assertNamed("featureNames: a name for each feature column is needed, found null",
        () -> Dataset.classification("d", x, classes, null, "c", labels));
    assertNamed("featureNames: a name for each feature column is needed, found null at index 1",
        () -> Dataset.classification("d", x, classes, java.util.Arrays.asList("a", null), "c", labels));
    assertNamed("targetName: the name of the class column is needed, found null",
        () -> Dataset.classification("d", x, classes, ab, null, labels));
    assertNamed("classLabels: a label for each class is needed, found null",
        () -> Dataset.classification("d", x, classes, ab, "c", null));
    assertNamed("source: where the data came from (a file name, a generator) is needed, found null",
        () -> Dataset.regression(null, x, new double[] {1, 2}, ab, List.of("y")));
    assertNamed("featureNames: a name for each feature column is needed, found null",
        () -> Dataset.regression("d", x, new double[] {1, 2}, null, List.of("y")));
    assertNamed("targetNames: a name for each target column is needed, found null",
        () -> Dataset.regression("d", x, new double[] {1, 2}, ab, null));

    assertNamed("given: a plugin provider is needed, found null at index 0",
        () -> dev.nn.core.plugin.PluginRegistry.of(java.util.Arrays.asList((dev.nn.spi.PluginProvider<?>) null)));
    assertNamed("kind: a plugin kind (PluginKind.LOSS, PluginKind.ACTIVATION, ...) is needed, found null",
        () -> NN.plugins().create(null, "squared"));
    assertNamed("name: a plugin's name is needed, found null", () -> NN.plugins().create(PluginKind.LOSS, null));

    assertNamed("x: the inputs, rows × inputs is needed, found null",
        () -> new dev.nn.core.train.Samples((double[]) null, new double[] {1}, 1, 1, 1));
    assertNamed("y: the targets, rows × outputs is needed, found null",
        () -> new dev.nn.core.train.Samples(new double[] {1}, null, 1, 1, 1));
    Network network = NN.network(new int[] {2, 1}, "identity");
    Trainer trainer = new Trainer(network, NN.plugins().create(PluginKind.LOSS, "squared"),
        NN.plugins().create(PluginKind.OPTIMIZER, "sgd"), (u, e) -> 0.1, TrainingOptions.of(1, 1, 1), List.of());
    assertNamed("train: the training samples is needed, found null",
        () -> trainer.train((dev.nn.core.train.Samples) null, null, false));
    assertNamed("initializer: an initializer (plugins().create(PluginKind.INITIALIZER, name)) is needed, found null",
        () -> network.initialize(null, Rng.create(1)));
    assertNamed("random: a random generator (Rng.create(seed)) is needed, found null",
        () -> network.initialize(NN.plugins().create(PluginKind.INITIALIZER, "xavier-uniform"), null));
    assertNamed("listener: a training listener is needed, found null",
        () -> dev.nn.core.experiment.TrainingRun.Options.defaults().withListener(null));
  }

  private static void assertNamed(String message, org.junit.jupiter.api.function.Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  /**
   * A run directory that cannot be made says why, as the command line does: a file where the folder should be,
   * a folder of that name's parent that is a file. The JDK's own message would be the path alone.
   */
  @Test
  void aRunDirectoryThatCannotBeMadeSaysWhy() throws Exception {
    Path file = Files.writeString(tmp.resolve("q.yaml"), "x");
    java.io.UncheckedIOException taken = assertThrows(java.io.UncheckedIOException.class, () -> NN.train(
        NN.parse(XOR_YAML, List.of()), dev.nn.core.experiment.TrainingRun.Options.into(file)));
    assertEquals("cannot create a run directory in " + file + ": " + file + ": a file of that name already exists",
        taken.getMessage());
    java.io.UncheckedIOException under = assertThrows(java.io.UncheckedIOException.class, () -> NN.train(
        NN.parse(XOR_YAML, List.of()), dev.nn.core.experiment.TrainingRun.Options.into(file.resolve("runs"))));
    assertTrue(under.getMessage().startsWith("cannot create a run directory in " + file.resolve("runs") + ": "
        + file), under.getMessage());
    assertTrue(under.getMessage().endsWith(": a file of that name already exists")
        || under.getMessage().endsWith(": not a directory"), under.getMessage());
  }

  private static final String XOR_YAML = "data: {train: {source: generator, name: xor, samples: 8}}\n"
      + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\nloss: squared\n";

  /** Two features of one name would train a whole run and then fail to make its model: refused at once. */
  @Test
  void aDatasetNamesEachColumnOnce() {
    IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
        () -> Dataset.classification("dup", new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new int[] {0, 1, 1, 0},
            List.of("a", "a"), "xor", List.of("no", "yes")));
    assertEquals("featureNames[1] \"a\" appears twice in featureNames; each must be named once",
        features.getMessage());
    IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
        () -> Dataset.classification("dup", new double[] {0, 1}, new int[] {0, 1}, List.of("a"), "xor",
            List.of("no", "no")));
    assertEquals("classLabels[1] \"no\" appears twice in classLabels; each must be named once", classes.getMessage());
    IllegalArgumentException targets = assertThrows(IllegalArgumentException.class,
        () -> Dataset.regression("dup", new double[] {0, 1}, new double[] {0, 1, 2, 3}, List.of("a"),
            List.of("y", "y")));
    assertEquals("targetNames[1] \"y\" appears twice in targetNames; each must be named once", targets.getMessage());
  }
}
