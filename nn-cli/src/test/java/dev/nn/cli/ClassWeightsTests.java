package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.class-weights} as a user meets it, on {@code examples/pima.yaml} (500 negatives, 268 positives):
 * {@code balanced} finds more of the positives in the test rows at nearly the same accuracy, weights of 1 train the
 * bits of no key, and {@code nn train} says the weights it uses and writes the key back into the run's experiment.
 */
class ClassWeightsTests {
  private static final Path PIMA = Cli.EXAMPLES.resolve("pima.yaml");

  @TempDir
  Path tmp;

  private TrainingRun.Result train(String... overrides) {
    Nn nn = Nn.create();
    return nn.train(nn.load(PIMA, List.of(overrides)), TrainingRun.Options.into(tmp.resolve("runs")));
  }

  /** Of the test rows of class c, the share predicted as c. */
  private static double recall(Metrics m, int c) {
    long[] row = m.confusion()[c];
    long all = 0;
    for (long v : row) {
      all += v;
    }
    return (double) row[c] / all;
  }

  @Test
  void balancedWeightsFindMoreOfTheRarePositives() {
    Metrics balanced = train().test();
    Metrics even = train("training.class-weights=[1, 1]").test();
    String figures = "balanced: accuracy " + balanced.accuracy() + ", recall of positives " + recall(balanced, 1)
        + "; even: accuracy " + even.accuracy() + ", recall of positives " + recall(even, 1);
    assertTrue(recall(balanced, 1) > recall(even, 1) + 0.05, figures);
    assertTrue(recall(balanced, 0) < recall(even, 0), "the price: fewer negatives found. " + figures);
    assertTrue(Math.abs(balanced.accuracy() - even.accuracy()) < 0.05, figures);
  }

  @Test
  void weightsOfOneTrainTheBitsOfNoKey() throws Exception {
    Path plain = Files.writeString(tmp.resolve("plain.yaml"), Files.readString(PIMA)
        .replace(", class-weights: balanced", "").replace("data/", Cli.EXAMPLES.resolve("data").toAbsolutePath().normalize() + "/"));
    Nn nn = Nn.create();
    double[] none = nn.train(nn.load(plain, List.of()), TrainingRun.Options.into(tmp.resolve("none"))).model()
        .network().parameters().toArray();
    double[] ones = train("training.class-weights=[1, 1]").model().network().parameters().toArray();
    assertArrayEquals(none, ones, 0.0);
  }

  @Test
  void theRunSaysItsWeightsAndKeepsTheKey() throws Exception {
    Cli.Outcome o = Cli.run("train", PIMA.toString(), "--output", tmp.resolve("cli").toString(), "--set",
        "training.epochs=2");
    assertEquals(0, o.code(), o.describe());
    // the training split's 499 rows: 325 negatives and 174 positives, so 499/650 and 499/348
    assertTrue(o.out().contains("\nclass weights 0.7677, 1.434\n"), o.out());
    Path run = Cli.onlyRun(tmp.resolve("cli"));
    assertTrue(Files.readString(run.resolve(RunDirectory.EXPERIMENT)).contains("class-weights: balanced"));
  }
}
