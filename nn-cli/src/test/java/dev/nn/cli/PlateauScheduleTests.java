package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.ReduceOnPlateau;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plateau schedule in a run of the digits: each epoch trains at the rate the rule gives on the epochs before
 * it (the rule itself is checked against PyTorch in nn-core), the rate does fall, and a run interrupted after a
 * reduction and resumed ends with the uninterrupted run's parameters.
 */
class PlateauScheduleTests {
  private static final String[] PLATEAU = {
      "optimizer.schedule={name: plateau, patience: 1, factor: 0.5, min-delta: 0.002, cooldown: 1}",
      "training.epochs=25", "training.early-stopping=false"};
  private static final ReduceOnPlateau RULE = new ReduceOnPlateau(true, 0.5, 1, 0.002, 1, 0.05, 0.0);

  @TempDir
  Path tmp;

  private Experiment digits() {
    return Nn.create().load(Cli.EXAMPLES.resolve("digits.yaml"), List.of(PLATEAU));
  }

  @Test
  void eachEpochTrainsAtTheRateTheRuleGivesOnTheEpochsBefore() {
    Experiment e = digits();
    assertEquals(0.05, e.optimizer().learningRate(), "the rule above assumes the example's rate");
    List<EpochReport> epochs = Nn.create().train(e, TrainingRun.Options.into(tmp)).training().epochs();
    assertEquals(25, epochs.size());
    for (int i = 0; i < epochs.size(); i++) {
      assertEquals(RULE.rate(epochs.subList(0, i)), epochs.get(i).learningRate(), 0.0, "epoch " + (i + 1));
    }
    assertTrue(epochs.get(24).learningRate() < 0.05, "the rate fell: " + epochs.get(24).learningRate());
  }

  /**
   * A reduction after the last epoch (or the epoch early stopping ends on) is not announced: it named an epoch that
   * never trains ("… from epoch 8" just before "stopped early after epoch 7").
   */
  @Test
  void noReductionIsAnnouncedForAnEpochThatNeverTrains() throws Exception {
    List<EpochReport> epochs = Nn.create().train(digits(), TrainingRun.Options.into(tmp.resolve("full"))).training()
        .epochs();
    int last = 0;
    for (int i = 1; i < epochs.size() && last == 0; i++) {
      if (epochs.get(i).learningRate() != epochs.get(i - 1).learningRate()) {
        last = i; // the rate fell after epoch i: a run of i epochs ends there
      }
    }
    assertTrue(last > 0, "the rate falls in 25 epochs");
    List<String> args = new java.util.ArrayList<>(List.of("train", Cli.EXAMPLES.resolve("digits.yaml").toString(),
        "--output", tmp.resolve("short").toString()));
    for (String s : PLATEAU) {
      args.add("--set");
      args.add(s);
    }
    args.add("--set");
    args.add("training.epochs=" + last);
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.describe());
    int after = last + 1;
    assertTrue(o.outLines("learning rate reduced").stream().noneMatch(l -> l.endsWith("from epoch " + after
        + " (plateau)")), o.out());
  }

  @Test
  void nnTrainSaysWhenTheRateIsReduced() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("train", Cli.EXAMPLES.resolve("digits.yaml").toString(),
        "--output", tmp.resolve("cli").toString()));
    for (String s : PLATEAU) {
      args.add("--set");
      args.add(s);
    }
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.outLines("learning rate reduced");
    assertTrue(!lines.isEmpty(), o.out());
    // each notice follows the epoch whose figures made it, names the next epoch and its rate
    List<EpochReport> epochs = Nn.create().train(digits(), TrainingRun.Options.into(tmp.resolve("api"))).training()
        .epochs();
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 1; i < epochs.size(); i++) {
      if (epochs.get(i).learningRate() != epochs.get(i - 1).learningRate()) {
        expected.add(EpochLines.reduced(epochs.get(i).learningRate(), i + 1));
      }
    }
    assertEquals(expected, lines);
    assertEquals("learning rate reduced to 0.025 from epoch 23 (plateau)", EpochLines.reduced(0.025, 23));
    String out = o.out();
    int first = out.indexOf(lines.get(0));
    String before = out.substring(0, first).strip();
    int epoch = Integer.parseInt(lines.get(0).replaceAll(".* from epoch (\\d+) .*", "$1"));
    assertTrue(before.substring(before.lastIndexOf('\n') + 1).startsWith("epoch " + (epoch - 1) + "/25"), out);
  }

  /** Stops a run after an epoch, as a kill would, once the epoch's checkpoint is written. */
  private static final class StopAfter implements TrainingListener {
    private final int epoch;

    StopAfter(int epoch) {
      this.epoch = epoch;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochReport report) {
      if (report.epoch() == epoch) {
        throw new IllegalStateException("stopped after epoch " + epoch);
      }
    }
  }

  @Test
  void aRunResumedAfterAReductionEndsWithTheUninterruptedRunsParameters() throws Exception {
    Nn nn = Nn.create();
    TrainingRun.Result whole = nn.train(digits(), TrainingRun.Options.into(tmp.resolve("whole")));
    List<EpochReport> epochs = whole.training().epochs();
    int reduced = 0;
    while (epochs.get(reduced).learningRate() == 0.05) {
      reduced++;
    }
    // stop at the end of the first epoch trained at the lower rate
    int stop = reduced + 1;
    assertTrue(stop < 24, "a reduction early enough to resume after it: epoch " + stop);
    TrainingRun.Options stopping = new TrainingRun.Options(tmp.resolve("cut"), null, List.of(),
        List.of(new StopAfter(stop)), TrainingRun.Options.defaults().nnVersion());
    assertThrows(IllegalStateException.class, () -> nn.train(digits(), stopping));
    Path cut;
    try (var dirs = Files.list(tmp.resolve("cut"))) {
      cut = dirs.findFirst().orElseThrow();
    }
    TrainingRun.Result resumed = nn.resume(cut, TrainingRun.Options.defaults());
    assertEquals(25, resumed.training().epochs().size());
    assertArrayEquals(whole.model().network().parameters().toArray(),
        resumed.model().network().parameters().toArray());
    for (int i = 0; i < 25; i++) {
      assertEquals(epochs.get(i).learningRate(), resumed.training().epochs().get(i).learningRate(), 0.0);
    }
  }
}
