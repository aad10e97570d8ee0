package dev.nn.core.experiment;

import dev.nn.core.data.Dataset;
import dev.nn.core.data.OneHot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Samples as read, before {@link DataPreparation} splits, encodes and standardises them. It exists so that
 * the data section's sources and data a caller holds in memory are prepared by one function, and therefore
 * the same way.
 *
 * @param train the samples to train on, before any hold-out is split off
 * @param validation validation samples of their own, or {@code null} to split them off by the data section
 * @param test test samples of their own, or {@code null} to split them off by the data section
 * @param files every data file read, for provenance; empty for data held in memory
 * @param reconstruction whether the inputs are also the targets (an autoencoder's task)
 * @param owned whether preparation may take the data sets over, because nobody else holds them (they were read
 *     from the data section's sources): then it splits and standardises them in place instead of copying
 * @param categoryWords for each category column whose values were words, its words in the order of their codes
 * @param droppedTrainRows the training source's data rows {@code missing: drop} left out, ascending, numbered as
 *     the file numbers them from 0; empty when none was, so that a kept row's number in the file can be told
 */
record RawData(Dataset train, Dataset validation, Dataset test, List<Path> files, boolean reconstruction,
    boolean owned, Map<String, List<String>> categoryWords, int[] droppedTrainRows) {

  /** Copies and checks. */
  RawData {
    Objects.requireNonNull(train, "train");
    files = List.copyOf(files);
    categoryWords = Map.copyOf(categoryWords);
    Objects.requireNonNull(droppedTrainRows, "droppedTrainRows");
  }

  /**
   * The number in the training source of each of {@code rows}, numbers of rows as kept: the same numbers when no
   * row was dropped, else each shifted past the dropped rows before it.
   */
  int[] sourceRows(int[] rows) {
    if (droppedTrainRows.length == 0) {
      return rows;
    }
    int[] kept = new int[train.size()];
    int next = 0;
    int k = 0;
    for (int row = 0; k < kept.length; row++) {
      if (next < droppedTrainRows.length && droppedTrainRows[next] == row) {
        next++;
      } else {
        kept[k++] = row;
      }
    }
    int[] source = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      source[i] = kept[rows[i]];
    }
    return source;
  }

  /** This data with the columns of {@code oneHot} encoded, in new data sets of this preparation's own. */
  RawData encoded(OneHot oneHot) {
    return new RawData(oneHot.encode(train), validation == null ? null : oneHot.encode(validation),
        test == null ? null : oneHot.encode(test), files, reconstruction, owned, categoryWords, droppedTrainRows);
  }

  /** This data with its inputs held in {@code precision} (see {@link Dataset#inPrecision}). */
  RawData inPrecision(dev.nn.core.kernel.Precision precision) {
    return new RawData(train.inPrecision(precision), validation == null ? null : validation.inPrecision(precision),
        test == null ? null : test.inPrecision(precision), files, reconstruction, owned, categoryWords,
        droppedTrainRows);
  }

  /**
   * Data a caller holds in memory: no files, no test set of its own, the dataset's own task. The caller keeps
   * its data sets, so preparation copies what it changes.
   */
  static RawData inMemory(Dataset train, Dataset validation) {
    return new RawData(train, validation, null, List.of(), false, false, Map.of(), new int[0]);
  }
}
