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

  @Test
  void aLayerWiderThanTheBatchIsCutByColumnsInItsForwardProductAndItsWeightStep() {
    // W2 at batch size 128: x·W(1) is 128×512×784, the weight step xᵀ·δ is 784×512×128 with A transposed
    assertTrue(BlasJob.byColumns(false, false, 128, 512, 784), "forward product");
    assertTrue(BlasJob.byColumns(true, false, 784, 512, 128), "weight step");
    assertEquals(2, BlasJob.columnParts(128, 512, 784, 0.0), "512 columns in blocks of 256");
    assertEquals(256, BlasJob.blockStart(512, 1, 2), "the second block's first column");
    // δ(l+1)·Wᵀ reads W transposed; a 10-unit layer has too few columns; inference at batch size 1,024 has more
    // rows than columns
    assertFalse(BlasJob.byColumns(false, true, 128, 512, 512), "input gradient");
    assertFalse(BlasJob.byColumns(false, false, 128, 10, 512), "output layer");
    assertFalse(BlasJob.byColumns(false, false, 1024, 512, 784), "batch of 1,024");
    assertFalse(BlasJob.byColumns(true, false, 784, 512, 1024), "weight step at batch size 1,024");
    assertEquals(1, BlasJob.columnParts(1, 512, 784, BlasKernels.MULTI_THREAD_MIN_FLOPS), "batch size 1: too small");
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
