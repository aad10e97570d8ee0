package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.OwnedData;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.core.train.TrainingResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float32 run holds its data once, as floats: read straight into float arrays, split and standardised in them,
 * and lent to the trainer's samples without a copy. Training on them is bit for bit what training the same
 * float32 run on double data did, when the doubles are the floats: a float32 run's kernels round every input to a
 * float as they load it, so holding the inputs as floats from the start loses nothing training kept.
 */
class FloatDataHeldOnceTests {
  @TempDir Path dir;

  private Experiment experiment(String data, String precision) throws IOException {
    Path file = dir.resolve("e-" + precision + ".yaml");
    Files.writeString(file,
        "seed: 7\n"
            + "data: {train: " + data + "}\n"
            + "network:\n"
            + "  layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]\n"
            + "loss: squared\n"
            + "compute: {precision: " + precision + "}\n");
    return new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
  }

  /** 60 rows: a, b, c and the target y, none of the inputs a float. */
  private Path csv(String name, boolean roundedByHand) throws IOException {
    StringBuilder s = new StringBuilder("a,b,c,y\n");
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 3; j++) {
        double v = Math.sin((3 * i + j) * 0.37) * (1 + i % 7) + 0.1;
        // the exact decimal of the nearest float: read as a double, it is that float
        s.append(roundedByHand ? new BigDecimal((double) (float) v).toPlainString() : Double.toString(v)).append(',');
      }
      s.append(Math.cos(i * 0.11)).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, s.toString());
    return p;
  }

  private static float[] floats(Dataset d) {
    return OwnedData.lend(d, (x, y, n, w, k) -> null, (x, y, n, w, k) -> x);
  }

  @Test
  void aFloat32RunReadsItsInputsIntoFloatsAndLendsThemToTheSamplesWithoutACopy() throws IOException {
    csv("d.csv", false);
    Experiment e = experiment("{source: csv, path: d.csv, target: y}, validation: {split: 0.2}, "
        + "test: {split: 0.1}, standardize: true", "float32");

    PreparedData p = new DataPreparation(e, Plugins.SQUARED).get();

    for (Dataset part : List.of(p.train(), p.validation(), p.test())) {
      assertEquals(Precision.FLOAT32, part.inputPrecision(), part.toString());
    }
    assertEquals(42, p.train().size());
    Samples train = p.trainSamples();
    assertTrue(train.floatInputs());
    assertSame(floats(p.train()), train.floatX(), "the samples read the split's float array");
    assertSame(floats(p.validation()), p.validationSamples().floatX());
    assertSame(floats(p.test()), p.testSamples().floatX());
    assertArrayEquals(p.train().copyX(), train.copyX());
  }

  @Test
  void withNothingHeldOutTheFloatRowsAsReadAreShuffledInPlace() throws IOException {
    Experiment e = experiment("{source: generator, name: lecture-regression, samples: 50}, standardize: true",
        "float32");
    Dataset read = Dataset.regression("rows", new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6},
        new double[] {1, 2, 3}, List.of("a", "b"), List.of("y")).inPrecision(Precision.FLOAT32);
    float[] asRead = floats(read);

    // validation data of its own: nothing is split off
    Dataset validation = read.head(1);
    PreparedData p = DataPreparation.prepare(e, Plugins.SQUARED,
        new RawData(read, validation, null, List.of(), false, true, Map.of(), new int[0]));

    assertSame(asRead, p.trainSamples().floatX(), "split, standardised and lent in place");
    assertEquals(0f, asRead[0] + asRead[2] + asRead[4], 1e-6f, "standardised: the column's mean is 0");
  }

  @Test
  void aCallersDoubleDataIsRoundedIntoACopyAndLeftAsItWas() throws IOException {
    Experiment e = experiment("{source: generator, name: lecture-regression, samples: 50}, standardize: false",
        "float32");
    double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    Dataset callers = Dataset.regression("rows", x, new double[] {1, 2, 3}, List.of("a", "b"), List.of("y"));
    Dataset validation = callers.head(1);

    PreparedData p = DataPreparation.prepare(e, Plugins.SQUARED, RawData.inMemory(callers, validation));

    assertEquals(Precision.FLOAT32, p.train().inputPrecision());
    assertEquals(Precision.FLOAT32, p.validation().inputPrecision());
    assertArrayEquals(new float[] {0.1f, 0.2f}, floats(p.validation()));
    assertEquals(Precision.FLOAT64, callers.inputPrecision());
    assertArrayEquals(x, callers.copyX());
    assertArrayEquals(new double[] {0.1, 0.2}, validation.copyX());
  }

  @Test
  void aReconstructionKeepsItsInputsAsDoublesOneArrayForInputsAndTargets() throws IOException {
    Experiment e = experiment("{source: generator, name: lecture-regression, samples: 50}, standardize: false",
        "float32");
    Dataset read = Dataset.regression("rows", new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {1, 2},
        List.of("a", "b"), List.of("y"));

    PreparedData p = DataPreparation.prepare(e, Plugins.SQUARED, new RawData(read, null, null, List.of(), true, true, Map.of(), new int[0]));

    assertEquals(Precision.FLOAT64, p.train().inputPrecision());
    Samples s = p.trainSamples();
    assertFalse(s.floatInputs());
    assertSame(s.x(), s.y(), "held as floats, the targets would be a double copy");
  }

  /**
   * A float32 run that standardises standardises the values as read, in double, and rounds the result: its
   * scaler is a float64 run's, and its inputs are that run's standardised inputs rounded to floats. Training on
   * them is bit for bit training on doubles that are those floats, since the kernels round every input anyway.
   * (Rounding before standardising, the scaler would be fitted on other values than a model's predictions
   * standardise.)
   */
  @Test
  void aStandardisedFloat32RunRoundsTheStandardisedDoublesAndTrainsOnThemBitForBit() throws IOException {
    csv("raw.csv", false);
    String rest = ", validation: {split: 0.2}, standardize: true";
    PreparedData floats = new DataPreparation(
        experiment("{source: csv, path: raw.csv, target: y}" + rest, "float32"), Plugins.SQUARED).get();
    PreparedData doubles = new DataPreparation(
        experiment("{source: csv, path: raw.csv, target: y}" + rest, "float64"), Plugins.SQUARED).get();
    assertEquals(Precision.FLOAT32, floats.train().inputPrecision());
    assertEquals(Precision.FLOAT32, floats.validation().inputPrecision());
    assertEquals(Precision.FLOAT64, doubles.train().inputPrecision());
    assertArrayEquals(doubles.scaler().means(), floats.scaler().means(), "fitted on the values as read");
    assertArrayEquals(doubles.scaler().stds(), floats.scaler().stds());
    double[] standardised = rounded(doubles.train().copyX());
    assertArrayEquals(standardised, floats.train().copyX(), "the double result rounded");
    double[] validation = rounded(doubles.validation().copyX());
    assertArrayEquals(validation, floats.validation().copyX());

    Samples train = doubles.trainSamples();
    Samples held = doubles.validationSamples();
    Network onFloats = float32Network();
    Network onDoubles = float32Network();
    TrainingResult a = trainer(onFloats).train(floats.trainSamples(), floats.validationSamples(), false);
    TrainingResult b = trainer(onDoubles).train(new Samples(standardised, train.y(), train.rows(), train.inputs(),
        train.outputs()), new Samples(validation, held.y(), held.rows(), held.inputs(), held.outputs()), false);

    assertTrue(floats.trainSamples().floatInputs());
    for (int epoch = 0; epoch < 5; epoch++) {
      assertEquals(b.epochs().get(epoch).trainLoss(), a.epochs().get(epoch).trainLoss(), 0.0);
      assertEquals(b.epochs().get(epoch).validation().loss(), a.epochs().get(epoch).validation().loss(), 0.0);
    }
    assertArrayEquals(onDoubles.parameters().toArray(), onFloats.parameters().toArray(), 0.0);
    assertTrue(a.last().trainLoss() < a.epochs().get(0).trainLoss(), "it learns");
  }

  /**
   * A column whose values are large next to their spread keeps them: timestamps near 1.7e9 that vary by a few
   * hundred seconds lie on float32's grid of 128 there, and rounded before standardising, 300 distinct values
   * would be 3. Standardised first, a float32 run holds as many distinct values as a float64 run.
   */
  @Test
  void aColumnLargeNextToItsSpreadKeepsItsDistinctValues() throws IOException {
    StringBuilder s = new StringBuilder("t,y\n");
    for (int i = 0; i < 300; i++) {
      s.append(1.7e9 + i).append(',').append(i % 2).append('\n');
    }
    Files.writeString(dir.resolve("stamps.csv"), s.toString());
    PreparedData floats = new DataPreparation(experiment("{source: csv, path: stamps.csv, target: y},"
        + " validation: {split: 0}, test: {split: 0}, standardize: true", "float32"), Plugins.SQUARED).get();
    assertEquals(300, java.util.Arrays.stream(floats.train().copyX()).distinct().count());
    assertEquals(1.7e9 + 149.5, floats.scaler().means()[0], 1e-6, "the mean of the values as read");
  }

  private static double[] rounded(double[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) values[i];
    }
    return values;
  }

  private static Network float32Network() {
    int[] widths = {3, 4, 1};
    Network net = new Network(widths, List.of(Plugins.TANH, Plugins.IDENTITY), List.of("tanh", "identity"),
        KernelChoice.choose("java", 1, Precision.FLOAT32, "auto", null, widths, 8).kernels());
    SplittableRandom rnd = new SplittableRandom(5);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-0.5, 0.5);
    }
    net.parameters().load(theta);
    return net;
  }

  private static Trainer trainer(Network net) {
    return new Trainer(net, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.01, TrainingOptions.of(5, 8, 11), List.of());
  }
}
