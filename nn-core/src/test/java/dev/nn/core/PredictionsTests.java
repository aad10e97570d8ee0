package dev.nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.data.DataException;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.PluginUse;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn predict} reads, predicts and writes a file a block of rows at a time: a file of several blocks is
 * predicted as the model predicts its rows in memory, a bad row in a later block is named by its line and leaves no
 * output, and the note on raw pixels counts the rows of every block.
 */
class PredictionsTests {
  @TempDir Path dir;

  /** 600 inputs: a block of predict's is 436 rows, so 1,000 rows are three blocks. */
  private static final int D = 600;
  private static final int N = 1000;

  private static Model model() {
    List<String> features = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      features.add("pixel_" + j / 25 + "_" + j % 25);
    }
    ModelSpec spec = new ModelSpec(features, null, null, List.of("label"), List.of("a", "b"), new int[] {D, 2},
        List.of(new PluginUse("identity", "0.1.0", Map.of())),
        new PluginUse("softmax-cross-entropy", "0.1.0", Map.of()));
    Network net = new Network(new int[] {D, 2}, List.of(Plugins.IDENTITY), List.of("identity"), new JavaKernels());
    SplittableRandom random = new SplittableRandom(3);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = random.nextDouble(-0.1, 0.1);
    }
    net.parameters().load(theta);
    return new Model(spec, net, Plugins.SOFTMAX_CROSS_ENTROPY);
  }

  /** The rows, an id column first (not a feature, so not read); pixel values in 0..1 but two rows with one above. */
  private static double[] rows() {
    SplittableRandom random = new SplittableRandom(4);
    double[] x = new double[N * D];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.round(random.nextDouble() * 1000) / 1000.0;
    }
    x[10 * D + 7] = 3; // in the first block
    x[900 * D + 599] = 7; // in the third
    return x;
  }

  private Path csv(double[] x) throws Exception {
    StringBuilder b = new StringBuilder("id");
    for (String name : model().spec().features()) {
      b.append(',').append(name);
    }
    b.append('\n');
    for (int r = 0; r < N; r++) {
      b.append("row").append(r);
      for (int j = 0; j < D; j++) {
        b.append(',').append(x[r * D + j]);
      }
      b.append('\n');
    }
    return Files.writeString(dir.resolve("rows.csv"), b);
  }

  @Test
  void aFileOfSeveralBlocksIsPredictedAsItsRowsInMemory() throws Exception {
    Model model = model();
    double[] x = rows();
    Path input = csv(x);
    Path output = dir.resolve("predictions.csv");
    List<String> notes = new ArrayList<>();
    assertEquals(N, Predictions.write(model, input, output, ',', notes::add));

    double[] expected = new double[N * 2];
    model.predict(x, N, expected);
    List<String> lines = Files.readAllLines(output);
    assertEquals("p_a,p_b,class", lines.get(0));
    assertEquals(N + 1, lines.size());
    for (int r = 0; r < N; r++) {
      String[] f = lines.get(r + 1).split(",");
      assertEquals(expected[2 * r], Double.parseDouble(f[0]), 1e-15, "row " + r);
      assertEquals(expected[2 * r + 1], Double.parseDouble(f[1]), 1e-15, "row " + r);
      assertEquals(expected[2 * r + 1] > expected[2 * r] ? "b" : "a", f[2], "row " + r);
    }
    assertEquals(List.of(input + ": the model's inputs are named as an idx source's pixels (pixel_r_c), which nn"
        + " reads divided by 255, into 0..1, but 2 of 1000 rows hold values above 1 (up to 7): if they are raw pixels"
        + " (0..255), divide them by 255 for figures of this model"), notes, "the rows of every block counted");
  }

  @Test
  void aBadRowInALaterBlockIsNamedByItsLineAndLeavesNoOutput() throws Exception {
    Path input = csv(rows());
    List<String> text = new ArrayList<>(Files.readAllLines(input));
    // data row 950 (from 0) is on line 952, in the third block
    text.set(951, text.get(951).replaceFirst(",[^,]*$", ",dark"));
    Files.write(input, text);
    Path output = dir.resolve("predictions.csv");
    DataException e = assertThrows(DataException.class,
        () -> Predictions.write(model(), input, output, ',', note -> { }));
    assertTrue(e.getMessage().startsWith(input + ":952: column \"pixel_23_24\": \"dark\""), e.getMessage());
    assertFalse(Files.exists(output), "no output");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(input), files.toList(), "nothing half-written left");
    }
  }
}
