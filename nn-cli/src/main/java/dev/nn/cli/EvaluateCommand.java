package dev.nn.cli;

import dev.nn.core.Evaluation;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.text.Counted;
import dev.nn.core.text.Grouped;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.ScoreFigures;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nn evaluate}: a saved model's figures on a labelled CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    header = "Computes a saved model's metrics on a labelled CSV file.",
    description = "Computes a saved model's figures on a labelled CSV file: accuracy, the confusion matrix and each"
        + " class's precision, recall and F1"
        + " for a classifier (the target column holds class indices 0..k-1, or the class names the model was trained"
        + " on), RMSE, MAE and R² for regression."
        + " Feature columns are matched to the model's by header name; other columns are ignored, and not read.",
    footer = "%nExit codes: 0 evaluated, 2 unreadable model or CSV file, or a feature or target column missing.")
final class EvaluateCommand implements Callable<Integer> {
  /** The most shuffles {@code --importance} takes. */
  static final int MAX_SHUFFLES = 1_000;

  /** How many cells {@link #commonestConfusions} lists. */
  private static final int COMMONEST = 20;

  private final NnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (model.nnm of a run directory).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "CSV", description = "The labelled CSV file.")
  Path data;

  @Option(names = "--target", paramLabel = "NAME|INDEX|last", split = ",",
      description = "The column of true values: a header name, a 0-based index or last (default: the column"
          + " named as the model's target, which the file must then have). A model of several targets"
          + " takes one column per target, in its order, separated by commas (default: its targets' names).")
  List<String> target = new ArrayList<>();

  @Mixin
  SeparatorArgument separator;

  @Option(names = "--importance", arity = "0..1", fallbackValue = "5", paramLabel = "SHUFFLES",
      description = "Also gives each input column's permutation importance: how much the accuracy falls (or the"
          + " RMSE rises) when the column's values are shuffled among the rows, over SHUFFLES shuffles (default 5),"
          + " most important first.")
  Integer importance;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "With --importance: the seed of the shuffles (default 42).")
  long seed;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec command;

  EvaluateCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    return OutOfMemory.sized(this::evaluate, () -> "evaluating holds the model, about 6 times its file's size in heap"
        + " (this model file is " + OutOfMemory.megabytes(model) + " MB), and the data file's rows read whole, 8 bytes"
        + " a value");
  }

  private Integer evaluate() {
    if (importance != null && (importance < 1 || importance > MAX_SHUFFLES)) {
      // each shuffle evaluates the model once per column: more than this is hours, and its figures a memory's worth
      throw new picocli.CommandLine.ParameterException(command.commandLine(), "--importance takes 1 to " + MAX_SHUFFLES
          + " shuffles, found " + importance);
    }
    Model m = Models.load(root, model);
    ModelSpec spec = m.spec();
    Evaluation.targetColumnsProblem(spec, target).ifPresent(problem -> {
      // the model's file and the option given: the message is about the two together
      throw new CommandFailure("nn: " + model + " with --target " + String.join(",", target) + ": " + problem);
    });
    Evaluation e = WorkingLine.during(root, "evaluating on " + dev.nn.core.text.ControlCharacters.escape(String.valueOf(data.getFileName())),
        notes -> CsvInput.reading(() -> root.nn().evaluateColumns(m, data, target, separator.value, notes)));
    PrintStream out = root.out();
    // fitted to a terminal as every command's lines are: prose broken between words, tables tightened
    int width = root.terminal() ? root.terminalColumns() : Integer.MAX_VALUE;
    out.println(root.fitted(model + " on " + data + ": " + Counted.of(e.rows(), "row", "rows")));
    Metrics metrics = e.metrics();
    if (metrics.isClassification()) {
      out.println("accuracy  " + Figures.fraction(metrics.accuracy()));
      out.print(root.fitted(scores(e.scores(), e.predictions())));
      if (metrics.confusion().length <= Metrics.MATRIX_CLASSES) {
        out.println(root.fitted("confusion matrix (rows: true class, columns: predicted class)"));
        out.print(confusion(printable(spec.classes()), metrics.confusion(), width));
      } else {
        out.print(commonestConfusions(spec, metrics, root::fitted, width));
      }
      out.print(byClass(printable(spec.classes()), metrics.byClass(), width));
    } else {
      out.println("rmse      " + Figures.sixDigits(metrics.rmse()));
      out.println("mae       " + Figures.sixDigits(metrics.mae()));
      out.println(root.fitted("r2        " + Figures.r2(metrics.r2())
          + (Double.isFinite(metrics.r2()) ? "" : " (undefined: the targets do not vary)")));
      if (!e.byTarget().isEmpty()) {
        out.print(byTarget(printable(spec.targets()), e.byTarget(), width));
      }
    }
    if (importance != null) {
      DoneCount progress = new DoneCount(root.out(), root.drawsInPlace(), root::terminalColumns, m.inputs(),
          "importance", "columns");
      List<Evaluation.Importance> columns;
      try {
        columns = CsvInput.reading(() -> root.nn().importance(m, data, target, importance, seed, separator.value,
            progress));
      } finally {
        progress.erase();
      }
      out.print(importanceTable(columns, importance, seed, root::fitted, width));
    }
    return Main.OK;
  }

  /**
   * "roc auc   0.9876" (with "(one class against the rest, mean over k classes)" for several classes) and
   * "log loss  0.0712"; a figure that cannot be computed gets "none:" and the reason that holds for these
   * predictions: a score that is not a finite number spoils both, before anything else.
   */
  static String scores(ScoreFigures s, double[] predictions) {
    String notFinite = notFinite(predictions);
    StringBuilder b = new StringBuilder();
    if (Double.isNaN(s.rocAuc())) {
      b.append("roc auc   none: ").append(notFinite != null ? notFinite : "no class has rows both in and out of it")
          .append('\n');
    } else {
      b.append("roc auc   ").append(Figures.fraction(s.rocAuc()));
      if (s.classesRanked() > 1) {
        b.append("  (each class against the rest, mean over ").append(s.classesRanked()).append(" classes)");
      }
      b.append('\n');
    }
    if (Double.isNaN(s.logLoss())) {
      b.append("log loss  none: ").append(notFinite != null ? notFinite
          : "the model's outputs are not probabilities (a value outside 0..1, or a row that does not sum to 1)")
          .append('\n');
    } else {
      b.append("log loss  ").append(Figures.sixDigits(s.logLoss())).append('\n');
    }
    return b.toString();
  }

  /** "a score is NaN, not a finite number" for the first score that is not one, else {@code null}. */
  private static String notFinite(double[] predictions) {
    for (int i = 0; i < predictions.length; i++) {
      if (!Double.isFinite(predictions[i])) {
        return "a score is " + predictions[i] + ", not a finite number";
      }
    }
    return null;
  }

  /** The columns' importance, most important first, under a line that says what it measures. */
  static String importanceTable(List<Evaluation.Importance> columns, int shuffles, long seed) {
    return importanceTable(columns, shuffles, seed, line -> line, Integer.MAX_VALUE);
  }

  /** {@link #importanceTable(List, int, long)} with its line {@code fitted} and its table to {@code width}. */
  static String importanceTable(List<Evaluation.Importance> columns, int shuffles, long seed,
      java.util.function.UnaryOperator<String> fitted, int width) {
    List<Evaluation.Importance> sorted = new ArrayList<>(columns);
    sorted.sort((a, b) -> Double.compare(b.mean(), a.mean()));
    String metric = columns.get(0).metric();
    StringBuilder s = new StringBuilder("permutation importance: how much the ").append(metric)
        .append(metric.equals("accuracy") ? " falls" : " rises").append(" when a column is shuffled (")
        .append(shuffles).append(shuffles == 1 ? " shuffle" : " shuffles").append(", seed ").append(seed)
        .append(")");
    s = new StringBuilder(fitted.apply(s.toString())).append('\n');
    List<List<String>> rows = new ArrayList<>();
    // one shuffle has no spread to show: a column of zeros would claim one
    boolean spread = shuffles > 1;
    rows.add(spread ? List.of("column", "importance", "sd") : List.of("column", "importance"));
    for (Evaluation.Importance c : sorted) {
      String column = dev.nn.core.text.ControlCharacters.escape(c.column());
      rows.add(spread ? List.of(column, Figures.sixDigits(c.mean()), Figures.sixDigits(c.sd()))
          : List.of(column, Figures.sixDigits(c.mean())));
    }
    return s.append(TextTable.of(rows, width)).toString();
  }

  /** Each target's figures, one row each under a header, in aligned columns. */
  static String byTarget(List<String> targets, List<Metrics> figures) {
    return byTarget(targets, figures, Integer.MAX_VALUE);
  }

  /** {@link #byTarget(List, List)} for a terminal of {@code width} columns. */
  static String byTarget(List<String> targets, List<Metrics> figures, int width) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("target", "rmse", "mae", "r2"));
    for (int j = 0; j < targets.size(); j++) {
      Metrics m = figures.get(j);
      rows.add(List.of(targets.get(j), Figures.sixDigits(m.rmse()), Figures.sixDigits(m.mae()),
          Figures.r2(m.r2())));
    }
    return TextTable.of(rows, width);
  }

  /** Each class's precision, recall, F1 and support, then their macro and weighted averages, under a header. */
  static String byClass(List<String> classes, List<Metrics.ClassFigures> figures) {
    return byClass(classes, figures, Integer.MAX_VALUE);
  }

  /** {@link #byClass(List, List)} for a terminal of {@code width} columns. */
  static String byClass(List<String> classes, List<Metrics.ClassFigures> figures, int width) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("class", "precision", "recall", "f1", "support"));
    for (int c = 0; c < figures.size(); c++) {
      rows.add(classRow(classes.get(c), figures.get(c)));
    }
    rows.add(classRow("macro avg", Metrics.ClassFigures.macroAverage(figures)));
    rows.add(classRow("weighted avg", Metrics.ClassFigures.weightedAverage(figures)));
    return TextTable.of(rows, width);
  }

  private static List<String> classRow(String label, Metrics.ClassFigures f) {
    return List.of(label, Figures.fraction(f.precision()), Figures.fraction(f.recall()), Figures.fraction(f.f1()),
        Grouped.of(f.support()));
  }

  /**
   * Class or target names as a table prints them: a name the data gave may hold a line break or a tab (a quoted CSV
   * field), which would break the table's rows; shown escaped ({@code versi\ncolor}), as messages show such text.
   */
  private static List<String> printable(List<String> names) {
    return names.stream().map(dev.nn.core.text.ControlCharacters::escape).toList();
  }

  /** For more classes than a matrix can show: its largest cells off the diagonal. */
  static String commonestConfusions(ModelSpec spec, Metrics metrics, java.util.function.UnaryOperator<String> fitted,
      int width) {
    List<Metrics.Confusion> cells = metrics.commonestConfusions(COMMONEST);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("true", "predicted", "rows"));
    for (Metrics.Confusion c : cells) {
      rows.add(List.of(dev.nn.core.text.ControlCharacters.escape(spec.classes().get(c.actual())),
          dev.nn.core.text.ControlCharacters.escape(spec.classes().get(c.predicted())), Grouped.of(c.count())));
    }
    return fitted.apply("commonest confusions (" + metrics.confusion().length + " classes are too many for a matrix;"
        + " its " + cells.size() + " largest cells off the diagonal)") + "\n" + TextTable.of(rows, width);
  }

  /**
   * The matrix with class labels on both edges, every column right-aligned to one width; where that is wider than
   * {@code columns} (long labels: a line of 270 characters wrapped into an unreadable matrix), the columns are headed
   * by the classes' numbers, and each row by its number and label, left-aligned (cut in its middle if need be); and
   * where even that is wider (ten classes at 40 columns), it is shown in parts of its columns, a blank line apart,
   * each row repeating its number and label.
   */
  static String confusion(List<String> classes, long[][] counts, int columns) {
    String byLabel = confusion(classes, counts);
    if (byLabel.lines().mapToInt(DisplayWidth::of).max().orElse(0) <= columns) {
      return byLabel;
    }
    int k = counts.length;
    int cell = Integer.toString(k - 1).length();
    for (long[] row : counts) {
      for (long c : row) {
        cell = Math.max(cell, Grouped.of(c).length());
      }
    }
    int number = Integer.toString(k - 1).length();
    int label = 0;
    boolean labelsAreNumbers = true;
    for (int t = 0; t < k; t++) {
      label = Math.max(label, DisplayWidth.of(classes.get(t)));
      labelsAreNumbers &= classes.get(t).equals(Integer.toString(t));
    }
    // the labels take what the numbers leave, down to 8 columns; then the matrix is shown in parts of its columns
    label = Math.max(Math.min(label, 8), Math.min(label, columns - 1 - number - 2 - k * (cell + 2)));
    // labels that are the classes' numbers (digits 0-9) are not shown a second time beside them
    int prefix = labelsAreNumbers ? number : number + 2 + label;
    // as many columns as fit beside the rows' numbers and labels, at least one; every part repeats those
    int perPart = Math.max(1, Math.min(k, (columns - 1 - prefix) / (cell + 2)));
    StringBuilder s = new StringBuilder();
    for (int from = 0; from < k; from += perPart) {
      int to = Math.min(k, from + perPart);
      if (from > 0) {
        s.append('\n');
      }
      s.append(" ".repeat(prefix));
      for (int c = from; c < to; c++) {
        s.append("  ").append(" ".repeat(cell - Integer.toString(c).length())).append(c);
      }
      s.append('\n');
      for (int t = 0; t < k; t++) {
        String l = classes.get(t);
        String shown = DisplayWidth.of(l) <= label ? l : RunTable.cutInTheMiddle(l, label);
        StringBuilder row = new StringBuilder(" ".repeat(number - Integer.toString(t).length())).append(t);
        if (!labelsAreNumbers) {
          row.append("  ").append(DisplayWidth.pad(shown, label));
        }
        for (int c = from; c < to; c++) {
          String count = Grouped.of(counts[t][c]);
          row.append("  ").append(" ".repeat(cell - count.length())).append(count);
        }
        s.append(row).append('\n');
      }
    }
    return s.toString();
  }

  /** The matrix with class labels on both edges, every column right-aligned to one width. */
  static String confusion(List<String> classes, long[][] counts) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("");
    header.addAll(classes);
    rows.add(header);
    for (int t = 0; t < counts.length; t++) {
      List<String> row = new ArrayList<>();
      row.add(classes.get(t));
      for (long c : counts[t]) {
        row.add(Grouped.of(c));
      }
      rows.add(row);
    }
    int width = 1;
    for (List<String> row : rows) {
      for (String cell : row) {
        width = Math.max(width, DisplayWidth.of(cell));
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      for (String cell : row) {
        s.append("  ").append(" ".repeat(width - DisplayWidth.of(cell))).append(cell);
      }
      s.append('\n');
    }
    return s.toString();
  }

}
