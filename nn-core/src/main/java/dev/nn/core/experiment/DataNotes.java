package dev.nn.core.experiment;

import dev.nn.core.data.Dataset;
import dev.nn.core.data.OneHot;
import dev.nn.core.data.Standardizer;
import dev.nn.core.text.Excerpt;
import java.util.List;

/**
 * The notes a run prints about its training data when nothing in it is an error but something may make the run
 * meaningless: targets that look like class codes or lie far from 0, inputs left unstandardized that reach far,
 * one-hot columns of about as many categories as rows, labels or words alike but for case. Each is empty when the
 * data gives no reason for it; {@link DataPreparation} decides which apply to a run.
 */
final class DataNotes {
  private DataNotes() {}

  /**
   * A note for a one-hot column of about as many categories as rows (an id, a name, a timestamp): a category seen
   * once teaches the network nothing it can use on another row, and {@code nn predict} refuses every new row's, as
   * one the model was not trained on. At least 20 rows, and a category for every second row or more.
   */
  static java.util.Optional<String> idCategories(OneHot oneHot, Dataset train) {
    int rows = train.size();
    for (java.util.Map.Entry<String, double[]> column : oneHot.categories().entrySet()) {
      int count = column.getValue().length;
      if (rows >= 20 && 2L * count >= rows) {
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s: one-hot column \"%s\" has %,d"
            + " categories for %,d rows, as an id or a name does: a category seen in a row or two teaches the network nothing"
            + " for another row, and nn predict refuses a new row's category as one the model was not trained on;"
            + " if it is an id, leave it out with features: {ignore: [%s]} on the source", train.source(),
            Excerpt.of(column.getKey()), count, rows, Excerpt.of(column.getKey())));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * A note for a regression whose one target looks like class codes: only two whole numbers (pima's 0/1 outcome), or
   * every whole number from 0 up, at most {@value #MOST_CODES} of them, each on two rows at least (glass's 0 … 5, the letters'
   * 0 … 25: the indices a classification reads). Most likely classes, read as one real number because {@code task} defaults to regression, so no
   * accuracy is ever reported. Empty for any other target.
   */
  static java.util.Optional<String> classCodes(Dataset train) {
    if (train.targetCount() != 1 || train.size() < 2) {
      return java.util.Optional.empty();
    }
    java.util.TreeMap<Double, Integer> values = new java.util.TreeMap<>();
    for (int i = 0; i < train.size(); i++) {
      double y = train.y(i, 0);
      if (y != Math.rint(y) || Math.abs(y) > 1e6) {
        return java.util.Optional.empty();
      }
      if (values.merge(y == 0 ? 0.0 : y, 1, Integer::sum) == 1 && values.size() > MOST_CODES) {
        return java.util.Optional.empty();
      }
    }
    long low = values.firstKey().longValue();
    long high = values.lastKey().longValue();
    String target = Excerpt.of(train.targetNames().get(0));
    if (values.size() == 2) {
      return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s: the target \"%s\" holds only the whole"
          + " numbers %d and %d, read as a regression (task: regression is the default); if they are classes, set"
          + " task: classification%s on the source, for a class loss and accuracy", train.source(), target, low, high,
          // a classification reads a number as a class index, from 0, unless told to read the values as names
          low == 0 && high == 1 ? "" : " and labels: names (they are not the class indices 0 and 1)"));
    }
    boolean codes = values.size() >= 3 && low == 0 && high + 1 == values.size()
        && values.values().stream().allMatch(rows -> rows >= 2);
    return !codes ? java.util.Optional.empty() : java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s: the"
        + " target \"%s\" holds only the whole numbers %d to %d, every one of them, read as a regression (task:"
        + " regression is the default); if they are class codes, set task: classification on the source, for a class"
        + " loss and accuracy", train.source(), target, low, high));
  }

  /** The most values a target may take and still be taken for class codes by {@link #classCodes}. */
  static final int MOST_CODES = 100;

  /** How far from 0 a target may lie (in mean or spread) before a run suggests standardizing it. */
  static final double LARGE_TARGET = 3;

  /**
   * A note for a regression whose targets lie far from 0, in mean or spread ({@value #LARGE_TARGET} or more):
   * a network's outputs start near 0 and move by small steps, so it spends many epochs only reaching their scale,
   * which {@code data.standardize-targets} avoids. Names the target of largest scale; empty when none is large.
   */
  static java.util.Optional<String> largeTargets(Dataset train) {
    Standardizer moments;
    try {
      moments = Standardizer.fitTargets(train);
    } catch (dev.nn.core.data.DataException e) {
      // targets beyond float64's arithmetic: the note says so rather than suggest standardizing them
      return java.util.Optional.of(e.getMessage());
    }
    java.util.Optional<String> large = largeTarget(train, moments);
    if (large.isEmpty()) {
      return smallTargets(train, moments.means(), moments.stds());
    }
    return java.util.Optional.of(train.source() + ": " + large.get() + " on the training split; a network's outputs"
        + " start near 0, so training spends epochs reaching that scale. data.standardize-targets: true trains on"
        + " standardized targets and still predicts in the targets' units");
  }

  /**
   * What a regression's divergence adds when its targets were left unstandardized by default and lie far from 0: errors
   * of their scale make the first updates large, which standardizing them ends (diabetes diverged under plain SGD at
   * the default rate and at a tenth of it, and trained at the default rate with its targets standardized). Empty
   * for targets of a network's scale.
   */
  static java.util.Optional<String> divergenceAdvice(Dataset train) {
    try {
      return largeTarget(train, Standardizer.fitTargets(train)).map(large -> large + ", far from the scale of a"
          + " network's outputs, and errors that large make large updates: set data.standardize-targets: true, which"
          + " trains on standardized targets and predicts in their units");
    } catch (dev.nn.core.data.DataException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * "the target "y" has mean 152.1 and standard deviation 77.06", naming the target of largest scale and how many
   * others are large too, when one is at least {@value #LARGE_TARGET} in mean or spread; empty otherwise.
   */
  private static java.util.Optional<String> largeTarget(Dataset train, Standardizer moments) {
    double[] means = moments.means();
    double[] stds = moments.stds();
    int largest = 0;
    int large = 0;
    for (int j = 0; j < means.length; j++) {
      double scale = Math.max(Math.abs(means[j]), stds[j]);
      large += scale >= LARGE_TARGET ? 1 : 0;
      if (scale > Math.max(Math.abs(means[largest]), stds[largest])) {
        largest = j;
      }
    }
    if (large == 0) {
      return java.util.Optional.empty();
    }
    String others = large == 1 ? "" : " (" + dev.nn.core.text.Counted.of(large - 1, "other target", "other targets")
        + " as large)";
    return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the target \"%s\" has mean %.4g and standard"
        + " deviation %.4g%s", Excerpt.of(train.targetNames().get(largest)), means[largest], stds[largest], others));
  }

  /**
   * A note for a classification of many classes with few training rows each: more than {@value #MANY_CLASSES} classes
   * and fewer than {@value #FEW_ROWS_A_CLASS} rows a class on average, or fewer training rows than classes however
   * many (some class then has none). A quantity read as class names (a price under {@code labels: names}) looks so,
   * and trains a classifier of its every value without a word; a real data set of so many rare classes learns little
   * of each too. Empty otherwise.
   */
  static java.util.Optional<String> fewRowsPerClass(Dataset train) {
    int classes = train.classCount();
    boolean few = classes > MANY_CLASSES ? train.size() < FEW_ROWS_A_CLASS * classes : train.size() < classes;
    if (train.targetNames().size() != 1 || classes <= 2 || !few) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s: the target \"%s\" holds %,d classes for"
        + " %,d training rows (%.1f rows a class): a network learns little of a class from so few rows; if the column"
        + " holds a quantity, set task: regression on the source", train.source(),
        Excerpt.of(train.targetNames().get(0)), classes, train.size(), (double) train.size() / classes));
  }

  /** How many classes {@link #fewRowsPerClass} takes for many. */
  static final int MANY_CLASSES = 50;

  /** The average rows a class below which {@link #fewRowsPerClass} speaks. */
  static final int FEW_ROWS_A_CLASS = 5;

  /**
   * A note for class labels that differ only in case ({@code setosa}, {@code Setosa}): they are two classes, as
   * written, but most often one class typed two ways, which halves its rows and adds an output nothing tells apart.
   * Names the first such pair and how many there are; empty when there is none.
   */
  static java.util.Optional<String> labelsAlikeButForCase(Dataset train) {
    return alikeButForCase(train.classLabels()).map(pairs -> train.source() + ": the class labels " + pairs
        + " differ only in case, and are different classes; if they are one class, write it one way in the file");
  }

  /** The same for the words of one-hot columns ({@code Red}, {@code red}): two categories, most often one. */
  static java.util.Optional<String> wordsAlikeButForCase(OneHot oneHot, Dataset train) {
    for (java.util.Map.Entry<String, List<String>> column : oneHot.words().entrySet()) {
      java.util.Optional<String> pairs = alikeButForCase(column.getValue());
      if (pairs.isPresent()) {
        return java.util.Optional.of(train.source() + ": the words " + pairs.get() + " of one-hot column \""
            + Excerpt.of(column.getKey()) + "\" differ only in case, and are different categories; if they are one,"
            + " write it one way in the file");
      }
    }
    return java.util.Optional.empty();
  }

  /** The first pair of {@code words} equal but for case, quoted, and how many pairs more; empty when none is. */
  private static java.util.Optional<String> alikeButForCase(List<String> words) {
    java.util.Map<String, String> byFolded = new java.util.HashMap<>();
    String first = null;
    int pairs = 0;
    for (String word : words) {
      String before = byFolded.putIfAbsent(word.toLowerCase(java.util.Locale.ROOT), word);
      if (before != null) {
        pairs++;
        if (first == null) {
          first = "\"" + Excerpt.of(before) + "\" and \"" + Excerpt.of(word) + "\"";
        }
      }
    }
    return first == null ? java.util.Optional.empty() : java.util.Optional.of(first + (pairs == 1 ? "" : " (and "
        + dev.nn.core.text.Counted.of(pairs - 1, "other pair", "other pairs") + ")"));
  }

  /** How far from 0 an input may reach before a run that does not standardize its inputs says so. */
  static final double LARGE_INPUT = 1e3;

  /**
   * A note for inputs left unstandardized ({@code data.standardize: false}) of which one reaches {@value #LARGE_INPUT}
   * or more from 0: weights drawn for inputs near 1 then saturate the first layer or make updates that large, and
   * the run ends "completed" having learned little (iris with a column times 1e6 kept a loss of 5e4 and an accuracy
   * of 0.4 without a word). Names the input that reaches farthest; empty when none is large.
   */
  static java.util.Optional<String> largeInputs(Dataset train) {
    int largest = -1;
    double reach = 0;
    int large = 0;
    // each column's value farthest from 0, with its sign; read row by row, as the rows lie in memory (column by column,
    // MNIST's 60,000 rows of 784 took most of a second)
    double[] farthest = new double[train.featureCount()];
    for (int i = 0; i < train.size(); i++) {
      for (int j = 0; j < farthest.length; j++) {
        double v = train.x(i, j);
        farthest[j] = Math.abs(v) > Math.abs(farthest[j]) ? v : farthest[j];
      }
    }
    for (int j = 0; j < farthest.length; j++) {
      double column = farthest[j];
      if (Math.abs(column) >= LARGE_INPUT) {
        large++;
        if (Math.abs(column) > Math.abs(reach)) {
          reach = column;
          largest = j;
        }
      }
    }
    if (largest < 0) {
      return java.util.Optional.empty();
    }
    String others = large == 1 ? "" : " (" + dev.nn.core.text.Counted.of(large - 1, "other input reaches",
        "other inputs reach") + " " + dev.nn.core.text.Significant.of(LARGE_INPUT, 4) + " or more too)";
    return java.util.Optional.of(train.source() + ": the input \"" + Excerpt.of(train.featureNames().get(largest))
        + "\" reaches " + dev.nn.core.text.Significant.of(reach, 4) + " on the training split" + others
        + ", and data.standardize is false: a network's weights start at the scale of inputs near 1, so inputs this large saturate its first layer or"
        + " make its updates as large, and training may learn little. data.standardize: true (the default)"
        + " standardizes the inputs, and the model applies it to what it predicts");
  }

  /** How small a target's spread may be (with its mean as small) before a run suggests standardizing it. */
  static final double SMALL_TARGET = 1e-3;

  /**
   * The note for the other end: a target whose values are all within {@value #SMALL_TARGET} of 0 (a spread of 1e-9,
   * say). The network's first outputs are of the order of 0.1, so its errors are those of its start and a figure such
   * as R² says nothing for many epochs. Empty when no target is so small (a constant column has spread 1 here).
   */
  private static java.util.Optional<String> smallTargets(Dataset train, double[] means, double[] stds) {
    for (int j = 0; j < means.length; j++) {
      if (Math.max(Math.abs(means[j]), stds[j]) < SMALL_TARGET) {
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s: the target \"%s\" has mean %.4g and"
            + " standard deviation %.4g on the training split, far below the size of a network's first outputs, so"
            + " training spends epochs shrinking them. data.standardize-targets: true trains on standardized targets"
            + " and still predicts in the targets' units", train.source(), Excerpt.of(train.targetNames().get(j)),
            means[j], stds[j]));
      }
    }
    return java.util.Optional.empty();
  }
}
