package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.Nn;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.model.Model;
import dev.nn.core.model.UnusableInputException;
import dev.nn.core.network.Network;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link Model#predict} refuses: a row of another length than the model's inputs (too long as well as too
 * short), {@code null}, and a row it cannot predict — a value that standardizes to an infinity, or one whose
 * prediction overflows — with the row and the column named, never a NaN or infinite prediction.
 */
class ModelInputTests {
  /** y = 10·(a − 3)/0.5 + 0·b: a linear model of two inputs, whose one weight makes large inputs overflow. */
  private static Model model() {
    Nn nn = Nn.create();
    Network network = nn.network(new int[] {2, 1}, "identity");
    network.parameters().load(new double[] {10, 0, 0});
    Dataset names = Dataset.regression("rows", new double[] {0, 0}, new double[] {0}, List.of("a", "b"),
        List.of("y"));
    return nn.model(network, "squared", names, Standardizer.of(new double[] {3, 0}, new double[] {0.5, 1}));
  }

  @Test
  void aRowOfTheModelsLengthIsPredicted() {
    assertArrayEquals(new double[] {20}, model().predict(new double[] {4, 7}), 1e-12);
  }

  @Test
  void aRowWithTooManyOrTooFewValuesIsRefusedNamingTheInputs() {
    Model m = model();
    assertEquals("expected 2 values (a, b), found 3",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 0, 1})).getMessage());
    assertEquals("expected 2 values (a, b), found 1",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1})).getMessage());
    assertEquals("3 rows of 2 values (a, b) are 6 values, found 7",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[7], 3, new double[3])).getMessage());
    assertEquals("the predictions of 3 rows take 3 values (1 per row), but out holds 2",
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[6], 3, new double[2])).getMessage());
  }

  @Test
  void nullIsRefusedWithAMessageThatSaysWhatIsNeeded() {
    Model m = model();
    assertEquals("features: a row of input values is needed, found null",
        assertThrows(NullPointerException.class, () -> m.predict((double[]) null)).getMessage());
    assertEquals("row: a map from input names to values is needed, found null",
        assertThrows(NullPointerException.class, () -> m.predict((Map<String, ?>) null)).getMessage());
  }

  @Test
  void aValueThatStandardizesToAnInfinityIsRefusedWithItsRowAndColumn() {
    UnusableInputException e = assertThrows(UnusableInputException.class,
        () -> model().predict(new double[] {4, 7, 1e308, 7}, 2, new double[2]));
    assertEquals(1, e.row());
    assertEquals("a", e.input());
    assertEquals("column \"a\" holds 1.0E308, which standardizes to Infinity with the training rows' mean 3.0 and"
        + " standard deviation 0.5; the model takes values whose standardized value is a finite number: scale the"
        + " column down, or keep its values near the range of the training rows", e.reason());
    assertEquals("row 1: " + e.reason(), e.getMessage());
  }

  @Test
  void aRowWhosePredictionOverflowsIsRefusedRatherThanPredictedAsInfinity() {
    // (5e307 − 3)/0.5 = 1e308 is finite; the weight 10 takes it beyond the largest double
    UnusableInputException e = assertThrows(UnusableInputException.class,
        () -> model().predict(new double[] {5e307, 1}));
    assertEquals(0, e.row());
    assertEquals("column \"a\" holds 5.0E307, 1e308 standard deviations from the training rows' mean, and the"
        + " model's prediction for the row is Infinity; keep the values near the range of the training rows",
        e.reason());
  }

  @Test
  void aValueThatIsNotFiniteIsRefusedAsBefore() {
    assertEquals("row 0: column \"b\" holds NaN; inputs must be finite numbers",
        assertThrows(UnusableInputException.class, () -> model().predict(new double[] {1, Double.NaN}))
            .getMessage());
  }
}
