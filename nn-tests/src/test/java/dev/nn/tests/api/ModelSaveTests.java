package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.core.Nn;
import dev.nn.core.data.Dataset;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.PluginUse;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model saved from code predicts after loading exactly what it predicted before, or is not saved: the
 * description it records must be the network's, names and settings.
 */
class ModelSaveTests {
  private final Nn nn = Nn.create();

  @TempDir
  Path dir;

  private static Dataset data() {
    return Dataset.regression("line", new double[] {-2, 1, -1, 2, 0, 0.5}, new double[] {-3, 1, 5},
        List.of("a", "b"), List.of("y"));
  }

  private static void randomize(Network network) {
    Random random = new Random(7);
    double[] p = new double[network.parameters().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextGaussian();
    }
    network.parameters().load(p);
  }

  /**
   * A network trained on standardized targets becomes a model that predicts in the targets' units when given the
   * target standardizer (without one it predicted standardized values), and keeps it through its file.
   */
  @Test
  void aModelOfStandardizedTargetsPredictsInTheTargetsUnits() throws Exception {
    Dataset data = data();
    dev.nn.core.data.Standardizer targets = dev.nn.core.data.Standardizer.fitTargets(data);
    Network network = nn.network(new int[] {2, 3, 1}, "tanh", "identity");
    randomize(network);
    double[] row = {1, -1};
    double[] standardized = nn.model(network, "squared", data, null).predict(row);
    Model model = nn.model(network, "squared", data, null, targets);
    double[] expected = standardized.clone();
    targets.restore(expected, 1);
    assertArrayEquals(expected, model.predict(row), 0.0);
    // the targets of data(): -3, 1 and 5, mean 1; the two models differ by more than rounding
    assertTrue(Math.abs(expected[0] - standardized[0]) > 0.5, expected[0] + " against " + standardized[0]);
    Path file = dir.resolve("targets.nnm");
    nn.saveModel(model, file);
    assertArrayEquals(expected, nn.loadModel(file).predict(row), 0.0);

    Dataset twoTargets = Dataset.regression("two", new double[] {0, 1, 2, 3}, new double[] {1, 2, 3, 5},
        List.of("a", "b"), List.of("y", "z"));
    assertEquals("the target standardizer holds 1 targets, but the data two has 2 (y, z)", assertThrows(
        IllegalArgumentException.class, () -> nn.model(nn.network(new int[] {2, 3, 2}, "tanh", "identity"), "squared",
            twoTargets, null, targets)).getMessage());
  }

