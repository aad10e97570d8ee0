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
   * too wide even so is printed in parts, each of as many of its columns as fit beside the first, which every part
   * repeats, a blank line apart: a row the terminal wrapped put a figure's digits on two lines ({@code 1,7} over
   * {@code 97}).
   */
  static String of(List<List<String>> rows, int columns) {
    String table = of(rows);
    if (widest(table) < columns) {
      return table;
    }
    String tight = spaced(rows, 1);
    if (widest(tight) < columns) {
      return tight;
    }
    if (rows.get(0).stream().anyMatch(name -> name.contains(" "))) {
      String twoLines = twoLineHeader(rows);
      if (widest(twoLines) < columns) {
        return twoLines;
      }
    }
    return inParts(rows, columns);
  }

  /**
   * The table in parts of its columns that fit in {@code columns} beside its first, one space apart; a column too
   * wide to fit even beside the first alone is a part of its own, for the terminal to wrap.
   */
  private static String inParts(List<List<String>> rows, int columns) {
    int cols = rows.get(0).size();
    int[] width = widths(rows);
    StringBuilder s = new StringBuilder();
    int from = 1;
    while (from < cols) {
      int to = from + 1;
      int used = width[0] + 1 + width[from];
      while (to < cols && used + 1 + width[to] < columns) {
        used += 1 + width[to];
        to++;
      }
      List<List<String>> part = new ArrayList<>();
      for (List<String> row : rows) {
        List<String> cells = new ArrayList<>();
        cells.add(row.get(0));
        cells.addAll(row.subList(from, to));
        part.add(cells);
      }
      if (s.length() > 0) {
        s.append('\n');
      }
      s.append(spaced(part, 1));
      from = to;
    }
    return s.length() == 0 ? spaced(rows, 1) : s.toString();
  }

  /** The table one space apart, with header names of two words on two lines. */
  private static String twoLineHeader(List<List<String>> rows) {
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

  /** The widest cell of each column, in the columns a terminal gives it. */
  private static int[] widths(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], DisplayWidth.of(row.get(c)));
      }
    }
    return width;
  }

  private static String spaced(List<List<String>> rows, int gap) {
    int cols = rows.get(0).size();
    int[] width = widths(rows);
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
