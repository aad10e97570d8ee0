package dev.nn.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells as aligned columns, for the commands that print tables. */
final class TextTable {
  private TextTable() {}

  /** Left-aligned columns two spaces apart, by the columns each cell takes on a terminal; the last is not padded. */
  static String of(List<List<String>> rows) {
    return spaced(rows, 2);
  }

  /**
   * {@link #of(List)} for a terminal of {@code columns}: when the table is wider, its columns go one space apart,
   * and then, if it is still too wide, header names of two words ({@code learning rate}) take two lines. A table
   * too wide even so is printed that way, for the terminal to wrap.
   */
  static String of(List<List<String>> rows, int columns) {
    String table = of(rows);
    if (widest(table) < columns) {
      return table;
    }
    String tight = spaced(rows, 1);
    if (widest(tight) < columns || rows.get(0).stream().noneMatch(name -> name.contains(" "))) {
      return tight;
    }
    List<String> top = new ArrayList<>();
    List<String> bottom = new ArrayList<>();
    for (String name : rows.get(0)) {
      int space = name.lastIndexOf(' ');
      top.add(space < 0 ? "" : name.substring(0, space));
      bottom.add(space < 0 ? name : name.substring(space + 1));
    }
    List<List<String>> split = new ArrayList<>();
    split.add(top);
    split.add(bottom);
    split.addAll(rows.subList(1, rows.size()));
    String twoLineHeader = spaced(split, 1);
    // the header's first line may end in empty cells
    int end = twoLineHeader.indexOf('\n');
    return twoLineHeader.substring(0, end).stripTrailing() + twoLineHeader.substring(end);
  }

  private static String spaced(List<List<String>> rows, int gap) {
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
          s.append(" ".repeat(width[c] - DisplayWidth.of(cell) + gap));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static int widest(String table) {
    return table.lines().mapToInt(DisplayWidth::of).max().orElse(0);
  }
}
