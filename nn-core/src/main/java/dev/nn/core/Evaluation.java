package dev.nn.core;

import dev.nn.api.TargetKind;
import dev.nn.core.data.CategoryWords;
import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.data.Dataset;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.UnusableInputException;
import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import dev.nn.core.text.Suggestions;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.ScoreFigures;
import dev.nn.core.train.Spread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A saved model's predictions on a labelled CSV file and the loss-free figures computed from them:
 * accuracy, the confusion matrix, ROC AUC and log loss for a classifier, RMSE, MAE and R² for regression.
 * {@link Nn#evaluate} makes one.
 *
 * @param rows the number of rows
 * @param predictions rows × outputs, what {@link Model#predict(double[], int, double[])} returned
 * @param metrics the figures; {@code loss} is NaN
 * @param byTarget for a regression of several targets, the figures of each target alone, in the model's order
 *     ({@link Metrics#byTarget}); empty otherwise
 * @param scores for a classifier, the figures of its scores (ROC AUC, log loss); {@code null} for a regression
 */
public record Evaluation(int rows, double[] predictions, Metrics metrics, List<Metrics> byTarget,
    ScoreFigures scores) {

  /** Copies the list. */
  public Evaluation {
    byTarget = List.copyOf(byTarget);
  }

  /** The evaluation as a record prints it, with the predictions' count rather than the array's identity. */
  @Override
  public String toString() {
    return "Evaluation[rows=" + rows + ", predictions=" + predictions.length + " values, metrics=" + metrics
        + ", byTarget=" + byTarget + ", scores=" + scores + "]";
  }

  /** An evaluation of a regression. */
  public Evaluation(int rows, double[] predictions, Metrics metrics, List<Metrics> byTarget) {
    this(rows, predictions, metrics, byTarget, null);
  }

  /** An evaluation of one target, without score figures. */
  public Evaluation(int rows, double[] predictions, Metrics metrics) {
    this(rows, predictions, metrics, List.of(), null);
  }

  /**
   * Evaluates {@code model} on {@code file}.
   *
   * @param targets the columns of true values, one per target of the model (for a classifier, its one class
   *     column): names, 0-based indexes, {@code first} or {@code last}; empty for the columns named as the
   *     model's targets, which the header must then have
   * @throws IllegalArgumentException when {@code targets} does not name one column per target
   */
  static Evaluation of(Model model, Path file, List<String> targets, char separator,
      java.util.function.Consumer<String> notes) {
    ModelSpec spec = model.spec();
    Labelled data = labelled(model, file, targets, separator);
    RawPixels.note(spec, data.x(), data.rows(), file.toString()).ifPresent(notes);
    int rows = data.rows();
    double[] predictions = RowsOfFile.predict(model, data.x(), rows, file, separator);
    double[] truth = data.truth();
    int k = model.outputs();
    Metrics metrics = Metrics.of(Double.NaN, predictions, truth, rows, k, spec.isClassifier(), threshold(model));
    ScoreFigures scores = spec.isClassifier() ? ScoreFigures.of(predictions, truth, rows, k, threshold(model)) : null;
    return new Evaluation(rows, predictions, metrics, metrics.byTarget(), scores);
  }

  /**
   * The permutation importance of one input column: how much the model's figure worsens when the column's values
   * are shuffled among the rows, which breaks what the column says about each row and keeps everything else.
   *
   * @param column the input column, as the file names it (a one-hot column is shuffled as one column)
   * @param metric {@code accuracy} for a classifier, whose loss is counted, or {@code rmse} for a regression, whose
   *     rise is counted
   * @param mean the mean worsening over the shuffles: accuracy lost, or RMSE gained; near 0 for a column the model
   *     does not use, and below 0 when shuffling happened to help
   * @param sd the sample standard deviation of the worsening over the shuffles (0 for one shuffle)
   */
  public record Importance(String column, String metric, double mean, double sd) {}

  /**
   * The permutation importance of each of the model's input columns on {@code file}, in their order: each column
   * shuffled {@code repeats} times, each time with its own seeded order ({@link RandomStream#IMPORTANCE}), the others
   * left as they are.
   *
   * @param targets as for {@link #of}
   * @throws IllegalArgumentException when {@code repeats} is below 1, or {@code targets} does not name one column
   *     per target
   */
  static List<Importance> importance(Model model, Path file, List<String> targets, int repeats, long seed,
      char separator, java.util.function.IntConsumer columnsDone) {
    if (repeats < 1) {
      throw new IllegalArgumentException("the importance needs 1 shuffle or more, found " + repeats);
    }
    Labelled data = labelled(model, file, targets, separator);
    int rows = data.rows();
    int d = model.inputs();
    boolean classifier = model.spec().isClassifier();
    // a row the model refuses is named by its line here, and the predictions are those the base figure scores
    double base = figure(model, RowsOfFile.predict(model, data.x(), rows, file, separator), data.truth(), rows);
    List<Importance> result = new ArrayList<>();
    double[] shuffled = data.x().clone();
    double[] worse = new double[repeats];
    for (int j = 0; j < d; j++) {
      for (int r = 0; r < repeats; r++) {
        int[] order = Rng.permutation(rows, RandomStream.IMPORTANCE.generator(seed, (long) j * repeats + r));
        for (int i = 0; i < rows; i++) {
          shuffled[i * d + j] = data.x()[order[i] * d + j];
        }
        double f;
        try {
          f = figure(model, predict(model, shuffled, rows), data.truth(), rows);
        } catch (UnusableInputException e) {
          // values of the file, each predictable in its own row, may still overflow together in a shuffled one
          throw new DataException(file + ": with column \"" + model.spec().inputs().get(j) + "\" shuffled, "
              + e.reason() + " (a row the permutation importance made, not one of the file)", e);
        }
        worse[r] = classifier ? base - f : f - base;
      }
      for (int i = 0; i < rows; i++) {
        shuffled[i * d + j] = data.x()[i * d + j];
      }
      Spread spread = Spread.of(worse);
      result.add(new Importance(model.spec().inputs().get(j), classifier ? "accuracy" : "rmse", spread.mean(),
          spread.sd()));
      columnsDone.accept(j + 1);
    }
    return List.copyOf(result);
  }

  /** A classifier's accuracy, a regression's RMSE, of {@code rows} rows of the model's predictions. */
  private static double figure(Model model, double[] predictions, double[] truth, int rows) {
    Metrics m = Metrics.of(Double.NaN, predictions, truth, rows, model.outputs(),
        model.spec().isClassifier(), threshold(model));
    return m.isClassification() ? m.accuracy() : m.rmse();
  }

  /** A labelled file's input values, in the model's input order, and its true values as the model's outputs are. */
  private record Labelled(double[] x, double[] truth, int rows) {}

  /**
   * Reads {@code file} for {@code model}: its input columns by name, its targets from {@code targets}, its fields
   * split at {@code separator} ({@link Nn#DETECT_SEPARATOR}: the one the file shows).
   */
  private static Labelled labelled(Model model, Path file, List<String> targets, char separator) {
    ModelSpec spec = model.spec();
    Optional<String> problem = targetColumnsProblem(spec, targets);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    List<String> header = CsvReader.columnNames(file, CsvOptions.IndexColumn.AUTO, separator);
    Optional<String> order = targetOrderProblem(spec, targets, header);
    if (order.isPresent()) {
      throw new DataException(file + ": " + order.get());
    }
    List<String> columns = targets.isEmpty() ? defaultTargets(spec, header, file, separator) : targets;
    FeatureColumns.requireAll(spec.inputs(), header, file.toString(), () -> CsvReader.separatorOf(file, separator));
    // the model's features and the targets alone are read: other columns are not parsed at all
    CsvOptions features = new CsvOptions(spec.inputs(), List.of(), CsvOptions.Missing.ERROR,
        CsvOptions.IndexColumn.AUTO).withSeparator(separator);
    Dataset data;
    CategoryWords words = CategoryWords.ofModel(spec.oneHot());
    if (spec.isClassifier()) {
      data = CsvReader.classification(columns.get(0)).withClassesNamed(spec.classes()).with(features).forModel()
          .withCategoryWords(words).read(file);
      if (model.outputs() == 1) {
        data = data.withBinaryTarget();
      }
    } else {
      data = CsvReader.regression(columns).with(features).forModel().withCategoryWords(words).read(file);
    }
    int rows = data.size();
    double[] x = FeatureColumns.select(spec.inputs(), data.featureNames(), data.copyX(), rows, file.toString());
    if (spec.oneHot() != null) {
      spec.oneHot().requireKnown(x, rows, file.toString());
    }
    return new Labelled(x, data.copyY(), rows);
  }

  /**
   * What is wrong with {@code targets} as the columns of true values for a model of {@code spec}, if anything:
   * a classifier takes its classes from one column, a regression model one column per target; none at all
   * means the model's own target names.
   */
  public static Optional<String> targetColumnsProblem(ModelSpec spec, List<String> targets) {
    int wanted = spec.isClassifier() ? 1 : spec.targets().size();
    for (int k = 1; k < targets.size(); k++) {
      if (targets.subList(0, k).contains(targets.get(k))) {
        // as a csv source refuses one column named twice as a target
        return Optional.of("the target column \"" + targets.get(k) + "\" is given twice; name each of the model's"
            + " targets' columns once" + (spec.isClassifier() ? "" : ", in its order (" + String.join(", ",
                spec.targets()) + ")"));
      }
    }
    if (targets.isEmpty() || targets.size() == wanted) {
      return Optional.empty();
    }
    String model = spec.isClassifier() ? "a classifier reads its classes from one column"
        : "this model predicts " + wanted + (wanted == 1 ? " target (" : " targets (")
            + String.join(", ", spec.targets()) + ")";
    String found = targets.size() == 1 ? " target column (" : " target columns (";
    return Optional.of(model + ", found " + targets.size() + found + String.join(", ", targets)
        + "); name one column per target, in the model's order");
  }

  /**
   * Whether {@code targets}, of the right count, name a column of the model's targets in another target's place:
   * columns are paired with the model's targets by position, so that column would score one target against another's
   * values under the wrong name. Names only, and only when the header has them all: an index or {@code last} picks a
   * column the header decides, and a name the file lacks is reported as missing (the real fault of
   * {@code Weight,weight,pulse} is the first name, not the order).
   */
  private static Optional<String> targetOrderProblem(ModelSpec spec, List<String> targets, List<String> header) {
    if (spec.isClassifier() || targets.size() != spec.targets().size() || !header.containsAll(targets)) {
      return Optional.empty();
    }
    for (int k = 0; k < targets.size(); k++) {
      int named = spec.targets().indexOf(targets.get(k));
      if (named >= 0 && named != k) {
        return Optional.of("the " + ordinal(k + 1) + " target column given, \"" + targets.get(k) + "\", would be"
            + " scored as the model's " + ordinal(k + 1) + " target \"" + spec.targets().get(k) + "\", but \""
            + targets.get(k) + "\" is the name of its " + ordinal(named + 1) + " target; give the columns in the"
            + " model's order (" + String.join(", ", spec.targets()) + "), or none to take the columns named as"
            + " its targets");
      }
    }
    return Optional.empty();
  }

  private static String ordinal(int n) {
    int tens = n % 100;
    String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  /** The model's outputs for rows of raw features in its order: the one call evaluate and predict share. */
  static double[] predict(Model model, double[] features, int rows) {
    double[] out = new double[rows * model.outputs()];
    model.predict(features, rows, out);
    return out;
  }

  /**
   * Where a single output column splits the two classes: 0.5 for a probability, 0 for a loss that trains on
   * −1/+1 targets (hinge).
   */
  static double threshold(Model model) {
    return model.loss().targets() == TargetKind.SIGNED ? 0.0 : 0.5;
  }

  /**
   * The model's target columns by name, which the header must have: a file without them holds rows to predict,
   * not to evaluate on.
   *
   * @throws DataException naming the target columns the header lacks
   */
  private static List<String> defaultTargets(ModelSpec spec, List<String> header, Path file, char separator) {
    List<String> named = spec.targets();
    List<String> missing = named.stream().filter(t -> !header.contains(t)).map(t -> "\"" + t + "\"").toList();
    if (!missing.isEmpty()) {
      boolean one = missing.size() == 1;
      // a column close to the name ("Species" for "species"), as a held-out source's message suggests one
      List<String> near = named.stream().filter(t -> !header.contains(t))
          .map(t -> Suggestions.closest(t, header)).filter(c -> !c.isEmpty()).map(c -> c.get(0))
          .map(h -> h.contains(" ") || h.contains(",") ? "\"" + h + "\"" : h).toList();
      // a header read with the wrong separator is one long name, which holds the target's name: the separator is meant
      String split = header.size() == 1 ? FeatureColumns.separatorHint(header, CsvReader.separatorOf(file, separator))
          : "";
      throw new DataException(file + ": no target column" + (one ? " " : "s ") + String.join(", ", missing)
          + " (the model was trained to predict " + (one ? "it" : "them") + "); nn evaluate needs the targets"
          + " (--target names " + (one ? "a column" : "columns") + " of another name) — nn predict takes rows"
          + " without them" + (!split.isEmpty() ? split : near.isEmpty() ? ""
              : "; did you mean --target " + String.join(",", near) + "?"));
    }
    return named;
  }
}
