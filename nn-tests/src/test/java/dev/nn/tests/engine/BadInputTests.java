package dev.nn.tests.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input at the engine's level fails fast, saying what was wrong and what is allowed. */
class BadInputTests {
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  private Network network(String output) {
    return new Network(new int[] {2, 3, 2}, List.of(registry.create(PluginKind.ACTIVATION, "tanh"), registry.create(PluginKind.ACTIVATION, output)),
        List.of("tanh", output), new JavaKernels());
  }

  @Test
  void samplesWithTheWrongNumberOfValuesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Samples(new double[5], new double[2], 2, 2, 1));
    assertEquals("expected 2x2 = 4 input values, found 5", e.getMessage());
  }

  @Test
  void nanAndInfiniteInputsAreRejectedNamingRowAndColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Samples(new double[] {1, 2, 3, Double.NaN}, new double[2], 2, 2, 1));
    assertEquals("input row 1, column 1 is NaN; inputs and targets must be finite numbers", e.getMessage());
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> new Samples(new double[4], new double[] {0, Double.POSITIVE_INFINITY}, 2, 2, 1));
    assertEquals("target row 1, column 0 is Infinity; inputs and targets must be finite numbers", inf.getMessage());
  }

  @Test
  void samplesOfTheWrongShapeForTheNetworkAreRejected() {
    Trainer t = new Trainer(network("identity"), registry.create(PluginKind.LOSS, "squared"), registry.create(PluginKind.OPTIMIZER, "sgd"), (u, e) -> 0.1,
        TrainingOptions.of(1, 1, 1), List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.train(new Samples(new double[3], new double[1], 1, 3, 1), null, false));
    assertEquals("the network maps 2 inputs to 2 outputs, but the samples have 3 inputs and 1 targets", e.getMessage());
  }

  @Test
  void anUnknownPluginNameListsTheAllowedOnesAndTheClosest() {
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create(PluginKind.ACTIVATION, "sigmiod"));
    ConfigProblem p = e.problems().get(0);
    assertEquals("unknown activation \"sigmiod\"", p.message());
    assertEquals(List.of("sigmoid"), p.suggestions());
    assertEquals("elu, gelu, hard-sigmoid, hard-tanh, identity, leaky-relu, relu, sigmoid, silu, softplus, softsign, tanh",
        p.allowed());
    ConfigException loss = assertThrows(ConfigException.class, () -> registry.create(PluginKind.LOSS, "hubber"));
    assertEquals(List.of("huber"), loss.problems().get(0).suggestions());
  }

  @Test
  void invalidPluginSettingsNameTheSettingThePluginWhatWasFoundAndWhatIsAllowed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> registry.create(PluginKind.LOSS, "huber", Settings.of("loss \"huber\"", Map.of("delta", -1.0))));
    ConfigProblem p = e.problems().get(0);
    assertEquals("delta", p.path());
    assertEquals("setting \"delta\" of loss \"huber\" must be > 0, found -1.0", p.message());
    assertEquals("> 0", p.allowed());
    ConfigException type = assertThrows(ConfigException.class,
        () -> registry.create(PluginKind.OPTIMIZER, "momentum", Settings.of("optimizer \"momentum\"", Map.of("momentum", "lots"))));
    assertEquals("setting \"momentum\" of optimizer \"momentum\" must be a number, found \"lots\"",
        type.problems().get(0).message());
  }

  @Test
  void aFusedLossAfterANonIdentityOutputIsAConfigurationError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(network("sigmoid"), registry.create(PluginKind.LOSS, "softmax-cross-entropy"), registry.create(PluginKind.OPTIMIZER, "sgd"),
            (u, t) -> 0.1, TrainingOptions.of(1, 1, 1), List.of()));
    assertEquals("this loss owns the output link and needs an identity output layer, found activation \"sigmoid\""
        + " on layer 2", e.getMessage());
  }

  @Test
  void targetsTheLossDoesNotAcceptAreRejectedNamingTheRow() {
    Trainer t = new Trainer(network("identity"), registry.create(PluginKind.LOSS, "softmax-cross-entropy"), registry.create(PluginKind.OPTIMIZER, "sgd"),
        (u, e) -> 0.1, TrainingOptions.of(1, 1, 1), List.of());
    Samples notOneHot = new Samples(new double[4], new double[] {0, 1, 1, 1}, 2, 2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(notOneHot, null, true));
    assertEquals("target row 1 does not suit the loss: found 2 entries equal to 1, expected one-hot rows (a single 1, 0"
        + " elsewhere)", e.getMessage());
    Trainer hinge = new Trainer(network("identity"), registry.create(PluginKind.LOSS, "hinge"), registry.create(PluginKind.OPTIMIZER, "sgd"),
        (u, x) -> 0.1, TrainingOptions.of(1, 1, 1), List.of());
    IllegalArgumentException signed = assertThrows(IllegalArgumentException.class,
        () -> hinge.train(new Samples(new double[2], new double[] {0, 1}, 1, 2, 2), null, true));
    assertEquals("target row 0 does not suit the loss: found 0.0, expected -1 or +1", signed.getMessage());
  }

  @Test
  void aNetworkNeedsAWidthForEveryLayerAndAnActivationForEveryLayerAfterTheInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Network(new int[] {2, 0, 1},
        List.of(registry.create(PluginKind.ACTIVATION, "relu"), registry.create(PluginKind.ACTIVATION, "identity")), List.of("relu", "identity"),
        new JavaKernels()));
    assertEquals("layer 1 must have at least 1 unit, found 0", e.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> new Network(new int[] {2, 3, 1},
        List.of(registry.create(PluginKind.ACTIVATION, "relu")), List.of("relu"), new JavaKernels()));
    assertEquals("expected one activation for each of layers 1..2 (2 for 3 widths), found 1",
        count.getMessage());
  }
}
