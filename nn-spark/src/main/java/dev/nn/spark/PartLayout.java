package dev.nn.spark;

import java.io.Serializable;

/**
 * Which of a run's n training samples (global indices 0 … n−1) each of its P parts holds, and as which of
 * its local rows. The driver draws batches of global indices; a part computes on those it holds.
 */
interface PartLayout extends Serializable {

  /** The local row of global index {@code i} in part {@code p}, or −1 when part p does not hold it. */
  int local(int i, int p);

  /** The number of samples part {@code p} holds. */
  int rows(int p);

  /** The number of samples of the largest part. */
  int largest();

  /** Samples i with i mod P = p, as local row ⌊i / P⌋: parts cut from data the driver has read. */
  record Stride(int n, int partitions) implements PartLayout {
    private static final long serialVersionUID = 1L;

    @Override
    public int local(int i, int p) {
      return i % partitions == p ? i / partitions : -1;
    }

    @Override
    public int rows(int p) {
      return PartitionWork.partRows(n, partitions, p);
    }

    @Override
    public int largest() {
      return rows(0);
    }
  }

  /**
   * Consecutive ranges: part p holds global indices offsets[p] … offsets[p+1]−1, as local rows 0, 1, …: the
   * partitions of a distributed data set, numbered in partition order (as {@code zipWithIndex} numbers them).
   */
  record Ranges(int[] offsets) implements PartLayout {
    private static final long serialVersionUID = 1L;

    /** The layout of parts of {@code sizes[p]} samples. */
    static Ranges of(int[] sizes) {
      int[] offsets = new int[sizes.length + 1];
      for (int p = 0; p < sizes.length; p++) {
        offsets[p + 1] = Math.addExact(offsets[p], sizes[p]);
      }
      return new Ranges(offsets);
    }

    @Override
    public int local(int i, int p) {
      return i >= offsets[p] && i < offsets[p + 1] ? i - offsets[p] : -1;
    }

    @Override
    public int rows(int p) {
      return offsets[p + 1] - offsets[p];
    }

    @Override
    public int largest() {
      int max = 0;
      for (int p = 0; p + 1 < offsets.length; p++) {
        max = Math.max(max, rows(p));
      }
      return max;
    }
  }
}
