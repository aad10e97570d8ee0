package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTests {
  @TempDir
  Path dir;

  @Test
  void eachKindOfEpochHasItsRow() {
    List<EpochReport> h = RunFixtures.mixedHistory();
    assertEquals("1,25,0.1,0.30000000000000004,,,,,,0.125", EpochCsv.METRICS.row(h.get(0)));
    assertEquals("2,50,3.333333333333333E-4,4.9E-324,0.6931471805599453,0.875,,,,1.5E-9", EpochCsv.METRICS.row(h.get(1)));
    assertEquals("3,3000000000,-0.0,1.7976931348623157E308,Infinity,,1.4142135623730951,NaN,-12.5,7.0",
        EpochCsv.METRICS.row(h.get(2)));
  }

  @Test
  void everyNumberReadsBackExactly() {
    EpochReport r = RunFixtures.mixedHistory().get(1);
    String[] cells = EpochCsv.METRICS.row(r).split(",", -1);
    assertEquals(10, cells.length);
    RunFixtures.assertSameBits(r.learningRate(), Double.parseDouble(cells[2]), "learning_rate");
    RunFixtures.assertSameBits(r.trainLoss(), Double.parseDouble(cells[3]), "train_loss");
    RunFixtures.assertSameBits(r.validation().loss(), Double.parseDouble(cells[4]), "val_loss");
    RunFixtures.assertSameBits(r.seconds(), Double.parseDouble(cells[9]), "seconds");
  }

  @Test
  void theFileHoldsTheHeaderAndOneRowPerEpochAndNoLeftovers() throws Exception {
    Path file = dir.resolve("metrics.csv");
    MetricsCsv csv = new MetricsCsv(file);
    List<EpochReport> h = RunFixtures.mixedHistory();
    csv.restart(List.of());
    assertEquals(MetricsCsv.HEADER + "\n", Files.readString(file));
    for (EpochReport r : h) {
      csv.onEpochEnd(null, r);
    }
    assertEquals("epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds\n"
        + EpochCsv.METRICS.row(h.get(0)) + "\n" + EpochCsv.METRICS.row(h.get(1)) + "\n" + EpochCsv.METRICS.row(h.get(2)) + "\n",
        Files.readString(file));
    assertEquals(EpochCsv.METRICS.render(h), Files.readString(file));
    assertEquals(List.of(), RunFixtures.temporaryFiles(dir));
  }

  @Test
  void restartingFromAnEarlierHistoryDropsTheRowsAfterIt() throws Exception {
    Path file = dir.resolve("metrics.csv");
    List<EpochReport> h = RunFixtures.mixedHistory();
    MetricsCsv killed = new MetricsCsv(file);
    killed.restart(h);
    MetricsCsv resumed = new MetricsCsv(file);
    resumed.restart(h.subList(0, 1));
    resumed.append(h.get(1));
    assertEquals(EpochCsv.METRICS.render(h.subList(0, 2)), Files.readString(file));
  }

  @Test
  void rowsAreAppendedAndAFileDeletedMidRunIsWrittenWholeAgain() throws Exception {
    Path file = dir.resolve("metrics.csv");
    List<EpochReport> h = RunFixtures.mixedHistory();
    MetricsCsv csv = new MetricsCsv(file);
    csv.restart(List.of());
    csv.append(h.get(0));
    assertEquals(EpochCsv.METRICS.render(h.subList(0, 1)), Files.readString(file));
    Files.delete(file);
    csv.append(h.get(1));
    assertEquals(EpochCsv.METRICS.render(h.subList(0, 2)), Files.readString(file));
    csv.append(h.get(2));
    assertEquals(EpochCsv.METRICS.render(h), Files.readString(file));
  }

  @Test
  void aReaderNeverSeesHalfARow() throws Exception {
    Path file = dir.resolve("metrics.csv");
    MetricsCsv csv = new MetricsCsv(file);
    List<EpochReport> written = new ArrayList<>();
    csv.restart(written);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> problem = new AtomicReference<>();
    int[] reads = new int[1];
    java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
    Thread reader = new Thread(() -> {
      int seen = 0;
      while (!done.get() && problem.get() == null) {
        try {
          String text = Files.readString(file);
          reads[0]++;
          int rows = (int) text.chars().filter(c -> c == '\n').count() - 1;
          if (!text.endsWith("\n") || rows < seen || !text.equals(EpochCsv.METRICS.render(expected(rows)))) {
            problem.set("read " + text.length() + " chars after " + seen + " rows:\n" + text);
          }
          seen = rows;
          firstRead.countDown();
        } catch (NoSuchFileException e) {
          problem.set("the file vanished during a rewrite");
        } catch (Exception e) {
          problem.set(e.toString());
        }
      }
    });
    reader.start();
    // appending a row is quick: start once the reader reads, so that its reads overlap the appends
    assertTrue(firstRead.await(10, java.util.concurrent.TimeUnit.SECONDS));
    List<EpochReport> all = expected(600);
    for (int e = 1; e <= 600; e++) {
      csv.append(all.get(e - 1));
    }
    done.set(true);
    reader.join();
    assertEquals(null, problem.get());
    assertTrue(reads[0] > 0);
    assertEquals(EpochCsv.METRICS.render(all), Files.readString(file));
  }

  private static List<EpochReport> expected(int epochs) {
    List<EpochReport> out = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      out.add(new EpochReport(e, 10L * e, 0.01, 1.0 / e, RunFixtures.regression(2.0 / e, 5, 0.5, 0.25, 1 - 1.0 / e),
          0.001 * e));
    }
    return out;
  }
}
