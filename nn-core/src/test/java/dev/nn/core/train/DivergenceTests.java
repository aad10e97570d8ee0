package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DivergenceTests {

  private static EpochReport epoch(int e, double trainLoss, Double validationLoss) {
    Metrics val = validationLoss == null ? null : new Metrics(validationLoss, 10, Double.NaN, null, 1, 1, 0);
    return new EpochReport(e, 10L * e, 0.1, trainLoss, val, 0.0);
  }

  @Test
  void aValidationLossThatIsNotFiniteDivergesThoughEveryBatchWasFinite() {
    for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NaN}) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> Divergence.check(List.of(epoch(1, 2.0, 2.0)), epoch(2, 8.7e304, bad), 3.0));
      assertEquals("training diverged: at the end of epoch 2 the validation loss became " + bad
          + "; try a smaller learning rate", e.getMessage());
      assertEquals(2, e.epoch());
      assertEquals(20, e.step());
    }
  }

  @Test
  void aTrainingLossMoreThanAThousandTimesTheLowestDiverges() {
    List<EpochReport> earlier = List.of(epoch(1, 5.0, null), epoch(2, 0.5, null), epoch(3, 4.0, null));
    Divergence.check(earlier, epoch(4, 500.0, null), 6.0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Divergence.check(earlier, epoch(4, 500.1, null), 6.0));
    assertEquals("training diverged: at the end of epoch 4 the mean training loss was 500.1, more than 1000 times "
        + "the lowest so far (0.5 at epoch 2); try a smaller learning rate", e.getMessage());
  }

  @Test
  void aValidationLossMoreThanAThousandTimesTheLowestDivergesToo() {
    List<EpochReport> earlier = List.of(epoch(1, 5.0, 4.0), epoch(2, 1.0, 0.25));
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Divergence.check(earlier, epoch(3, 1.0, 300.0), 6.0));
    assertEquals("training diverged: at the end of epoch 3 the validation loss was 300, more than 1000 times the "
        + "lowest so far (0.25 at epoch 2); try a smaller learning rate", e.getMessage());
  }

  /** One validation row's loss passes near 0 whenever the prediction crosses its target: its growth is ordinary. */
  @Test
  void aValidationSplitOfAFewRowsIsLeftToTheTrainingLoss() {
    Metrics oneRow = new Metrics(2e-5, 1, Double.NaN, null, 1, 1, 0);
    Metrics later = new Metrics(0.0268, 1, Double.NaN, null, 1, 1, 0);
    Metrics first = new Metrics(0.9, 1, Double.NaN, null, 1, 1, 0);
    List<EpochReport> earlier = List.of(new EpochReport(1, 10, 0.1, 1.0, new Metrics(1e-3, 1, Double.NaN, null, 1,
        1, 0), 0), new EpochReport(2, 20, 0.1, 0.5, oneRow, 0));
    Divergence.check(earlier, new EpochReport(3, 30, 0.1, 0.5, later, 0), 2.0);
    // with ten rows the same figures count
    List<EpochReport> ten = List.of(new EpochReport(1, 10, 0.1, 1.0, new Metrics(1e-3, 10, Double.NaN, null, 1, 1,
        0), 0), new EpochReport(2, 20, 0.1, 0.5, new Metrics(2e-5, 10, Double.NaN, null, 1, 1, 0), 0));
    assertThrows(TrainingDivergedException.class, () -> Divergence.check(ten, new EpochReport(3, 30, 0.1, 0.5,
        new Metrics(0.0268, 10, Double.NaN, null, 1, 1, 0), 0), 2.0));
    // a validation loss that is not finite counts whatever its rows
    assertThrows(TrainingDivergedException.class, () -> Divergence.check(earlier, new EpochReport(3, 30, 0.1, 0.5,
        new Metrics(Double.NaN, 1, Double.NaN, null, 1, 1, 0), 0), 2.0));
    assertEquals(0.9, first.loss());
  }

  @Test
  void aLossThatReachedZeroMayRiseBelowTheFirstEpochsWithoutDiverging() {
    // a hinge loss on separable data: 0, then a little again
    Divergence.check(List.of(epoch(1, 0.4, 0.5), epoch(2, 0.0, 0.0)), epoch(3, 0.01, 0.02), 0.9);
    assertThrows(TrainingDivergedException.class,
        () -> Divergence.check(List.of(epoch(1, 0.4, 0.5), epoch(2, 0.0, 0.0)), epoch(3, 0.41, 0.02), 0.9));
  }

  @Test
  void theFirstEpochIsComparedWithTheFirstBatch() {
    Divergence.check(List.of(), epoch(1, 24_000_000.0, null), 24_769.0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Divergence.check(List.of(), epoch(1, 4.5e39, null), 24_769.0));
    assertEquals("training diverged: at the end of epoch 1 the mean training loss was 4.5e39, more than 1000 times "
        + "the untrained network's (24769); try a smaller learning rate", e.getMessage());
    // unknown first batch (epochs computed elsewhere), or a first batch without loss: no comparison
    Divergence.check(List.of(), epoch(1, 4.5e39, null), Double.NaN);
    Divergence.check(List.of(), epoch(1, 4.5e39, null), 0.0);
  }

  /**
   * The first update's loss comes from the initial weights: its message points at the network as initialised,
   * since no learning rate made it; a later update's points at the learning rate.
   */
  @Test
  void aLossNotFiniteAtTheFirstUpdateIsNotBlamedOnTheLearningRate() {
    assertEquals("training diverged: the loss became NaN at epoch 1, update 1; this is the loss of the initial"
        + " weights, before any update, so the learning rate is not the cause: look at the initializer's scale and at"
        + " any plugin activation or loss (nn gradcheck runs them)",
        new TrainingDivergedException(1, 1, Double.NaN).getMessage());
    assertEquals("training diverged: the loss became Infinity at epoch 1, update 2; try a smaller learning rate",
        new TrainingDivergedException(1, 2, Double.POSITIVE_INFINITY).getMessage());
  }

  /** The divergence told with its run directory is the same divergence: its trace, not itself as its own cause. */
  @Test
  void aDivergenceInARunIsNotItsOwnCause() {
    TrainingDivergedException found = new TrainingDivergedException(3, 7, Double.POSITIVE_INFINITY);
    TrainingDivergedException inRun = found.inRun(java.nio.file.Path.of("runs", "r"));
    assertEquals(found.getMessage(), inRun.getMessage());
    assertEquals(null, inRun.getCause());
    assertEquals(java.util.List.of(found.getStackTrace()), java.util.List.of(inRun.getStackTrace()));
    assertEquals(java.nio.file.Path.of("runs", "r"), inRun.runDirectory().orElseThrow());
  }

  /** Advice to try first goes before the learning rate's; a divergence not blamed on the rate keeps its own advice. */
  @Test
  void adviceToTryFirstGoesBeforeTheLearningRatesAndOnlyThere() {
    TrainingDivergedException rate = new TrainingDivergedException(2, 40, Double.NaN);
    TrainingDivergedException advised = rate.withFirstAdvice("set data.standardize-targets: true");
    assertEquals("training diverged: the loss became NaN at epoch 2, update 40; set data.standardize-targets: true; or"
        + " try a smaller learning rate", advised.getMessage());
    assertEquals(2, advised.epoch());
    assertEquals(40, advised.step());
    TrainingDivergedException initial = new TrainingDivergedException(1, 1, Double.NaN);
    assertSame(initial, initial.withFirstAdvice("anything"));
    TrainingDivergedException float32 = new TrainingDivergedException(2, 40, Double.NaN, true);
    assertSame(float32, float32.withFirstAdvice("anything"));
  }
}
