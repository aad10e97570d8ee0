package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
