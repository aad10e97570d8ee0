package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.kernel.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float32 run's data set holds its inputs as floats: every operation of a data set works on them as on doubles,
 * values read as the doubles the floats are, and standardisation and mean fill compute in double and store the
 * result rounded to a float.
 */
class FloatInputsTests {
  @TempDir Path dir;

  /** 0.1, 0.2 and 1/3 are not floats: holding them as floats changes them. */
  private static final double[] X = {0.1, 0.2, 1.0 / 3, 4, 5, 6};

  private static double[] rounded(double... values) {
    double[] r = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = (float) values[i];
    }
    return r;
  }

  private static Dataset floats(float[] x, double[] y, int features) {
    List<String> names = Arrays.asList("a", "b", "c").subList(0, features);
    return Dataset.wrapRegression("f", InputValues.of(x), y, names, List.of("t"));
  }

  private static Dataset threeRows() {
    return Dataset.regression("table", X, new double[] {10, 20, 30}, List.of("a", "b"), List.of("t"))
        .inPrecision(Precision.FLOAT32);
  }

  private static float[] floatArray(Dataset d) {
    return OwnedData.lend(d, (x, y, n, w, k) -> null, (x, y, n, w, k) -> x);
  }

  @Test
  void inPrecisionRoundsTheInputsToFloatsAndLeavesTheTargetsAndTheOriginal() {
    Dataset doubles = Dataset.regression("table", X, new double[] {10, 20, 30}, List.of("a", "b"), List.of("t"));
    Dataset f = doubles.inPrecision(Precision.FLOAT32);

    assertEquals(Precision.FLOAT64, doubles.inputPrecision());
    assertEquals(Precision.FLOAT32, f.inputPrecision());
    assertArrayEquals(X, doubles.copyX(), "the double data set is not changed");
    assertArrayEquals(rounded(X), f.copyX());
    assertEquals(0.10000000149011612, f.x(0, 0));
    assertArrayEquals(new double[] {10, 20, 30}, f.copyY());
    assertSame(f, f.inPrecision(Precision.FLOAT32));
    Dataset back = f.inPrecision(Precision.FLOAT64);
    assertEquals(Precision.FLOAT64, back.inputPrecision());
    assertArrayEquals(rounded(X), back.copyX(), "widening a float is exact");
  }

  @Test
  void rowsHeadAndCopyRowsReadTheFloats() {
    Dataset d = threeRows();

    Dataset picked = d.rows(new int[] {2, 0, 2});
    assertEquals(Precision.FLOAT32, picked.inputPrecision());
    assertArrayEquals(rounded(5, 6, 0.1, 0.2, 5, 6), picked.copyX());
    assertArrayEquals(new double[] {30, 10, 30}, picked.copyY());

    Dataset head = d.head(2);
    assertEquals(Precision.FLOAT32, head.inputPrecision());
    assertArrayEquals(rounded(0.1, 0.2, 1.0 / 3, 4), head.copyX());
    assertEquals(0, d.head(0).size());

    double[] xOut = new double[4];
    double[] yOut = new double[2];
    d.copyRows(new int[] {1, 0}, 0, 2, xOut, yOut);
    assertArrayEquals(rounded(1.0 / 3, 4, 0.1, 0.2), xOut);
    assertArrayEquals(new double[] {20, 10}, yOut);
    assertThrows(IndexOutOfBoundsException.class, () -> d.rows(new int[] {3}));
  }

  @Test
  void reorderingInPlaceMovesTheFloatsOfTheOwnArray() {
    Dataset d = threeRows();
    float[] own = floatArray(d);

    Dataset moved = d.reorderInPlace(new int[] {2, 0, 1});

    assertSame(own, floatArray(moved), "no copy");
    assertArrayEquals(rounded(5, 6, 0.1, 0.2, 1.0 / 3, 4), moved.copyX());
    assertArrayEquals(new double[] {30, 10, 20}, moved.copyY());
    assertThrows(IllegalArgumentException.class,
        () -> threeRows().reorderInPlace(new int[] {0, 0, 1}));
  }

  @Test
  void lendingHandsTheFloatArrayItselfAndTheDoubleOnlyLendRefusesIt() {
    Dataset d = threeRows();
    float[] lent = floatArray(d);
    assertSame(lent, floatArray(d));
    assertEquals((float) 0.1, lent[0]);
    int[] shape = OwnedData.lend(d, (x, y, n, w, k) -> null, (x, y, n, w, k) -> new int[] {n, w, k});
    assertArrayEquals(new int[] {3, 2, 1}, shape);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> OwnedData.lend(d, (x, y, n, w, k) -> x));
    assertEquals("table: the inputs are held as floats, not doubles", e.getMessage());
  }

  @Test
  void reconstructionTargetsAreADoubleCopyOfTheFloatInputs() {
    Dataset d = threeRows();
    Dataset auto = OwnedData.reconstruction(d);

    assertEquals(Precision.FLOAT32, auto.inputPrecision());
    assertSame(floatArray(d), floatArray(auto), "the inputs are shared");
    assertEquals(2, auto.targetCount());
    assertArrayEquals(rounded(X), auto.copyY(), "the targets are the inputs, as doubles");
    assertEquals(List.of("a", "b"), auto.targetNames());
  }

  @Test
  void aBinaryTargetKeepsTheFloatInputs() {
    Dataset c = Dataset.classification("c", new double[] {0.1, 0.2, 0.3}, new int[] {1, 0, 1}, List.of("f"), "k",
        List.of("no", "yes")).inPrecision(Precision.FLOAT32);

    Dataset binary = c.withBinaryTarget();

    assertEquals(Precision.FLOAT32, binary.inputPrecision());
    assertSame(floatArray(c), floatArray(binary));
    assertArrayEquals(new double[] {1, 0, 1}, binary.copyY());
    assertArrayEquals(new int[] {1, 2}, binary.classCounts());
    assertEquals(0, binary.classOf(1));
  }

  @Test
  void standardisationComputesInDoubleAndStoresTheResultRoundedToAFloat() {
    // column a: 0.1f, 0.2f, 0.3f, 0.4f; column b: 1, 1, 1, 1 (constant: centred, scaled by 1)
    float[] x = {0.1f, 1, 0.2f, 1, 0.3f, 1, 0.4f, 1};
    Dataset d = floats(x, new double[4], 2);
    Standardizer s = Standardizer.fit(d);
    double mean = ((double) 0.1f + (double) 0.2f + (double) 0.3f + (double) 0.4f) / 4;
    assertEquals(mean, s.means()[0]);
    assertEquals(0.25000000558793545, mean);
    assertEquals(1.0, s.means()[1]);
    assertEquals(1.0, s.stds()[1]);
    double std = s.stds()[0];
    assertEquals(0.1118034, std, 1e-7);

    Dataset copy = s.transform(d);
    assertEquals(Precision.FLOAT32, copy.inputPrecision());
    assertArrayEquals(new float[] {0.1f, 1, 0.2f, 1, 0.3f, 1, 0.4f, 1}, floatArray(d), "the copy leaves d alone");
    Dataset inPlace = OwnedData.standardize(s, d);
    assertSame(d, inPlace);
    assertArrayEquals(copy.copyX(), inPlace.copyX());
    assertEquals((float) ((0.1f - mean) / std), floatArray(d)[0]);
    assertEquals(-1.3416407f, floatArray(d)[0], 1e-6f);
    assertEquals(1.3416407f, floatArray(d)[6], 1e-6f);
    assertEquals(0f, floatArray(d)[1]);
    // what a float32 run made of the double result: the same float
    double[] doubles = {0.1f, 1, 0.2f, 1, 0.3f, 1, 0.4f, 1};
    s.transform(doubles, 4);
    assertArrayEquals(rounded(doubles), inPlace.copyX());
  }

  @Test
  void meanFillTakesTheTrainingMeansInDoubleAndStoresThemAsFloats() {
    float[] train = {0.1f, 7, Float.NaN, 8, 0.2f, Float.NaN};
    float[] test = {Float.NaN, Float.NaN};
    Dataset t = floats(train, new double[3], 2);
    Dataset h = floats(test, new double[1], 2);

    OwnedData.fillMissing(t, null, h);

    float meanA = (float) (((double) 0.1f + (double) 0.2f) / 2);
    assertArrayEquals(new float[] {0.1f, 7, meanA, 8, 0.2f, 7.5f}, floatArray(t));
    assertArrayEquals(new float[] {meanA, 7.5f}, floatArray(h), "held-out rows take the training means");
    assertEquals(0.15f, meanA);
  }

  @Test
  void aCsvFileIsReadStraightIntoFloats() throws IOException {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, "a,b,y\n0.1,1e-3,0.1\n0.2,NA,2\n0.3,5,3\n");
    CsvOptions mean = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.MEAN, CsvOptions.IndexColumn.AUTO);

    Dataset d = CsvReader.regression("y").with(mean).holdingInputsIn(Precision.FLOAT32).read(file);

    assertEquals(Precision.FLOAT32, d.inputPrecision());
    // a file read on its own fills a missing value from its own rows: (0.001f + 5f) / 2 in double, as a float
    float bMean = (float) (((double) 0.001f + 5) / 2);
    assertArrayEquals(new float[] {0.1f, 0.001f, 0.2f, bMean, 0.3f, 5}, floatArray(d));
    assertArrayEquals(new double[] {0.1, 2, 3}, d.copyY(), "targets are doubles, not rounded");

    Dataset run = CsvReader.regression("y").with(mean).leavingMissingValues().holdingInputsIn(Precision.FLOAT32)
        .read(file);
    assertEquals(Float.NaN, floatArray(run)[3], "a run fills it later from its training rows");

    Dataset doubles = CsvReader.regression("y").with(mean).read(file);
    assertEquals(Precision.FLOAT64, doubles.inputPrecision());
    assertEquals(0.1, doubles.x(0, 0));
  }

  @Test
  void aCsvValueBeyondTheFloatRangeIsRefusedForAFloat32Run() throws IOException {
    Path file = dir.resolve("big.csv");
    Files.writeString(file, "a,y\n1,0\n-4e38,1\n");

    DataException e = assertThrows(DataException.class,
        () -> CsvReader.regression("y").holdingInputsIn(Precision.FLOAT32).read(file));

    assertEquals(file + ":3: column \"a\": \"-4e38\" is too large for a float32 run; the largest magnitude is "
        + Float.MAX_VALUE, e.getMessage());
    assertEquals(-4e38, CsvReader.regression("y").read(file).x(1, 0), "a double holds it");
  }
}
