package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The blocks of rows the OpenBLAS runtime cuts a product into, for every shape up to 3,000 rows: they cover the
 * rows once, in order; each starts at a multiple of the grain; two blocks differ by at most one grain (the last
 * may end part-way through its grain); and a split product has blocks of about {@value BlasJob#MIN_ROWS_PER_PART}
 * rows or more.
 */
class BlasJobPlanTests {
  private static final int GRAIN = BlasJob.ROW_GRAIN;

  @Test
  void theBlocksCoverTheRowsOnceStartOnTheGrainAndDifferByAtMostOneGrain() {
    for (int m = 1; m <= 3_000; m++) {
      for (int k : new int[] {1, 128, 784}) {
        int parts = BlasJob.parts(m, 512, k, 0.0);
        assertTrue(parts >= 1 && parts <= BlasJob.MAX_PARTS, m + " rows: " + parts + " blocks");
        assertEquals(0, BlasJob.blockStart(m, 0, parts), m + " rows: the first block starts at row 0");
        assertEquals(m, BlasJob.blockStart(m, parts, parts), m + " rows: the blocks end at row m");
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int part = 0; part < parts; part++) {
          int start = BlasJob.blockStart(m, part, parts);
          int end = BlasJob.blockStart(m, part + 1, parts);
          String block = m + " rows, block " + part + " of " + parts + " [" + start + ", " + end + ")";
          assertEquals(0, start % GRAIN, block + " starts on the grain");
          assertTrue(end > start, block + " is not empty");
          int grains = (end - start + GRAIN - 1) / GRAIN;
          smallest = Math.min(smallest, grains);
          largest = Math.max(largest, grains);
          if (parts > 1) {
            assertTrue(end - start >= BlasJob.MIN_ROWS_PER_PART - GRAIN, block + " is large enough to share");
          }
        }
        assertTrue(largest - smallest <= 1, m + " rows in " + parts + " blocks: " + smallest + " to " + largest
            + " grains");
      }
    }
  }

  @Test
  void aSmallProductIsOneBlockAndALargeOneAtMostTwo() {
    assertEquals(1, BlasJob.parts(128, 512, 784, BlasKernels.MULTI_THREAD_MIN_FLOPS * 1e3),
        "below the threshold of work");
    assertEquals(1, BlasJob.parts(100, 512, 784, 0.0), "too few rows to share");
    assertTrue(BlasJob.parts(1024, 512, 784, 0.0) <= 2, "from 2^28 operations, at most two blocks");
  }

  /**
   * What the blocks of columns are for: a layer's forward product (x·W, batch × in × out) and its weight step
   * (W += −η·xᵀδ, in × out × batch, A transposed) are cut alike, so the thread that reads a block of W's
   * columns in one writes the same block in the other. And a transposed B is never cut by columns, since a block of
   * columns reads B's columns in place.
   */
  @Test
  void aLayersForwardProductAndWeightStepAreCutAlikeAndATransposedBNeverByColumns() {
    int columnCuts = 0;
    for (int batch : new int[] {1, 2, 16, 32, 64, 128, 256, 511, 512, 1024, 4096}) {
      for (int in : new int[] {10, 64, 784}) {
        for (int out : new int[] {10, 300, 511, 512, 784, 1000, 2048}) {
          String layer = in + "→" + out + " at batch size " + batch;
          boolean forward = BlasJob.byColumns(false, false, batch, out, in);
          assertEquals(forward, BlasJob.byColumns(true, false, in, out, batch), layer + ": cut alike");
          for (double minFlops : new double[] {0.0, BlasKernels.MULTI_THREAD_MIN_FLOPS}) {
            if (forward) {
              assertEquals(BlasJob.columnParts(batch, out, in, minFlops), BlasJob.columnParts(in, out, batch,
                  minFlops), layer + ": as many blocks of columns");
            }
          }
          columnCuts += forward ? 1 : 0;
          assertFalse(BlasJob.byColumns(false, true, batch, in, out), layer + ": input gradient δ·Wᵀ");
          assertFalse(BlasJob.byColumns(true, true, out, in, batch), layer + ": both transposed");
        }
      }
    }
    assertTrue(columnCuts > 0, "some layers are cut by columns");
  }

  @Test
  void theBlocksOfColumnsCoverTheColumnsOnceOnTheGrain() {
    for (int n = 2 * BlasJob.MIN_COLUMNS_PER_PART; n <= 3_000; n++) {
      int parts = BlasJob.columnParts(16, n, 784, 0.0);
      assertTrue(parts >= 2 && parts <= BlasJob.MAX_PARTS, n + " columns: " + parts + " blocks");
      int covered = 0;
      for (int part = 0; part < parts; part++) {
        int start = BlasJob.blockStart(n, part, parts);
        int end = BlasJob.blockStart(n, part + 1, parts);
        assertEquals(covered, start, n + " columns, block " + part + " starts where the last ended");
        assertEquals(0, start % GRAIN, n + " columns, block " + part + " starts on the grain");
        assertTrue(end - start >= BlasJob.MIN_COLUMNS_PER_PART - GRAIN, n + " columns, block " + part + " is "
            + (end - start) + " wide");
        covered = end;
      }
      assertEquals(n, covered, n + " columns are all covered");
    }
  }
}
