package dev.nn.core.experiment;

import dev.nn.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which rows of the training source a run held out of training: the rows its validation and test splits (or its
 * test fold) took, by their number in the source as read. Written to the run directory as {@value #FILE}, so
 * that the same rows can be given to another tool, or to {@code nn evaluate}.
 *
 * @param validation row numbers, from 0, of the validation split; empty when the validation data is a source of
 *     its own or there is none
 * @param test row numbers of the test split or fold; empty when the test data is a source of its own or there is
 *     none
 */
record HeldOutRows(int[] validation, int[] test) {
  /** The file's name in the run directory. */
  static final String FILE = "held-out-rows.csv";

  /**
   * The rows the run in {@code runDirectory} held out, validation and test alike, as its {@link #FILE} lists them;
   * none when it has no such file (it held out nothing).
   *
   * @throws java.io.IOException when the file cannot be read
   */
  static java.util.Set<Integer> readFrom(java.nio.file.Path runDirectory) throws java.io.IOException {
    java.util.Set<Integer> rows = new java.util.HashSet<>();
    java.nio.file.Path file = runDirectory.resolve(FILE);
    if (java.nio.file.Files.isRegularFile(file)) {
      for (String line : java.nio.file.Files.readAllLines(file)) {
        String row = line.split(",", 2)[0];
        if (row.matches("\\d+")) {
          rows.add(Integer.parseInt(row));
        }
      }
    }
    return rows;
  }

  /** Whether every row of this run's is among {@code held}. */
  boolean allIn(java.util.Set<Integer> held) {
    return java.util.stream.IntStream.concat(java.util.Arrays.stream(validation), java.util.Arrays.stream(test))
        .allMatch(held::contains);
  }

  /** Whether no row was held out. */
  boolean none() {
    return validation.length == 0 && test.length == 0;
  }

  /**
   * The CSV text: a header {@code row,part}, then one line per held-out row in the order of the rows' numbers,
   * {@code part} being {@code validation} or {@code test}.
   */
  String csv() {
    int[][] lines = new int[validation.length + test.length][];
    int k = 0;
    for (int r : validation) {
      lines[k++] = new int[] {r, 0};
    }
    for (int r : test) {
      lines[k++] = new int[] {r, 1};
    }
    Arrays.sort(lines, (a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder s = new StringBuilder("row,part\n");
    for (int[] line : lines) {
      s.append(line[0]).append(line[1] == 0 ? ",validation\n" : ",test\n");
    }
    return s.toString();
  }

  /** Writes {@link #csv()} to {@value #FILE} in {@code runDirectory}; a run writes it again when resumed. */
  void writeInto(Path runDirectory) {
    AtomicFiles.writeRebuildable(runDirectory.resolve(FILE), csv());
  }
}
