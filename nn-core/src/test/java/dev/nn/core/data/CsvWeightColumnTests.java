package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A csv source's {@code weight:} column: read as each row's weight, not a feature; a weight that is missing, not a
 * number, negative or not finite is refused at its line; every step that makes a data set of rows (splits,
 * shuffles, one-hot, standardisation, float32) keeps each row's weight with it.
 */
class CsvWeightColumnTests {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path p = dir.resolve("w.csv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static CsvReader weighing(CsvReader reader, String column) {
    return reader.with(CsvOptions.DEFAULTS.withWeight(column));
  }

  @Test
  void theWeightColumnIsReadAndIsNotAFeature() throws IOException {
    Path f = write("a,w,b,y\n1,0.5,2,0\n3,2,4,1\n5,0,6,1\n");
    Dataset d = weighing(CsvReader.classification("y"), "w").read(f);
    assertEquals(List.of("a", "b"), d.featureNames());
    assertTrue(d.weighted());
    assertArrayEquals(new double[] {0.5, 2, 0}, d.weights());
    assertEquals(3, d.x(1, 0));
    assertEquals(4, d.x(1, 1));

    Dataset plain = CsvReader.classification("y").read(f);
    assertEquals(List.of("a", "w", "b"), plain.featureNames(), "without weight: the column is a feature");
    assertFalse(plain.weighted());
    assertNull(plain.weights());
    assertEquals(1, plain.weight(2));
  }

  @Test
  void aRegressionAndIgnoredColumnsReadTheWeightToo() throws IOException {
    Path f = write("id,a,w,y\n1,1,3,0.5\n2,2,1,1.5\n");
    Dataset d = CsvReader.regression("y").with(new CsvOptions(List.of(), List.of("id"), CsvOptions.Missing.ERROR,
        CsvOptions.IndexColumn.AUTO).withWeight("w")).read(f);
    assertEquals(List.of("a"), d.featureNames());
    assertArrayEquals(new double[] {3, 1}, d.weights());
  }

  @Test
  void aRowWithoutWeightIsDroppedUnderMissingDropAndRefusedOtherwise() throws IOException {
    Path f = write("a,w,y\n1,1,0\n2,NA,1\n3,2,1\n");
    CsvOptions drop = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.DROP, CsvOptions.IndexColumn.AUTO)
        .withWeight("w");
    List<String> notes = new ArrayList<>();
    Dataset d = CsvReader.classification("y").with(drop).withNotes(notes::add).read(f);
    assertEquals(2, d.size());
    assertArrayEquals(new double[] {1, 2}, d.weights());
    assertEquals(3, d.x(1, 0));
    assertTrue(notes.toString().contains("1 row with a missing value left out (missing: drop); 2 of 3 kept"),
        notes.toString());

