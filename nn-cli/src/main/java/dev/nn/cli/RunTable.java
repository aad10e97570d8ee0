package dev.nn.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text table of {@code nn runs}: one line per run, columns padded to their widest cell; printed whole when
 * the width is unlimited (output piped to a file or a program). On a terminal it is fitted to the width by the
 * first layout that fits: the overrides' keys cut to their last part ({@code learning-rate=0.1}), then the start
 * without its year, then without the duration, then without the start (a run directory's name holds its start
 * time already), then the keys of several words by their initials ({@code lr=0.1}) — first with nothing cut, then
 * with the names cut to 20 characters, then with the overrides, keys by their initials, cut to 16 as well, taking the
 * layout that cuts least; only then are the overrides left out, and on a terminal too narrow even for that, each run
 * takes two lines, its name and then its figures. A name gives up its folders first, then is cut in its middle,
 * keeping its end, where a run directory's timestamp tells runs of one experiment apart ({@link #cutName}); overrides
 * give up those more runs share first, whole, then are cut at their end ({@code Row#overridesIn}); each cut is marked
 * with "…".
 */
final class RunTable {
  private static final String[] HEADER = {"RUN", "STATUS", "STARTED", "DURATION", "OVERRIDES", "VALIDATION", "TEST"};
  private static final int RUN = 0;
  private static final int STARTED = 2;
  private static final int DURATION = 3;
  private static final int OVERRIDES = 4;
  private static final int NAME_FLOOR = 20;
  private static final int OVERRIDES_FLOOR = 16;
  private static final String GAP = "  ";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter WHEN_SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);

  /**
   * One way of showing the table.
   *
   * @param hidden the columns left out
   * @param shortKeys whether an override's key is cut to its last part
   * @param shortDates whether the start leaves out the year
   */
  private record Layout(Set<Integer> hidden, boolean shortKeys, boolean shortDates, boolean initials) {
    Layout(Set<Integer> hidden, boolean shortKeys, boolean shortDates) {
      this(hidden, shortKeys, shortDates, false);
    }
  }

  /** The layouts that show the overrides, in the order they are tried. */
  private static final List<Layout> LAYOUTS = List.of(
      new Layout(Set.of(), false, false),
      new Layout(Set.of(), true, false),
      new Layout(Set.of(), true, true),
      new Layout(Set.of(DURATION), true, true),
      new Layout(Set.of(DURATION, STARTED), true, true),
      new Layout(Set.of(DURATION, STARTED), true, true, true));
  private static final Layout WITHOUT_OVERRIDES = new Layout(Set.of(DURATION, STARTED, OVERRIDES), true, true);
  /**
   * The layouts that may cut the overrides: their keys by their initials first, so that a value is cut only where
   * initials were not enough ("epochs=2 batch-size=…" hid the one value that told a sweep's points apart, where
   * "epochs=2 bs=64" fitted).
   */
  private static final List<Layout> INITIALS_LAYOUTS = List.of(
      new Layout(Set.of(), true, false, true),
      new Layout(Set.of(), true, true, true),
      new Layout(Set.of(DURATION), true, true, true),
      new Layout(Set.of(DURATION, STARTED), true, true, true));

  /**
   * One attempt at fitting: the layouts it tries and how far it may cut the names and the overrides (the
   * shortest width they may be cut to, never below their header's; {@link #UNCUT}: not at all).
   */
  private record Attempt(List<Layout> layouts, int nameFloor, int overridesFloor) {}

  private static final int UNCUT = Integer.MAX_VALUE;
  private static final List<Attempt> ATTEMPTS = List.of(
      new Attempt(LAYOUTS, UNCUT, UNCUT),
      new Attempt(LAYOUTS, NAME_FLOOR, UNCUT),
      new Attempt(INITIALS_LAYOUTS, NAME_FLOOR, OVERRIDES_FLOOR),
      new Attempt(List.of(WITHOUT_OVERRIDES), NAME_FLOOR, UNCUT));

  /**
   * A run's cells, with the short forms a narrow terminal takes.
   *
   * @param shared for each override, how many runs have it too (this one counted): the more, the less it tells this
   *     run from others, and the sooner it gives way when the overrides are cut
   */
  private record Row(String[] cells, List<String> overrides, List<String> overridesShort,
      List<String> overridesInitials, List<Integer> shared, String startedShort) {
    String cell(int c, Layout layout) {
      if (c == OVERRIDES) {
        List<String> shown = overrides(layout);
        return shown.isEmpty() ? "-" : String.join(" ", shown);
      }
      return c == STARTED && layout.shortDates() ? startedShort : cells[c];
    }

    List<String> overrides(Layout layout) {
      return layout.initials() ? overridesInitials : layout.shortKeys() ? overridesShort : overrides;
    }

    /**
     * The overrides in {@code width} characters: whole when they fit, else without those that more runs share (of
     * equals, the last), one at a time until the rest fit, the gap marked by one "…": the "epochs=2" of every point
     * of a sweep gives way to the "bs=64" that tells the point (cut at their end, the points' overrides all read
     * "epochs=2 batch-size=…"). Only a single override too wide by itself is cut at its end.
     */
    String overridesIn(int width, Layout layout) {
      String whole = cell(OVERRIDES, layout);
      if (whole.length() <= width) {
        return whole;
      }
      List<String> shown = overrides(layout);
      if (shown.size() < 2) {
        return whole.substring(0, Math.max(0, width - 1)) + "…";
      }
      List<Integer> leastTelling = new ArrayList<>();
      for (int i = 0; i < shown.size(); i++) {
        leastTelling.add(i);
      }
      leastTelling.sort(java.util.Comparator.comparing((Integer i) -> shared.get(i)).reversed()
          .thenComparing(java.util.Comparator.reverseOrder()));
      int fewest = java.util.Collections.min(shared);
      Set<Integer> left = new java.util.TreeSet<>(leastTelling);
      boolean lettersTried = false;
      for (int drop : leastTelling.subList(0, leastTelling.size() - 1)) {
        if (!lettersTried && shared.get(drop) == fewest && layout.initials()) {
          // what is left tells this run apart as much as anything: keys of one word by their first letter rather
          // than one more override given up ("units=4 activation=relu …" hid the learning rate of each pair)
          lettersTried = true;
          String letters = told(firstLetters(left.stream().map(shown::get).toList()), left.size() < shown.size());
          if (letters.length() <= width) {
            return letters;
          }
        }
        left.remove(drop);
        String told = told(left.stream().map(shown::get).toList(), true);
        if (told.length() <= width) {
          return told;
        }
      }
      String last = told(left.stream().map(shown::get).toList(), true);
      return last.length() <= width ? last : last.substring(0, Math.max(0, width - 1)) + "…";
    }

    /** The overrides shown, and "…" for those left out. */
    private static String told(List<String> overrides, boolean cut) {
      return String.join(" ", overrides) + (cut ? " …" : "");
    }
  }

  private final List<Row> rows = new ArrayList<>();

  /** The table of {@code runs}, named by their paths relative to {@code folder}, times in this JVM's zone. */
  RunTable(Path folder, List<RunRecord> runs) {
    ZoneId zone = ZoneId.systemDefault();
    Map<String, Integer> runsWith = new HashMap<>();
    for (RunRecord r : runs) {
      for (String o : new HashSet<>(r.overrides())) {
        runsWith.merge(o, 1, Integer::sum);
      }
    }
    for (RunRecord r : runs) {
      Path relative = folder.relativize(r.directory());
      String[] cells = {
          relative.toString().isEmpty() ? r.directory().getFileName().toString() : relative.toString(),
          r.status(),
          r.started() == null ? "-" : WHEN.format(r.started().atZone(zone)),
          r.duration() == null ? "-" : duration(r.duration()),
          r.overrides().isEmpty() ? "-" : String.join(" ", r.overrides()),
          r.validation() == null ? "-" : r.validation().display(),
          r.test() == null ? "-" : r.test().display()};
      rows.add(new Row(cells, r.overrides(), lastKeyParts(r.overrides()), initials(lastKeyParts(r.overrides())),
          r.overrides().stream().map(runsWith::get).toList(),
          r.started() == null ? "-" : WHEN_SHORT.format(r.started().atZone(zone))));
    }
  }

  /**
   * "optimizer.learning-rate=0.1" as "learning-rate=0.1": the value and the key's last part tell most. A last part
   * that names nothing by itself keeps the part before it: "optimizer.name=sgd" stays whole, since "name=sgd"
   * reads as the run's name.
   */
  static List<String> lastKeyParts(List<String> overrides) {
    List<String> shorter = new ArrayList<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      int dot = eq < 0 ? -1 : o.lastIndexOf('.', eq);
      if (dot >= 0 && o.substring(dot + 1, eq).equals("name")) {
        dot = o.lastIndexOf('.', dot - 1);
      }
      shorter.add(dot < 0 ? o : o.substring(dot + 1));
    }
    return shorter;
  }

  /**
   * "learning-rate=0.1" as "lr=0.1", "batch-size=8" as "bs=8": a key of several words by their initials, so that a
   * narrow table keeps every value of a sweep's points (cutting the overrides at their end left
   * "learning-rate=0.…" for every point). A key of one word stays whole.
   */
  static List<String> initials(List<String> overrides) {
    List<String> shorter = new ArrayList<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      String key = eq < 0 ? o : o.substring(0, eq);
      String[] words = key.split("-");
      if (eq < 0 || words.length < 2 || key.contains(".")) {
        shorter.add(o);
        continue;
      }
      StringBuilder b = new StringBuilder();
      for (String w : words) {
        b.append(w.isEmpty() ? "" : w.substring(0, 1));
      }
      shorter.add(b + o.substring(eq));
    }
    return shorter;
  }

  /**
   * Overrides whose keys are already as short as {@link #initials} makes them, with each key of one word longer than
   * two letters by its first letter ("units=4" as "u=4"), unless two keys of the row would read the same, which then
   * stay as they were.
   */
  static List<String> firstLetters(List<String> overrides) {
    List<String> keys = new ArrayList<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      String key = eq < 0 ? o : o.substring(0, eq);
      // a key of two letters ("lr", "bs") is short already
      keys.add(eq < 0 || key.contains("-") || key.contains(".") || key.length() <= 2 ? key : key.substring(0, 1));
    }
    List<String> shorter = new ArrayList<>();
    for (int i = 0; i < overrides.size(); i++) {
      String o = overrides.get(i);
      int eq = o.indexOf('=');
      String key = keys.get(i);
      boolean clash = java.util.Collections.frequency(keys, key) > 1
          || overrides.stream().anyMatch(other -> other.startsWith(key + "=") && other != o);
      shorter.add(eq < 0 || clash ? o : key + o.substring(eq));
    }
    return shorter;
  }

  /**
   * The table, with a header line, no line wider than {@code columns} where a layout can avoid it: of the layouts
   * an attempt allows, the one that cuts the fewest characters (the first of equals).
   */
  String render(int columns) {
    Layout chosen = null;
    int[] widths = null;
    for (Attempt attempt : ATTEMPTS) {
      long fewestCut = Long.MAX_VALUE;
      for (Layout layout : attempt.layouts()) {
        int[] w = naturalWidths(layout);
        // keys by their initials count as cut: taken only where cutting as much of the names would not fit
        long natural = layout.initials()
            ? total(naturalWidths(new Layout(layout.hidden(), true, layout.shortDates())), layout) : total(w, layout);
        shorten(w, layout, columns, attempt);
        long cut = natural - total(w, layout);
        if (total(w, layout) <= columns && cut < fewestCut) {
          fewestCut = cut;
          chosen = layout;
          widths = w;
        }
      }
      if (chosen != null) {
        return table(chosen, widths);
      }
    }
    return blocks(columns);
  }

  /**
   * For a terminal too narrow for a line per run with a name of {@value #NAME_FLOOR} characters: each run's name on
   * a line of its own (cut in its middle only beyond the width), its status and figures indented on the next, so
   * that a name keeps what tells it apart (a name cut to "…54" told nothing).
   */
  private String blocks(int columns) {
    Layout layout = WITHOUT_OVERRIDES;
    int[] widths = naturalWidths(layout);
    StringBuilder b = new StringBuilder();
    b.append(HEADER[RUN]).append('\n');
    // the columns one space apart when two do not fit; a figure is never cut ("rmse 131.1…" read as another number)
    String gap = ("  " + figures(HEADER, widths, layout, GAP)).length() <= columns
        && rows.stream().allMatch(r -> ("  " + figures(cells(r, layout), widths, layout, GAP)).length() <= columns)
        ? GAP : " ";
    b.append(fitted("  " + figures(HEADER, widths, layout, gap), columns)).append('\n');
    for (Row row : rows) {
      String name = row.cell(RUN, layout);
      b.append(name.length() <= columns ? name : cutName(name, Math.max(2, columns))).append('\n');
      String line = "  " + figures(cells(row, layout), widths, layout, gap);
      // still too wide: the line goes on below, broken between cells
      b.append(line.length() <= columns ? line : TerminalText.wrap(line, columns).replace("\n", "\n  "))
          .append('\n');
    }
    return b.toString();
  }

  private static String[] cells(Row row, Layout layout) {
    String[] cells = new String[HEADER.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = row.cell(c, layout);
    }
    return cells;
  }

  /** The cells after the name, padded to {@code widths} and {@code gap} apart, without trailing spaces. */
  private static String figures(String[] cells, int[] widths, Layout layout, String gap) {
    StringBuilder l = new StringBuilder();
    for (int c = RUN + 1; c < cells.length; c++) {
      if (!layout.hidden().contains(c)) {
        l.append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(gap);
      }
    }
    return l.toString().stripTrailing();
  }

  /** {@code line} cut at its end (marked "…") to {@code columns}. */
  private static String fitted(String line, int columns) {
    return line.length() <= columns ? line : line.substring(0, Math.max(0, columns - 1)) + "…";
  }

  private String table(Layout layout, int[] widths) {
    StringBuilder b = new StringBuilder();
    line(b, HEADER, widths, layout);
    for (Row row : rows) {
      String[] cells = new String[HEADER.length];
      for (int c = 0; c < cells.length; c++) {
        cells[c] = c == OVERRIDES ? row.overridesIn(widths[c], layout) : row.cell(c, layout);
      }
      line(b, cells, widths, layout);
    }
    return b.toString();
  }

  private int[] naturalWidths(Layout layout) {
    int[] widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
      for (Row row : rows) {
        widths[c] = Math.max(widths[c], row.cell(c, layout).length());
      }
    }
    return widths;
  }

  /** Cuts the names, then the overrides, until the table fits, as far as {@code attempt} allows. */
  private static void shorten(int[] widths, Layout layout, int columns, Attempt attempt) {
    for (int c : new int[] {RUN, OVERRIDES}) {
      int floor = c == RUN ? attempt.nameFloor() : attempt.overridesFloor();
      long over = total(widths, layout) - columns;
      if (layout.hidden().contains(c) || floor == UNCUT || over <= 0) {
        continue;
      }
      int least = Math.max(HEADER[c].length(), Math.min(widths[c], floor));
      widths[c] = (int) Math.max(least, widths[c] - over);
    }
  }

  private static long total(int[] widths, Layout layout) {
    long total = 0;
    int shown = 0;
    for (int c = 0; c < widths.length; c++) {
      if (!layout.hidden().contains(c)) {
        total += widths[c];
        shown++;
      }
    }
    return total + GAP.length() * (shown - 1L);
  }

  private static void line(StringBuilder b, String[] cells, int[] widths, Layout layout) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (layout.hidden().contains(c)) {
        continue;
      }
      String cell = cells[c].length() <= widths[c] ? cells[c] : c == RUN ? cutName(cells[c], widths[c])
          : cells[c].substring(0, widths[c] - 1) + "…";
      l.append(cell).append(" ".repeat(widths[c] - cell.length())).append(GAP);
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  /**
   * A run's name in {@code width} characters. A name in a folder ("sw/mnist-sweep-20261205-175642/mnist-20261205-175644",
   * a sweep's point) gives up the folders between its first and its own ("sw/…/mnist-20261205-175644"), then all of
   * them ("…/mnist-20261205-175644"): they are what its neighbours share, and its own name (the experiment's, and the
   * time it started) is what tells it; cut in the middle, the name kept only "sw/mni…261205-175644". A name that is
   * still too wide is cut in its middle.
   */
  static String cutName(String name, int width) {
    int first = name.indexOf('/');
    int last = name.lastIndexOf('/');
    if (name.length() <= width || last < 0 || last == name.length() - 1) {
      return name.length() <= width ? name : cutInTheMiddle(name, width);
    }
    String own = name.substring(last + 1);
    String inFirstFolder = name.substring(0, first + 1) + "…/" + own;
    if (first < last && inFirstFolder.length() <= width) {
      return inFirstFolder;
    }
    return ("…/" + own).length() <= width ? "…/" + own : cutInTheMiddle(own, width);
  }

  /** {@code text} in {@code width} characters: its first third, "…", and its end. */
  static String cutInTheMiddle(String text, int width) {
    int head = (width - 1) / 3;
    return text.substring(0, head) + "…" + text.substring(text.length() - (width - 1 - head));
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
