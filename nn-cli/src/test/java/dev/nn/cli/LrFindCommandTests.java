package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.LearningRateRange;
import dev.nn.core.experiment.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn lr-find} on the digits (sgd, batch 16): the loss falls, then the rate grows too large and the test
 * stops; the suggested rate trains the digits better than the example's own rate, while the rate at the lowest
 * point does not train at all; the command prints its table and suggestion, writes its CSV, repeats itself exactly,
 * and refuses a bad range with one message.
 */
class LrFindCommandTests {
  private static final String DIGITS = Cli.EXAMPLES.resolve("digits.yaml").toString();

  @TempDir
  Path tmp;

  @Test
  void theSuggestedRateTrainsAndTheRateAtTheLowestPointDoesNot() {
    Nn nn = Nn.create();
    LearningRateRange.Result r = nn.learningRateRange(nn.load(Path.of(DIGITS), List.of())).run(1e-7, 10, 100);
    assertTrue(r.stopped() != null && r.stopped().contains("passed 4 times its lowest"), String.valueOf(r.stopped()));
    assertTrue(r.steps().size() < 100, "stopped before the last update: " + r.steps().size());
    List<LearningRateRange.Step> s = r.steps();
    double early = s.get(s.size() / 10).smoothed();
    double low = s.stream().mapToDouble(LearningRateRange.Step::smoothed).min().orElseThrow();
    assertTrue(low < 0.9 * early, "the loss fell: " + early + " to " + low);
    assertTrue(r.suggested() > 1e-3 && r.suggested() < 1, "suggested " + r.suggested());

    double suggested = train(nn, r.suggested());
    double example = train(nn, 0.05);
    assertTrue(suggested > example && suggested > 0.95, "suggested " + suggested + ", the example's " + example);
    // ten times the suggestion, the rate at the lowest point, diverges
    Cli.Outcome tooLarge = Cli.run("train", DIGITS, "--set", "optimizer.learning-rate=" + r.lowest(), "--output",
        tmp.resolve("large").toString());
    assertEquals(Main.DIVERGED, tooLarge.code(), tooLarge.describe());
    assertTrue(tooLarge.err().contains("training diverged"), tooLarge.err());
  }

  private double train(Nn nn, double rate) {
    return nn.train(nn.load(Path.of(DIGITS), List.of("optimizer.learning-rate=" + rate)),
        TrainingRun.Options.into(tmp.resolve("rate-" + rate))).test().accuracy();
  }

  @Test
  void theCommandPrintsItsTableAndSuggestionAndWritesItsCsvTheSameEachTime() throws Exception {
    Path first = tmp.resolve("first.csv");
    Cli.Outcome o = Cli.run("lr-find", DIGITS, "--csv", first.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("; 100 updates of batch size 16 with sgd, the rate growing from 1e-7 to 10\n"),
        o.out());
    assertTrue(o.out().contains("update  learning rate  loss"), o.out());
    assertEquals(1, o.outLines("suggested learning rate ").size(), o.out());
    List<String> rows = Files.readAllLines(first);
    assertEquals("update,learning_rate,loss,smoothed_loss", rows.get(0));
    assertTrue(rows.size() > 50 && rows.size() <= 101, "one row per update: " + rows.size());
    assertEquals("1,1.0E-7", rows.get(1).substring(0, 8));
    Path second = tmp.resolve("second.csv");
    assertEquals(0, Cli.run("lr-find", DIGITS, "--csv", second.toString()).code());
    assertEquals(rows, Files.readAllLines(second), "the same seed, the same steps");
  }

  @Test
  void aBadRangeOrFolderIsOneMessageAndWritesNothing() {
    Cli.Outcome backwards = Cli.run("lr-find", DIGITS, "--from", "1", "--to", "0.5");
    assertEquals(2, backwards.code(), backwards.describe());
    assertTrue(backwards.err().startsWith("nn: --from and --to must be finite with 0 < --from < --to, found 1.0 and"
        + " 0.5"), backwards.err());
    Cli.Outcome one = Cli.run("lr-find", DIGITS, "--updates", "1");
    assertEquals(2, one.code(), one.describe());
    assertTrue(one.err().startsWith("nn: --updates must be >= 2, found 1"), one.err());
    Path missing = tmp.resolve("no-such-folder").resolve("lr.csv");
    Cli.Outcome folder = Cli.run("lr-find", DIGITS, "--csv", missing.toString());
    assertEquals(2, folder.code(), folder.describe());
    assertTrue(folder.err().contains("does not exist; create it first"), folder.err());
    assertFalse(Files.exists(missing.getParent()));
    assertFalse(folder.err().contains("\tat "), "no stack trace");
  }
}
