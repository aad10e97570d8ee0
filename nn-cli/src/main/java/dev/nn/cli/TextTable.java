package dev.nn.cli;

import java.util.List;

/** Rows of text cells as aligned columns, for the commands that print tables. */
final class TextTable {
  private TextTable() {}

  /** Left-aligned columns two spaces apart, by the columns each cell takes on a terminal; the last is not padded. */
  static String of(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], DisplayWidth.of(row.get(c)));
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        String cell = row.get(c);
        s.append(cell);
        if (c < cols - 1) {
          s.append(" ".repeat(width[c] - DisplayWidth.of(cell) + 2));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }
}
