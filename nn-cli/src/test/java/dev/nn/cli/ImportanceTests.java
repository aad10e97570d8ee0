package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Evaluation;
import dev.nn.core.Nn;
import dev.nn.core.data.Dataset;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permutation importance ({@code nn evaluate --importance}, {@code Nn.importance}) on a model whose answer is known:
 * y = 3a − 2c exactly, with a weight of 0 on b. A column the model does not use is exactly 0; the others are the
 * RMSE their shuffles cause, recomputed here with the same seeded orders.
 */
class ImportanceTests {
  @TempDir
  Path tmp;

  private static final int ROWS = 40;

  private Path csv() throws Exception {
    StringBuilder s = new StringBuilder("a,b,c,y\n");
    for (int i = 0; i < ROWS; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      double c = (i % 7) / 7.0;
      s.append(a).append(',').append(b).append(',').append(c).append(',').append(3 * a - 2 * c).append('\n');
    }
    return Files.writeString(tmp.resolve("linear.csv"), s);
  }

  /** The model y = 3a + 0b − 2c, a single identity layer, saved and loaded as a user would. */
  private static Model linear(Nn nn, Path file) {
    Network network = nn.network(new int[] {3, 1}, "identity");
    network.parameters().load(new double[] {3, 0, -2, 0});
    Dataset columns = Dataset.regression("linear", new double[3], new double[1], List.of("a", "b", "c"),
        List.of("y"));
    nn.saveModel(nn.model(network, "squared", columns, null), file);
    return nn.loadModel(file);
  }

  @Test
  void anUnusedColumnIsExactlyZeroAndTheOthersAreTheRmseTheirShufflesCause() throws Exception {
    Nn nn = Nn.create();
    Path data = csv();
    Model model = linear(nn, tmp.resolve("linear.nnm"));
    assertEquals(0.0, nn.evaluate(model, data, "y").metrics().rmse(), 1e-12, "the model is exact");
    List<Evaluation.Importance> importance = nn.importance(model, data, List.of(), 4, 9);
    assertEquals(List.of("a", "b", "c"), importance.stream().map(Evaluation.Importance::column).toList());
    assertEquals(new Evaluation.Importance("b", "rmse", 0.0, 0.0), importance.get(1));
    // by hand: shuffling a moves each prediction by 3(a' − a), c by −2(c' − c); the base RMSE is 0
    List<String> lines = Files.readAllLines(data).subList(1, ROWS + 1);
    for (int j : new int[] {0, 2}) {
      double weight = j == 0 ? 3 : -2;
      double[] rmse = new double[4];
      for (int r = 0; r < 4; r++) {
        int[] order = Rng.permutation(ROWS, RandomStream.IMPORTANCE.generator(9, (long) j * 4 + r));
        double sq = 0;
        for (int i = 0; i < ROWS; i++) {
          double moved = Double.parseDouble(lines.get(order[i]).split(",")[j]);
          double was = Double.parseDouble(lines.get(i).split(",")[j]);
          sq += weight * weight * (moved - was) * (moved - was);
        }
        rmse[r] = Math.sqrt(sq / ROWS);
      }
      double mean = (rmse[0] + rmse[1] + rmse[2] + rmse[3]) / 4;
      double var = 0;
      for (double v : rmse) {
        var += (v - mean) * (v - mean) / 3;
      }
      assertEquals(mean, importance.get(j).mean(), 1e-12, "column " + j);
      assertEquals(Math.sqrt(var), importance.get(j).sd(), 1e-12, "column " + j);
      assertTrue(importance.get(j).mean() > 0.5, importance.get(j).toString());
    }
    assertEquals("the importance needs 1 shuffle or more, found 0",
        assertThrows(IllegalArgumentException.class, () -> nn.importance(model, data, List.of(), 0, 1)).getMessage());
  }

  @Test
  void evaluatePrintsTheColumnsMostImportantFirst() throws Exception {
    Path data = csv();
    Path file = tmp.resolve("linear.nnm");
    Model model = linear(Nn.create(), file);
    Cli.Outcome o = Cli.run("evaluate", file.toString(), "--data", data.toString(), "--importance=4", "--seed", "9");
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    int at = lines.indexOf("permutation importance: how much the rmse rises when a column is shuffled (4 shuffles,"
        + " seed 9)");
    assertTrue(at > 0, o.out());
    assertEquals(List.of("column", "importance", "sd"), List.of(lines.get(at + 1).split(" +")));
    List<Evaluation.Importance> expected = Nn.create().importance(model, data, List.of(), 4, 9);
    // a (weight 3) moves predictions more than c (weight −2), and b not at all
    assertEquals(List.of("a", String.format(Locale.ROOT, "%.6g", expected.get(0).mean()),
        String.format(Locale.ROOT, "%.6g", expected.get(0).sd())), List.of(lines.get(at + 2).split(" +")));
    assertEquals("c", lines.get(at + 3).split(" +")[0]);
    assertEquals(List.of("b", "0.00000", "0.00000"), List.of(lines.get(at + 4).split(" +")));
    assertEquals(at + 5, lines.size(), o.out());

    Cli.Outcome none = Cli.run("evaluate", file.toString(), "--data", data.toString(), "--importance", "0");
    assertEquals(2, none.code(), none.describe());
    assertEquals("nn: --importance takes 1 to 1000 shuffles, found 0; see nn evaluate --help\n", none.err());
    assertEquals("", none.out(), "refused before anything is evaluated");
    Cli.Outcome many = Cli.run("evaluate", file.toString(), "--data", data.toString(), "--importance=2000000000");
    assertEquals(2, many.code(), many.describe());
    assertEquals("nn: --importance takes 1 to 1000 shuffles, found 2000000000; see nn evaluate --help\n", many.err());
  }
}
