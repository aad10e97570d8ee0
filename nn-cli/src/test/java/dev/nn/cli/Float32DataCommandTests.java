package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train} of a float32 experiment holds its data as floats. Unstandardised, a CSV value a double holds but
 * a float does not is refused with the file, line and column, exit 2, and no run directory; the same file trains
 * in float64, and in float32 standardised, where the standardised values are the ones rounded to floats.
 */
class Float32DataCommandTests {
  @TempDir Path tmp;

  private Path experiment(String precision) throws IOException {
    return experiment(precision, false);
  }

  private Path experiment(String precision, boolean standardize) throws IOException {
    Files.writeString(tmp.resolve("d.csv"), "a,b,y\n1,2,0.5\n-4e38,3,1\n2,1,0\n3,3,2\n");
    Path yaml = tmp.resolve("e-" + precision + "-" + standardize + ".yaml");
    Files.writeString(yaml, String.join("\n",
        "name: big",
        "data:",
        "  train: {source: csv, path: d.csv, target: y}",
        "  validation: {split: 0.0}",
        "  standardize: " + standardize,
        "network:",
        "  layers: [{units: auto}, {units: auto, activation: identity}]",
        "loss: squared",
        "training: {epochs: 1, batch-size: 2}",
        "compute: {precision: " + precision + "}", ""));
    return yaml;
  }

  @Test
  void aValueBeyondTheFloatRangeIsRefusedInFloat32AndTrainsInFloat64() throws IOException {
    Path runs = tmp.resolve("runs");

    Cli.Outcome f32 = Cli.run("train", experiment("float32").toString(), "--output", runs.toString());

    assertEquals(2, f32.code(), f32.describe());
    assertTrue(f32.err().contains(tmp.resolve("d.csv") + ":3: column \"a\": \"-4e38\" is too large for a float32 run;"
        + " the largest magnitude is 3.4028235E38"), f32.err());
    assertFalse(f32.err().contains("\tat "), "no stack trace");
    assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "no run directory");

