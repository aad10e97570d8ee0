package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochCsvTests {
  private static final Path FILE = Path.of("run", "epoch-0003.ckpt");

  @Test
  void aHistoryReadsBackBitForBit() {
    List<EpochReport> h = new ArrayList<>(RunFixtures.mixedHistory());
    h.add(new EpochReport(4, 60, RunFixtures.ODD_NAN, Double.NaN,
        RunFixtures.classification(RunFixtures.ODD_NAN, 0, Double.NaN, new long[][] {{0, 0}, {0, 0}}), -0.0));
    h.add(new EpochReport(5, 70, 0.5, 0.25, RunFixtures.regression(1, 2, 3, 4, 5), 1));
    String text = EpochCsv.HISTORY.render(h);
    RunFixtures.assertSameHistory(h, EpochCsv.read(FILE, "history.csv", text));
  }

  @Test
  void bothLayoutsShareOneColumnOrderAndOneRowForOneReport() {
    assertTrue(EpochCsv.HISTORY.header().startsWith(EpochCsv.METRICS.header() + ","), EpochCsv.HISTORY.header());
    for (EpochReport r : RunFixtures.mixedHistory()) {
      assertTrue(EpochCsv.HISTORY.row(r).startsWith(EpochCsv.METRICS.row(r) + ","), EpochCsv.HISTORY.row(r));
    }
  }

  @Test
  void onlyTheHistoryKeepsTheBitsOfAnUnusualNaN() {
    EpochReport r = new EpochReport(1, 5, RunFixtures.ODD_NAN, 1, null, 2);
    assertEquals("1,5,NaN,1.0,,,,,,2.0", EpochCsv.METRICS.row(r));
    assertEquals("1,5,nan-bits:7ff4000000000abc,1.0,,,,,,2.0,,", EpochCsv.HISTORY.row(r));
  }

  /** Version 1 checkpoints wrote the history in another column order, with NaN where a figure does not apply. */
  @Test
  void aHistoryInTheColumnOrderOfVersion1CheckpointsReadsBack() {
    String v1 = "epoch,updates,learning_rate,train_loss,seconds,val_rows,val_loss,val_accuracy,val_rmse,val_mae,"
        + "val_r2,val_confusion\n"
        + "1,25,0.1,0.30000000000000004,0.125,,,,,,,\n"
        + "2,50,3.333333333333333E-4,4.9E-324,1.5E-9,8,0.6931471805599453,0.875,NaN,NaN,NaN,3 1 0 4\n"
        + "3,3000000000,-0.0,1.7976931348623157E308,7.0,4,Infinity,NaN,1.4142135623730951,NaN,-12.5,\n";
    RunFixtures.assertSameHistory(RunFixtures.mixedHistory(), EpochCsv.read(FILE, "history.csv", v1));
  }

  @Test
  void aDamagedLineOrHeaderIsNamed() {
    String text = EpochCsv.HISTORY.render(RunFixtures.mixedHistory());
    RunFileException e = assertThrows(RunFileException.class,
        () -> EpochCsv.read(FILE, "history.csv", text.replace("0.125", "")));
    assertEquals(FILE + ": history.csv line 2 is corrupted: empty String", e.getMessage());
    e = assertThrows(RunFileException.class,
        () -> EpochCsv.read(FILE, "history.csv", text.replace("val_rows,", "")));
    assertEquals(FILE + ": history.csv is not a complete epoch history (corrupted)", e.getMessage());
    e = assertThrows(RunFileException.class,
        () -> EpochCsv.read(FILE, "history.csv", text.substring(0, text.length() - 1)));
    assertEquals(FILE + ": history.csv is not a complete epoch history (corrupted)", e.getMessage());
  }

  /**
   * Many classes and few rows: the matrix is written as its cells that are not 0, which read back to the same
   * matrix; a cell outside the classes is named.
   */
  @Test
  void aConfusionMatrixOfManyClassesIsWrittenSparselyAndReadsBack() {
    int k = 2_000;
    long[][] confusion = new long[k][k];
    confusion[0][0] = 3;
    confusion[1999][7] = 2;
    confusion[12][12] = 1;
    EpochReport r = new EpochReport(1, 10, 0.1, 0.5, RunFixtures.classification(0.25, 6, 4.0 / 6, confusion), 1);
    String row = EpochCsv.HISTORY.row(r);
    assertTrue(row.endsWith(",sparse 2000 0:0:3 12:12:1 1999:7:2"), row);
    String text = EpochCsv.HISTORY.render(List.of(r));
    RunFixtures.assertSameHistory(List.of(r), EpochCsv.read(FILE, "history.csv", text));
    RunFileException e = assertThrows(RunFileException.class,
        () -> EpochCsv.read(FILE, "history.csv", text.replace("1999:7:2", "2000:7:2")));
    assertEquals(FILE + ": history.csv line 2 is corrupted: a sparse confusion cell \"2000:7:2\" is outside 2000"
        + " classes", e.getMessage());
  }
}
