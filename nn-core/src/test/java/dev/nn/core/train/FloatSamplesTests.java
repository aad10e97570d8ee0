package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import dev.nn.core.testing.Plugins;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Samples whose inputs are held as floats: loaded into a workspace as the same rows held as doubles are, read
 * as doubles, and copied row by row in floats.
 */
class FloatSamplesTests {
  /** 3 rows of 2 inputs, 0.1 and 0.7 not floats. */
  private static final float[] X = {0.1f, 2, 3, 4, 5, 0.7f};
  private static final double[] Y = {10, 20, 30};

  private static Workspace workspace(Precision precision) {
    int[] widths = {2, 1};
    Network net = new Network(widths, List.of(Plugins.IDENTITY), List.of("identity"),
        KernelChoice.choose("java", 1, precision, "auto", null, widths, 4).kernels());
    return net.newWorkspace(4);
  }

  private static double[] input(Workspace ws, int rows) {
    double[] out = new double[rows * 2];
    ws.input().get(0, out, 0, out.length);
    return out;
  }

  @Test
  void floatInputsLoadAsTheSameRowsHeldAsDoublesInEitherPrecision() {
    Samples floats = new Samples(X, Y, 3, 2, 1);
    Samples doubles = new Samples(floats.copyX(), Y, 3, 2, 1);
    for (Precision p : Precision.values()) {
      Workspace a = workspace(p);
      Workspace b = workspace(p);
      floats.loadRows(new int[] {2, 0}, 0, 2, a);
      doubles.loadRows(new int[] {2, 0}, 0, 2, b);
      assertArrayEquals(input(b, 2), input(a, 2), p.name());
      assertArrayEquals(new double[] {5, 0.7f, 0.1f, 2}, input(a, 2), p.name());
      assertArrayEquals(new double[] {30, 10}, Arrays.copyOf(a.target(), 2));
      floats.loadRange(1, 2, a);
      assertArrayEquals(new double[] {3, 4, 5, 0.7f}, input(a, 2), p.name());
      assertArrayEquals(new double[] {20, 30}, Arrays.copyOf(a.target(), 2));
    }
  }

  @Test
  void floatInputsAreReadAsDoublesAndTheirArrayIsLentNotCopied() {
    Samples s = new Samples(X, Y, 3, 2, 1);
    assertTrue(s.floatInputs());
    assertSame(X, s.floatX());
    assertEquals(0.10000000149011612, s.x(0, 0));
    assertArrayEquals(new double[] {0.1f, 2, 3, 4, 5, 0.7f}, s.copyX());
    assertEquals("the inputs are held as floats: read them with x(row, col) or copyX()",
        assertThrows(IllegalStateException.class, s::x).getMessage());
    Samples d = new Samples(new double[] {1, 2}, new double[] {3}, 1, 2, 1);
    assertFalse(d.floatInputs());
    assertThrows(IllegalStateException.class, d::floatX);
  }

  @Test
  void rowsAndAReplacedRowStayFloats() {
    Samples s = new Samples(X, Y, 3, 2, 1);

    Samples picked = s.rows(new int[] {2, 2, 0});
    assertTrue(picked.floatInputs());
    assertArrayEquals(new float[] {5, 0.7f, 5, 0.7f, 0.1f, 2}, picked.floatX());
    assertArrayEquals(new double[] {30, 30, 10}, picked.y());

    Samples other = new Samples(new double[] {0.3, 9}, new double[] {99}, 1, 2, 1);
    Samples replaced = s.withRow(1, other, 0);
    assertTrue(replaced.floatInputs());
    assertArrayEquals(new float[] {0.1f, 2, 0.3f, 9, 5, 0.7f}, replaced.floatX(), "a double row is rounded");
    assertArrayEquals(new double[] {10, 99, 30}, replaced.y());
    assertArrayEquals(new float[] {0.1f, 2, 3, 4, 5, 0.7f}, X, "the samples are not changed");
  }

  @Test
  void aNonFiniteFloatInputIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Samples(new float[] {1, Float.POSITIVE_INFINITY}, new double[] {0}, 1, 2, 1));
    assertEquals("input row 0, column 1 is Infinity; inputs and targets must be finite numbers", e.getMessage());
  }
}