    Cli.Outcome f64 = Cli.run("train", experiment("float64", true).toString(), "--output", runs.toString());
    assertEquals(0, f64.code(), f64.describe());
    Cli.Outcome standardised = Cli.run("train", experiment("float32", true).toString(), "--output",
        runs.toString());
    assertEquals(0, standardised.code(), standardised.describe());
  }

  /**
   * One-hot codes a float does not hold (whole numbers beyond 2^24: 100000001 and 100000003 are both 1.0E8 as
   * floats) would merge into one category, and the model would refuse its own training file: an unstandardised
   * float32 run refuses them, naming the line, column and code; read in double to be standardised, they are three
   * categories, and the model predicts every row of the file it was trained on.
   */
  @Test
  void oneHotCodesAFloatRoundsAreRefusedUnstandardisedAndKeptStandardised() throws Exception {
    StringBuilder csv = new StringBuilder("store,x,y\n");
    for (int r = 0; r < 30; r++) {
      csv.append(100000001 + r % 3).append(',').append(r % 5 * 0.25).append(',').append(r % 3 == 1 ? 1 : 0).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("stores.csv"), csv.toString());
    for (boolean standardize : new boolean[] {false, true}) {
      Path yaml = Files.writeString(tmp.resolve("stores-" + standardize + ".yaml"), String.join("\n",
          "name: stores",
          "data:",
          "  train: {source: csv, path: stores.csv, target: y, task: classification}",
          "  validation: {split: 0.0}",
          "  one-hot: [store]",
          "  standardize: " + standardize,
          "network:",
          "  layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]",
          "loss: binary-cross-entropy",
          "training: {epochs: 2, batch-size: 4}",
          "compute: {precision: float32}", ""));
      Path runs = tmp.resolve("runs-" + standardize);
      Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", runs.toString());
      if (!standardize) {
        assertEquals(2, o.code(), o.describe());
        assertTrue(o.err().contains(data + ":2: column \"store\": the one-hot code \"100000001\" is no float32"
            + " number"), o.err());
        assertTrue(o.err().contains("(it rounds to 1.0E8)"), o.err());
        assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "no run directory");
      } else {
        assertEquals(0, o.code(), o.describe());
        // the network's line says the run is float32, which nothing else on the terminal would show
        assertTrue(o.out().contains("network 4-4-1 (tanh, identity), 25 parameters in float32\n"), o.out());
        Path model = Cli.onlyRun(runs).resolve("model.nnm");
        Cli.Outcome predicted = Cli.run("predict", model.toString(), "--input", data.toString(), "--output",
            tmp.resolve("p.csv").toString());
        assertEquals(0, predicted.code(), predicted.describe());
      }
    }
  }

  /**
   * A float32 model refuses, as its training does, a row whose value is no float once standardised (or, without a
   * scaler, as given): rounded, it would be an infinity, and the prediction would come from it.
   */
  @Test
  void aFloat32ModelRefusesAValueBeyondAFloatAsItsTrainingDoes() throws Exception {
    Path rows = Files.writeString(tmp.resolve("rows.csv"), "a,b\n1,2\n1e39,2\n");
    for (boolean standardize : new boolean[] {true, false}) {
      String yaml = Files.readString(experiment("float32", standardize));
      Path own = Files.writeString(tmp.resolve("small-" + standardize + ".yaml"), yaml);
      Files.writeString(tmp.resolve("d.csv"), "a,b,y\n1,2,0.5\n4,3,1\n2,1,0\n3,3,2\n");
      Path runs = tmp.resolve("small-runs-" + standardize);
      Cli.Outcome trained = Cli.run("train", own.toString(), "--output", runs.toString());
      assertEquals(0, trained.code(), trained.describe());
      Path out = tmp.resolve("p-" + standardize + ".csv");
      Cli.Outcome o = Cli.run("predict", Cli.onlyRun(runs).resolve("model.nnm").toString(), "--input",
          rows.toString(), "--output", out.toString());
      assertEquals(2, o.code(), o.describe());
      assertTrue(o.err().contains("column \"a\" holds 1.0E39"), o.err());
      assertTrue(o.err().contains(standardize ? "of float32, which it computes in, at most 3.4028235E38"
          : "too large for a float32 model; the largest magnitude is 3.4028235E38"), o.err());
      // the standardized value as computed (finite in double), not the infinity a float would round it to
      assertFalse(o.err().contains("standardizes to Infinity"), o.err());
      assertFalse(Files.exists(out), "no predictions written");
    }
  }

  /**
   * Inputs a float holds whose products a float does not: a float32 run diverges at its first update where
   * float64 trains, and the message names float32's range and what to do, since a gradient check (in float64)
   * would pass.
   */
  @Test
  void aFloat32OverflowIsExplainedByFloat32sRange() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int r = 0; r < 16; r++) {
      double sign = r % 2 == 0 ? 1 : -1;
      csv.append(sign * (2e38 + r * 5e36)).append(',').append(sign * 3e38).append(',').append(r % 2).append('\n');
    }
    Files.writeString(tmp.resolve("big.csv"), csv.toString());
    Path yaml = Files.writeString(tmp.resolve("big.yaml"), String.join("\n",
        "name: big",
        "data:",
        "  train: {source: csv, path: big.csv, target: y, task: classification}",
        "  validation: {split: 0.0}",
        "  standardize: false",
        "network:",
        "  layers: [{units: auto}, {units: 4, activation: relu}, {units: auto, activation: identity}]",
        "loss: binary-cross-entropy",
        "training: {epochs: 2, batch-size: 4}",
        "compute: {precision: float32}", ""));
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--output", tmp.resolve("runs").toString());
    assertEquals(3, o.code(), o.describe());
    assertTrue(o.err().contains("this run computes in float32, whose largest magnitude is 3.4028235E38: inputs,"
        + " targets or products beyond it are infinities, where float64 holds them"), o.err());
    Cli.Outcome f64 = Cli.run("train", yaml.toString(), "--set", "compute.precision=float64", "--output",
        tmp.resolve("runs64").toString());
    assertFalse(f64.err().contains("float32"), f64.err());
  }
}