    String refused = assertThrows(DataException.class, () -> weighing(CsvReader.classification("y"), "w").read(f))
        .getMessage();
    assertEquals(f + ":3: column \"w\": the row's weight is missing (\"NA\"); a weight cannot be filled in"
        + "; set missing: drop on the csv source to leave such rows out", refused);
  }

  @Test
  void aWeightThatIsNotANumberAtLeast0IsRefusedAtItsLine() throws IOException {
    String[][] cases = {
        {"-2", ":3: column \"w\": the row's weight is -2; a weight is a number >= 0 (0 leaves the row out of"
            + " training)"},
        {"inf", ":3: column \"w\": \"inf\" is not a finite number; NaN and infinities are not allowed"},
        {"lots", ":3: column \"w\": \"lots\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3"},
        {"1e999", ":3: column \"w\": \"1e999\" is too large for a double"},
    };
    for (String[] c : cases) {
      Path f = write("a,w,y\n1,1,0\n2," + c[0] + ",1\n");
      String message = assertThrows(DataException.class, () -> weighing(CsvReader.classification("y"), "w").read(f))
          .getMessage();
      assertTrue(message.startsWith(f + c[1]), message);
    }
  }

  @Test
  void aWeightColumnTheHeaderLacksOrThatIsTheTargetOrAFeatureIsRefused() throws IOException {
    Path f = write("a,weight,y\n1,1,0\n2,2,1\n");
    assertEquals(f + ": weight column \"wieght\" not found; did you mean \"weight\"? Columns: a, weight, y",
        assertThrows(DataException.class, () -> weighing(CsvReader.classification("y"), "wieght").read(f))
            .getMessage());
    assertEquals(f + ": weight column \"y\" is the target column; a column is either the target or the rows'"
        + " weights", assertThrows(DataException.class, () -> weighing(CsvReader.classification("y"), "y").read(f))
            .getMessage());
    CsvOptions asFeature = new CsvOptions(List.of("a", "weight"), List.of(), CsvOptions.Missing.ERROR,
        CsvOptions.IndexColumn.AUTO).withWeight("weight");
    assertEquals(f + ": feature column \"weight\" is the weight column (weight:); a column is either the rows'"
        + " weights or a feature", assertThrows(DataException.class,
            () -> CsvReader.classification("y").with(asFeature).read(f)).getMessage());
  }

  @Test
  void weightsThatAreAll0AreRefused() throws IOException {
    Path f = write("a,w,y\n1,0,0\n2,0.0,1\n");
    assertEquals(f + ": every row's weight in column \"w\" is 0, so no row counts in training; at least one weight"
        + " must be > 0", assertThrows(DataException.class,
            () -> weighing(CsvReader.classification("y"), "w").read(f)).getMessage());
  }

  /** Each step that makes rows keeps each row's weight with it. */
  @Test
  void everyRowKeepsItsWeightThroughSplitsShufflesAndEncodings() throws IOException {
    StringBuilder csv = new StringBuilder("a,c,w,y\n");
    for (int r = 0; r < 40; r++) {
      // a row's weight is its target over 10: whatever reorders the rows, the pair stays
      csv.append(r * 7 % 13).append(',').append(r % 3).append(',').append(r / 10.0).append(',').append(r)
          .append('\n');
    }
    Dataset d = weighing(CsvReader.regression("y"), "w").read(write(csv.toString()));
    List<Dataset> made = new ArrayList<>();
    made.add(d.rows(new int[] {39, 3, 3, 17}));
    made.add(d.head(7));
    made.add(d.inPrecision(dev.nn.core.kernel.Precision.FLOAT32));
    Splits.Split split = Splits.split(d, 0.25, 0.25, 11);
    made.add(split.train());
    made.add(split.validation());
    made.add(split.test());
    Splits.Split fold = Splits.fold(d, 1, 4, 0.2, 5);
    made.add(fold.train());
    made.add(fold.test());
    made.add(d.rows(java.util.stream.IntStream.range(0, 40).toArray()).reorderInPlace(
        dev.nn.core.random.Rng.permutation(40, new java.util.SplittableRandom(3))));
    made.add(OneHot.fit(d, List.of("c")).encode(d));
    made.add(Standardizer.fit(d).transform(d));
    for (Dataset m : made) {
      assertTrue(m.weighted(), m.toString());
      for (int r = 0; r < m.size(); r++) {
        assertEquals(m.y(r, 0) / 10.0, m.weight(r), 1e-12, m + " row " + r);
      }
    }
  }

  /** missing: mean fills with the weighted mean of the training rows: a row of weight 0 does not move it. */
  @Test
  void missingValuesAreFilledWithTheWeightedMean() throws IOException {
    Path f = write("a,w,y\n1,1,0\n3,3,1\n1000,0,0\n,1,1\n");
    CsvOptions mean = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.MEAN, CsvOptions.IndexColumn.AUTO)
        .withWeight("w");
    Dataset d = CsvReader.classification("y").with(mean).leavingMissingValues().read(f);
    OwnedData.fillMissing(d, null, null);
    assertEquals((1 * 1 + 3 * 3) / 4.0, d.x(3, 0), 1e-15, "the outlier of weight 0 is left out, 3 counts three times");
  }

  /** Weights as large as 1e308 give the same figures as their shares of the largest: nothing overflows. */
  @Test
  void hugeWeightsStandardizeAsTheirShares() {
    Dataset d = Dataset.regression("w", new double[] {1, 2, 4, 8}, new double[] {0, 0, 0, 0}, List.of("a"),
        List.of("y"));
    Standardizer huge = Standardizer.fit(d.withWeights(new double[] {1e308, 1e308, 5e307, 0}));
    Standardizer shares = Standardizer.fit(d.withWeights(new double[] {1, 1, 0.5, 0}));
    assertEquals(shares.means()[0], huge.means()[0], 1e-15);
    assertEquals(shares.stds()[0], huge.stds()[0], 1e-15);
  }
}
