package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.TrainerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Sample states and histories, and bit-exact comparisons of them. */
final class RunFixtures {
  private RunFixtures() {}

  /** A NaN whose bits differ from {@link Double#NaN}'s. */
  static final double ODD_NAN = Double.longBitsToDouble(0x7ff4000000000abcL);

  static Metrics classification(double loss, int rows, double accuracy, long[][] confusion) {
    return new Metrics(loss, rows, accuracy, confusion, Double.NaN, Double.NaN, Double.NaN);
  }

  static Metrics regression(double loss, int rows, double rmse, double mae, double r2) {
    return new Metrics(loss, rows, Double.NaN, null, rmse, mae, r2);
  }

  /** Three epochs: one without validation, one classification, one regression; awkward doubles throughout. */
  static List<EpochReport> mixedHistory() {
    return List.of(
        new EpochReport(1, 25, 0.1, 0.1 + 0.2, null, 0.125),
        new EpochReport(2, 50, 1e-3 / 3, Double.MIN_VALUE,
            classification(0.6931471805599453, 8, 0.875, new long[][] {{3, 1}, {0, 4}}), 1.5e-9),
        new EpochReport(3, 3_000_000_000L, -0.0, Double.MAX_VALUE,
            regression(Double.POSITIVE_INFINITY, 4, Math.sqrt(2), Double.NaN, -12.5), 7.0));
  }

  static TrainerState sampleState() {
    // finite parameters and no NaN in the optimizer's state: a checkpoint holding them is refused as damaged
    double[] params = {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, -Double.MAX_VALUE,
        1e-300, -7.25, 0.1, Math.E};
    double[][] optimizer = {{0.5, -1.25e-9, 3}, {}, {Double.POSITIVE_INFINITY, 7, Double.NEGATIVE_INFINITY, 1e300}};
    double[] best = {1, 2, 3, 4, 5, 6, 7, 8, 9, Math.nextUp(1.0)};
    return new TrainerState(3, 3_000_000_000L, params, optimizer, best, 2, Double.NaN, 1, mixedHistory());
  }

  static long[] bits(double[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Double.doubleToRawLongBits(a[i]);
    }
    return out;
  }

  static void assertSameBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": expected " + expected + ", found " + actual);
  }

  static void assertSameState(TrainerState expected, TrainerState actual) {
    assertEquals(expected.epoch(), actual.epoch());
    assertEquals(expected.updates(), actual.updates());
    assertArrayEquals(bits(expected.params()), bits(actual.params()), "params");
    assertEquals(expected.optimizerState().length, actual.optimizerState().length);
    for (int b = 0; b < expected.optimizerState().length; b++) {
      assertArrayEquals(bits(expected.optimizerState()[b]), bits(actual.optimizerState()[b]), "optimizer block " + b);
    }
    if (expected.bestParams() == null) {
      assertNull(actual.bestParams());
    } else {
      assertArrayEquals(bits(expected.bestParams()), bits(actual.bestParams()), "best params");
    }
    assertEquals(expected.bestEpoch(), actual.bestEpoch());
    assertSameBits(expected.bestValue(), actual.bestValue(), "best value");
    assertEquals(expected.epochsWithoutImprovement(), actual.epochsWithoutImprovement());
    assertSameHistory(expected.history(), actual.history());
    assertEquals(expected.end(), actual.end());
    if (expected.within() == null) {
      assertNull(actual.within());
    } else {
      TrainerState.Within e = expected.within();
      TrainerState.Within a = actual.within();
      assertEquals(List.of(e.batches(), e.batchSize(), e.rows()), List.of(a.batches(), a.batchSize(), a.rows()));
      assertSameBits(e.lossSum(), a.lossSum(), "loss sum");
      assertSameBits(e.seconds(), a.seconds(), "seconds");
      assertSameBits(e.firstBatchLoss(), a.firstBatchLoss(), "first batch loss");
    }
  }

  static void assertSameHistory(List<EpochReport> expected, List<EpochReport> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      EpochReport e = expected.get(i);
      EpochReport a = actual.get(i);
      assertEquals(e.epoch(), a.epoch());
      assertEquals(e.updates(), a.updates());
      assertSameBits(e.learningRate(), a.learningRate(), "learning rate of epoch " + e.epoch());
      assertSameBits(e.trainLoss(), a.trainLoss(), "train loss of epoch " + e.epoch());
      assertSameBits(e.seconds(), a.seconds(), "seconds of epoch " + e.epoch());
      Metrics ev = e.validation();
      Metrics av = a.validation();
      if (ev == null) {
        assertNull(av);
        continue;
      }
      assertSameBits(ev.loss(), av.loss(), "validation loss");
      assertEquals(ev.rows(), av.rows());
      assertSameBits(ev.accuracy(), av.accuracy(), "accuracy");
      assertSameBits(ev.rmse(), av.rmse(), "rmse");
      assertSameBits(ev.mae(), av.mae(), "mae");
      assertSameBits(ev.r2(), av.r2(), "r2");
      if (ev.confusion() == null) {
        assertNull(av.confusion());
      } else {
        assertArrayEquals(ev.confusion(), av.confusion());
      }
    }
  }

  /** Names of leftover temporary files under {@code dir}. */
  static List<String> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }
}
