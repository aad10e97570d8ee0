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
}