  /**
   * A model made in code shares its network, which may be trained on and diverge: predict then names the parameter
   * that is not a number, not a column of the row (which it blamed, saying the value was far from the mean).
   */
  @Test
  void aModelWhoseNetworkDivergedSinceSaysSoInsteadOfBlamingTheRow() {
    Network network = nn.network(new int[] {2, 3, 1}, "tanh", "identity");
    randomize(network);
    Model model = nn.model(network, "squared", data(), dev.nn.core.data.Standardizer.fit(data()));
    double[] p = network.parameters().toArray();
    p[p.length - 1] = Double.NaN;
    network.parameters().load(p);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predict(new double[] {1, -1}));
    assertEquals("the network's parameter " + network.parameters().describe(p.length - 1) + " is NaN: the network's"
        + " training diverged since the model was made, and it predicts nothing; train it again (a smaller learning"
        + " rate, say)", e.getMessage());
  }

  @Test
  void aDescriptionNamingOtherActivationsThanTheNetworkIsRefused() {
    Network tanh = nn.network(new int[] {2, 3, 1}, "tanh", "identity");
    PluginUse relu = new PluginUse("relu", Nn.version(), Map.of());
    PluginUse identity = new PluginUse("identity", Nn.version(), Map.of());
    ModelSpec says = new ModelSpec(List.of("a", "b"), null, null, List.of("y"), List.of(), new int[] {2, 3, 1},
        List.of(relu, identity), new PluginUse("squared", Nn.version(), Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(says, tanh, nn.plugins().create(PluginKind.LOSS, "squared")));
    assertEquals("the model spec gives layer 1 the activation \"relu\", but the network computes it with \"tanh\";"
        + " build the spec from the network (ModelSpec.of, Nn.model)", e.getMessage());
  }

  @Test
  void anActivationWithSettingsTheModelDoesNotRecordIsNotSaved() {
    Activation steep = nn.plugins().create(PluginKind.ACTIVATION, "leaky-relu",
        Settings.of("activation \"leaky-relu\"", Map.of("slope", 0.3)));
    Activation identity = nn.plugins().create(PluginKind.ACTIVATION, "identity");
    Network network = new Network(new int[] {2, 3, 1}, List.of(steep, identity), List.of("leaky-relu", "identity"),
        new JavaKernels());
    randomize(network);
    Model model = nn.model(network, "squared", data(), null); // records leaky-relu with its default slope
    Path file = dir.resolve("m.nnm");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nn.saveModel(model, file));
    assertTrue(e.getMessage().startsWith("layer 1 computes φ(-8.0) = -2.4"), e.getMessage());
    assertTrue(e.getMessage().contains("records \"leaky-relu\" with settings {}"), e.getMessage());
    assertTrue(Files.notExists(file));
  }

  @Test
  void aModelThatRecordsItsNetworkPredictsTheSameAfterLoading() {
    Network network = nn.network(new int[] {2, 3, 1}, "leaky-relu", "identity");
    randomize(network);
    Model model = nn.model(network, "squared", data(), null);
    Path file = dir.resolve("m.nnm");
    nn.saveModel(model, file);
    Model loaded = nn.loadModel(file);
    for (double[] row : new double[][] {{-2, 1}, {0.5, -3}, {4, 4}}) {
      assertArrayEquals(model.predict(row), loaded.predict(row), 0.0);
    }
  }

  /**
   * A network whose activations take settings, built through the API (not the kernels' constructor): it computes
   * with them, its model records them, and the loaded model predicts the same; settings an activation refuses are
   * a configuration problem naming the layer.
   */
  @Test
  void aNetworkWithActivationSettingsIsBuiltSavedAndLoadedThroughTheApi() {
    Network network = nn.network(new int[] {2, 3, 1}, List.of("leaky-relu", "identity"),
        List.of(Map.of("slope", 0.3), Map.of()));
    double[] phi = new double[1];
    network.activation(1).forward(new double[] {-8.0}, phi, 1);
    assertEquals(-2.4, phi[0], 1e-15);
    randomize(network);
    Model model = nn.model(network, "squared", data(), null);
    assertEquals(Map.of("slope", 0.3), model.spec().activations().get(0).settings());
    Path file = dir.resolve("slope.nnm");
    nn.saveModel(model, file);
    Model loaded = nn.loadModel(file);
    assertEquals(Map.of("slope", 0.3), loaded.spec().activations().get(0).settings());
    for (double[] row : new double[][] {{-2, 1}, {0.5, -3}, {4, 4}}) {
      assertArrayEquals(model.predict(row), loaded.predict(row), 0.0);
    }
    dev.nn.spi.ConfigException unknown = assertThrows(dev.nn.spi.ConfigException.class, () -> nn.network(
        new int[] {2, 3, 1}, List.of("leaky-relu", "identity"), List.of(Map.of("slop", 0.3), Map.of())));
    assertEquals("network.layers[1].activation.slop", unknown.problems().get(0).path());
    assertTrue(unknown.getMessage().contains("unknown setting \"slop\" of activation \"leaky-relu\""),
        unknown.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> nn.network(
        new int[] {2, 3, 1}, List.of("leaky-relu", "identity"), List.of(Map.of())));
    assertEquals("expected the settings of each of the 2 activations, found 1", count.getMessage());
  }

  /**
   * nn.model refuses what loading or training would refuse, before anything is written: softmax-cross-entropy over a
   * tanh output was saved, then refused by nn.loadModel as "corrupted"; binary-cross-entropy on regression data was
   * saved and predicted a "probability" of a real target, where nn.train refuses the pair.
   */
  @Test
  void aModelIsRefusedWhatLoadingOrTrainingWouldRefuse() {
    Network tanhOut = nn.network(new int[] {2, 2}, "tanh");
    randomize(tanhOut);
    Dataset classes = Dataset.classification("c", new double[] {0, 1, 1, 0}, new int[] {0, 1}, List.of("a", "b"),
        "k", List.of("no", "yes"));
    IllegalArgumentException link = assertThrows(IllegalArgumentException.class,
        () -> nn.model(tanhOut, "softmax-cross-entropy", classes, null));
    assertEquals("loss \"softmax-cross-entropy\" owns the output link and needs an identity output layer, found"
        + " activation \"tanh\" on layer 1", link.getMessage());
    // so is a Model made from its own spec
    Network identityOut = nn.network(new int[] {2, 2}, "identity");
    ModelSpec spec = nn.model(identityOut, "softmax-cross-entropy", classes, null).spec();
    ModelSpec overTanh = new ModelSpec(spec.features(), null, null, spec.targets(), spec.classes(), spec.widths(),
        List.of(new PluginUse("tanh", Nn.version(), Map.of())), spec.loss());
    IllegalArgumentException constructed = assertThrows(IllegalArgumentException.class,
        () -> new Model(overTanh, tanhOut, nn.plugins().create(PluginKind.LOSS, "softmax-cross-entropy")));
    assertEquals(link.getMessage(), constructed.getMessage());

    Network line = nn.network(new int[] {2, 1}, "identity");
    dev.nn.spi.ConfigException regression = assertThrows(dev.nn.spi.ConfigException.class,
        () -> nn.model(line, "binary-cross-entropy", data(), null));
    assertEquals("loss: loss \"binary-cross-entropy\" needs class targets (0 or 1), but line is read for regression."
        + " Allowed: set task: classification on the data source, or choose a loss for real-valued targets such as"
        + " squared", regression.getMessage());
    assertEquals(List.of(), List.of(dir.toFile().list()), "nothing written");
  }
}
