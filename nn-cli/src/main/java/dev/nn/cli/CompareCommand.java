package dev.nn.cli;

import dev.nn.core.run.RunComparison;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.sweep.SweepTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nn compare}: what differs between the experiments of two or more runs, and a page overlaying their
 * curves.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    header = "Compares runs: their experiments' differences, and their curves on one page.",
    description = "Prints the keys whose values differ between the runs' resolved experiments (experiment.yaml,"
        + " flattened to key paths such as optimizer.learning-rate, as --set names them), one line per key with"
        + " each run's value; then writes an HTML page overlaying the runs' training loss, validation loss and"
        + " validation accuracy per epoch (from metrics.csv), with a legend naming each run.",
    footer = {"%nExit codes: 0 compared, 2 fewer than two runs, a path that is neither a run directory nor a sweep"
        + " folder, or an output that cannot be written (a folder that does not exist, a directory, a file inside"
        + " one of the runs)."})
final class CompareCommand implements Callable<Integer> {
  private final NnCommand root;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
      description = "Two or more run directories, or a sweep folder (its points' runs).")
  List<Path> runs = new ArrayList<>();

  @Option(names = "--output", paramLabel = "FILE",
      description = "The page to write (default: compare.html in the current folder); never a file inside one"
          + " of the runs.")
  Path output = Path.of("compare.html");

  CompareCommand(NnCommand root) {
    this.root = root;
  }

  /** A path as a message names it: a damaged sweep table's row may hold megabytes; its start is enough. */
  private static String shown(Path run) {
    String text = run.toString();
    return text.length() <= 500 ? text : text.substring(0, 500) + "…(" + text.length() + " characters)";
  }

  @Override
  public Integer call() {
    List<Path> given = runs;
    runs = new ArrayList<>();
    for (Path path : given) {
      List<Path> swept = RunRecord.isRunDirectory(path) ? List.of() : SweepTable.runDirectories(path);
      for (Path run : swept.isEmpty() ? List.of(path) : swept) {
        if (!java.nio.file.Files.exists(run)) {
          throw new CommandFailure("nn: " + shown(run) + ": no such directory; expected a directory nn train wrote,"
              + " or a sweep folder");
        }
        if (!RunRecord.isRunDirectory(run)) {
          // a damaged sweep table's row may name anything, megabytes long: its start is enough to find it
          throw new CommandFailure("nn: " + shown(run) + ": not a run directory (it"
              + " holds no " + RunDirectory.EXPERIMENT + " with " + RunDirectory.CHECKPOINTS + "/ or "
              + RunDirectory.SUMMARY + "); expected a directory nn train wrote, or a sweep folder");
        }
        for (Path earlier : runs) {
          if (sameDirectory(earlier, run)) {
            // its curves would hide each other's, and the page would not say why
            throw new CommandFailure("nn: " + run + " is given twice" + (run.equals(earlier) ? "" : " (as " + earlier
                + ")") + "; give each run once");
          }
        }
        runs.add(run);
      }
    }
    if (runs.size() < 2) {
      throw new CommandFailure("nn: compare needs two runs or more, found " + runs.size() + " ("
          + String.join(", ", given.stream().map(Path::toString).toList()) + "); give two or more run directories,"
          + " or a sweep folder whose points trained");
    }
    checkOutput();
    RunComparison comparison = RunComparison.of(runs);
    comparison.damage().forEach(d -> root.err().println(root.fittedErr("nn: warning: " + d)));
    PrintStream out = root.out();
    int unreadable = comparison.unreadableExperiments();
    out.print(comparison.differences().isEmpty() && unreadable > 0
        ? "the experiments that could be read are the same (" + (runs.size() - unreadable) + " of " + runs.size()
            + " runs)\n"
        : DifferenceTable.render(comparison.labels(), comparison.differences(),
            root.terminal() ? root.terminalColumns() : Integer.MAX_VALUE));
    comparison.lossesDiffer().ifPresent(note -> out.println(root.fitted("note: " + note)));
    comparison.writePage(output);
    out.println(root.fitted("page           " + output));
    return Main.OK;
  }

  private static boolean sameDirectory(Path a, Path b) {
    try {
      return java.nio.file.Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** The page may not be written over, or into, any run: a run's files are its record. */
  private void checkOutput() {
    Map<String, Path> inputs = new LinkedHashMap<>();
    for (Path run : runs) {
      inputs.put("RUN_DIR's", run.resolve(RunDirectory.EXPERIMENT));
    }
    OutputFile.check("--output", output, inputs);
    Path folder = realFolderOf(output);
    for (Path run : runs) {
      try {
        if (folder.startsWith(run.toRealPath())) {
          throw new CommandFailure("nn: --output " + output + " is inside the run directory " + run + "; a run's"
              + " files are left as training wrote them. Write the page elsewhere, e.g. --output compare.html");
        }
      } catch (IOException e) {
        throw new CommandFailure("nn: " + run + ": " + Failures.describe(e));
      }
    }
  }

  private static Path realFolderOf(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      return folder;
    }
  }

  /**
   * The differences as text, in the first of these forms that fits the terminal: a column per run headed by its
   * name (a line per key); a line per run led by its name (a column per key: a sweep of many points); the same with
   * each value cut in its middle (marked "…") around where the values part, when the names are short; then the
   * first two with the runs numbered #1, #2, … in a legend above, then the cut one so numbered. Only when even that leaves a value less than {@link #LEAST_VALUE}
   * characters (many keys on a narrow terminal) are the columns of runs cut to as few as 3.
   */
  static final class DifferenceTable {
    /** The fewest characters a cut value keeps. */
    private static final int LEAST_VALUE = 8;

    private DifferenceTable() {}

    static String render(List<String> labels, List<RunComparison.Difference> differences, int columns) {
      if (differences.isEmpty()) {
        return "the runs' experiments are the same (" + labels.size() + " runs)\n";
      }
      for (String whole : List.of(table(labels, differences, Integer.MAX_VALUE), byRun(labels, differences,
          Integer.MAX_VALUE))) {
        if (widest(whole) <= columns) {
          return whole;
        }
      }
      // short names leave room for the values, cut where they part: no legend needed
      if (labels.stream().mapToInt(String::length).max().orElse(0) <= columns / 3) {
        String cut = byRun(labels, differences, columns);
        if (widest(cut) <= columns) {
          return cut;
        }
      }
      StringBuilder legend = new StringBuilder();
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        numbers.add("#" + (i + 1));
        String label = labels.get(i);
        // a legend line that wraps would push the table down out of line with it: long names are cut in the middle
        int room = Math.max(LEAST_VALUE, columns - 1 - 4);
        legend.append(String.format("%-4s", numbers.get(i)))
            .append(label.length() <= room ? label : RunTable.cutInTheMiddle(label, room)).append('\n');
      }
      for (String numbered : List.of(table(numbers, differences, Integer.MAX_VALUE), byRun(numbers, differences,
          Integer.MAX_VALUE), byRun(numbers, differences, columns))) {
        if (widest(numbered) <= columns) {
          return legend + numbered;
        }
      }
      int n = labels.size();
      int keyWidth = keyWidth(differences);
      int share = (columns - 1 - keyWidth - 2 * n) / n;
      if (share < LEAST_VALUE) {
        // the keys give way first (cut in their middle, to no less than a third of the width), then the values,
        // to as few as 3 characters: a line longer than the terminal wraps, and a wrapped table is unreadable
        int room = columns - 1 - 2 * n - LEAST_VALUE * n;
        keyWidth = Math.min(keyWidth, Math.max(room, Math.max("KEY".length(), columns / 3)));
        share = Math.max(3, (columns - 1 - keyWidth - 2 * n) / n);
      }
      return legend + table(numbers, differences, share, keyWidth);
    }

    /**
     * A line per run, led by {@code heads}, and a column per key. With {@code columns} finite, every value column
     * is cut to an equal share of the width the runs' column leaves (no less than {@link #LEAST_VALUE}); a column
     * that needs less gives the rest to the others.
     */
    private static String byRun(List<String> heads, List<RunComparison.Difference> differences, int columns) {
      int headWidth = "RUN".length();
      for (String h : heads) {
        headWidth = Math.max(headWidth, h.length());
      }
      int k = differences.size();
      int[] natural = new int[k];
      for (int c = 0; c < k; c++) {
        RunComparison.Difference d = differences.get(c);
        natural[c] = d.key().length();
        for (String v : d.values()) {
          natural[c] = Math.max(natural[c], v.length());
        }
      }
      int[] widths = fairShares(natural, columns == Integer.MAX_VALUE ? Integer.MAX_VALUE
          : columns - 1 - headWidth - 2 * k);
      List<List<String>> rows = new ArrayList<>();
      List<String> header = new ArrayList<>();
      header.add("RUN");
      for (int c = 0; c < k; c++) {
        String key = differences.get(c).key();
        header.add(key.length() <= widths[c] ? key : RunTable.cutInTheMiddle(key, widths[c]));
      }
      rows.add(header);
      for (int r = 0; r < heads.size(); r++) {
        List<String> row = new ArrayList<>();
        row.add(heads.get(r));
        for (int c = 0; c < k; c++) {
          List<String> column = differences.get(c).values();
          String v = column.get(r);
          // cut around where the column's values part: a table of differences must show them
          row.add(v.length() <= widths[c] ? v : around(v, commonPrefix(column), widths[c]));
        }
        rows.add(row);
      }
      StringBuilder b = new StringBuilder();
      for (List<String> row : rows) {
        StringBuilder l = new StringBuilder(row.get(0)).append(" ".repeat(headWidth - row.get(0).length()));
        for (int c = 0; c < k; c++) {
          l.append("  ").append(row.get(c + 1)).append(" ".repeat(widths[c] - row.get(c + 1).length()));
        }
        b.append(l.toString().stripTrailing()).append('\n');
      }
      return b.toString();
    }

    /**
     * Widths for columns that need {@code natural} characters within {@code room}: each its own when they all fit,
     * else an equal share, a column needing less than its share giving the rest to the others; never below
     * {@link #LEAST_VALUE} (nor its natural width, if smaller), so the result may exceed {@code room}.
     */
    private static int[] fairShares(int[] natural, int room) {
      int[] widths = natural.clone();
      if (room == Integer.MAX_VALUE || java.util.Arrays.stream(natural).sum() <= room) {
        return widths;
      }
      boolean[] settled = new boolean[natural.length];
      int left = room;
      int open = natural.length;
      boolean changed = true;
      while (changed && open > 0) {
        changed = false;
        int share = Math.max(LEAST_VALUE, left / open);
        for (int c = 0; c < natural.length; c++) {
          if (!settled[c] && natural[c] <= share) {
            settled[c] = true;
            left -= natural[c];
            open--;
            changed = true;
          }
        }
      }
      int share = open == 0 ? 0 : Math.max(LEAST_VALUE, left / open);
      for (int c = 0; c < natural.length; c++) {
        if (!settled[c]) {
          widths[c] = share;
        }
      }
      return widths;
    }

    private static String table(List<String> heads, List<RunComparison.Difference> differences, int valueWidth) {
      return table(heads, differences, valueWidth, keyWidth(differences));
    }

    private static String table(List<String> heads, List<RunComparison.Difference> differences, int valueWidth,
        int keyWidth) {
      int[] widths = new int[heads.size()];
      for (int i = 0; i < heads.size(); i++) {
        widths[i] = heads.get(i).length();
        for (RunComparison.Difference d : differences) {
          widths[i] = Math.min(valueWidth, Math.max(widths[i], d.values().get(i).length()));
        }
      }
      StringBuilder b = new StringBuilder();
      line(b, "KEY", keyWidth, heads, widths);
      for (RunComparison.Difference d : differences) {
        line(b, d.key().length() <= keyWidth ? d.key() : RunTable.cutInTheMiddle(d.key(), keyWidth), keyWidth,
            d.values(), widths);
      }
      return b.toString();
    }

    private static int keyWidth(List<RunComparison.Difference> differences) {
      int keyWidth = "KEY".length();
      for (RunComparison.Difference d : differences) {
        keyWidth = Math.max(keyWidth, d.key().length());
      }
      return keyWidth;
    }

    /** How many characters every one of {@code values} starts with. */
    private static int commonPrefix(List<String> values) {
      int n = values.stream().mapToInt(String::length).min().orElse(0);
      for (int k = 0; k < n; k++) {
        char c = values.get(0).charAt(k);
        for (String v : values) {
          if (v.charAt(k) != c) {
            return k;
          }
        }
      }
      return n;
    }

    /**
     * {@code value} in {@code width} characters, cut (each cut marked "…") so that what follows its first
     * {@code same} characters, which the row's other values share, shows; cut in its middle when it is the
     * row's part that comes late in it.
     */
    static String around(String value, int same, int width) {
      if (same <= (width - 1) / 3) {
        return RunTable.cutInTheMiddle(value, width);
      }
      // from a character before the first difference, as far as the width goes
      int start = Math.min(same - 1, value.length() - (width - 1));
      String tail = value.substring(start);
      if (tail.length() + 1 <= width) {
        return "…" + tail;
      }
      return "…" + tail.substring(0, width - 2) + "…";
    }

    private static int widest(String text) {
      return text.lines().mapToInt(String::length).max().orElse(0);
    }

    private static void line(StringBuilder b, String key, int keyWidth, List<String> cells, int[] widths) {
      StringBuilder l = new StringBuilder(key).append(" ".repeat(keyWidth - key.length()));
      int same = commonPrefix(cells);
      for (int i = 0; i < cells.size(); i++) {
        // cut around where the values of the row part: a table of differences must show them
        String cell = cells.get(i).length() <= widths[i] ? cells.get(i) : around(cells.get(i), same, widths[i]);
        l.append("  ").append(cell).append(" ".repeat(widths[i] - cell.length()));
      }
      b.append(l.toString().stripTrailing()).append('\n');
    }
  }
}
