package dev.nn.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text table of {@code nn runs}: one line per run, columns padded to their widest cell. Fitted to a
 * terminal's width by shortening the overrides column first and the run's name after it, each cut marked
 * with "…"; printed whole when the width is unlimited (output piped to a file or a program).
 */
final class RunTable {
  private static final String[] HEADER = {"RUN", "STATUS", "STARTED", "DURATION", "OVERRIDES", "VALIDATION", "TEST"};
  private static final int RUN = 0;
  private static final int OVERRIDES = 4;
  private static final String GAP = "  ";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final List<String[]> rows = new ArrayList<>();
  /** The table of {@code runs}, named by their paths relative to {@code folder}, times in this JVM's zone. */
  RunTable(Path folder, List<RunRecord> runs) {
    ZoneId zone = ZoneId.systemDefault();
    for (RunRecord r : runs) {
      Path relative = folder.relativize(r.directory());
      rows.add(new String[] {
          relative.toString().isEmpty() ? r.directory().getFileName().toString() : relative.toString(),
          r.status(),
          r.started() == null ? "-" : WHEN.format(r.started().atZone(zone)),
          r.duration() == null ? "-" : duration(r.duration()),
          r.overrides().isEmpty() ? "-" : String.join(" ", r.overrides()),
          r.validation() == null ? "-" : r.validation().display(),
          r.test() == null ? "-" : r.test().display()});
    }
  }

  /** The table, with a header line, no line wider than {@code columns} where shortening can avoid it. */
  String render(int columns) {
    int[] widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    long total = GAP.length() * (HEADER.length - 1L);
    for (int w : widths) {
      total += w;
    }
    // shorten the overrides, then the names, down to their header's width at least
    for (int c : new int[] {OVERRIDES, RUN}) {
      if (total > columns) {
        int shorter = (int) Math.max(HEADER[c].length(), widths[c] - (total - columns));
        total -= widths[c] - shorter;
        widths[c] = shorter;
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, HEADER, widths);
    for (String[] row : rows) {
      line(b, row, widths);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String[] cells, int[] widths) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c].length() > widths[c] ? cells[c].substring(0, widths[c] - 1) + "…" : cells[c];
      l.append(cell);
      if (c + 1 < cells.length) {
        l.append(" ".repeat(widths[c] - cell.length())).append(GAP);
      }
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  /** "0.6s", "42s", "3m05s", "2h04m". */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = Math.round(ms / 1000.0);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
