package dev.nn.core.data;

import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import java.util.Arrays;

/**
 * Seeded shuffles and the split of one dataset into training, validation and test rows.
 *
 * <p>{@link #split} shuffles the row numbers with the {@link RandomStream#SPLIT} stream of {@code seed}, then takes the test rows first, then the validation rows out of what is left (the training
 * part), and keeps the rest for training:
 *
 * <pre>
 *   test       = round(test × n)                      rows, at least 1 if test &gt; 0
 *   validation = round(validation × (n − test))        rows, at least 1 if validation &gt; 0
 *   train      = n − test − validation                 rows, at least 1
 * </pre>
 *
 * <p>For example, 1000 rows with {@code test 0.2} and {@code validation 0.1} give 200 test, 80 validation and
 * 720 training rows. Every row lands in exactly one part.
 *
 * <p>Stratified ({@code data.stratify: true}, a classification only), the same counts are taken from the
 * permutation reordered so that every stretch of it holds each class in its share: a row that is the i-th of its
 * class's n_c rows (in the permutation's order) gets the key (i + ½)/n_c, and the rows are taken by key, ties by
 * class. Each part then holds each class's share of its rows to within one or two, as scikit-learn's
 * {@code train_test_split(stratify=y)} aims to.
 */
public final class Splits {
  private Splits() {}

  /**
   * The three parts of a dataset.
   *
   * @param train the rows to fit on
   * @param validation rows held out of training, for early stopping and model choice; may be empty
   * @param test rows used once at the end; may be empty
   * @param validationRows the row numbers (from 0, in the data split) of {@code validation}'s rows, in its order
   * @param testRows the row numbers of {@code test}'s rows, in its order
   */
  public record Split(Dataset train, Dataset validation, Dataset test, int[] validationRows, int[] testRows) {}

  /**
   * How a message names the hold-outs: {@code test} and {@code validation} as the caller wrote them, such as
   * {@code "data.test 0.2"} and {@code "data.validation 0.15"} for an experiment's keys, whose validation fraction
   * is of all rows where {@link #split} takes one of the rest.
   */
  public record Named(String test, String validation) {
    /** The Java API's figures: the fractions as passed. */
    static Named of(double validation, double test) {
      return new Named("test " + test, "validation " + validation);
    }
  }

  /** "1 row", "2 rows". */
  static String rows(int n) {
    return n + (n == 1 ? " row" : " rows");
  }

  /** All rows of {@code data} in a seeded random order: the order {@link #split} takes its parts from. */
  public static Dataset shuffle(Dataset data, long seed) {
    dev.nn.core.text.Required.of(data, "data", "the data set to shuffle");
    return data.rows(Rng.permutation(data.size(), RandomStream.SPLIT.generator(seed)));
  }

  /**
   * Splits {@code data} as described on this class.
   *
   * @param validation fraction of the training part (what is left after the test rows), in [0, 1)
   * @param test fraction of all rows, in [0, 1)
   * @throws IllegalArgumentException if a fraction is outside [0, 1)
   * @throws DataException if no training row would be left
   */
  public static Split split(Dataset data, double validation, double test, long seed) {
    return split(data, validation, test, seed, false, false);
  }

  /** {@link #split(Dataset, double, double, long)}, stratified by class when {@code stratify}. */
  public static Split split(Dataset data, double validation, double test, long seed, boolean stratify) {
    return split(data, validation, test, seed, false, stratify);
  }

  /** {@link #split(Dataset, double, double, long, boolean)} naming the hold-outs in messages as {@code named}. */
  public static Split split(Dataset data, double validation, double test, long seed, boolean stratify, Named named) {
    return split(data, validation, test, seed, false, stratify, named, false);
  }

  /**
   * {@link #split(Dataset, double, double, long, boolean, Named)}; when {@code trainInFileOrder}, the training part
   * holds its rows in {@code data}'s order rather than the permutation's (for {@code training.shuffle: false}:
   * the split still chooses which rows are held out, but training visits the rest as the file has them).
   */
  public static Split split(Dataset data, double validation, double test, long seed, boolean stratify, Named named,
      boolean trainInFileOrder) {
    return split(data, validation, test, seed, false, stratify, named, trainInFileOrder);
  }

  /**
   * {@link #split(Dataset, double, double, long)}; when {@code owned} — the caller alone holds {@code data} and
   * drops it — and no row is held out, the training part takes {@code data}'s arrays with the rows moved into
   * the split's order instead of a copy of them.
   */
  static Split split(Dataset data, double validation, double test, long seed, boolean owned, boolean stratify) {
    return split(data, validation, test, seed, owned, stratify, Named.of(validation, test), false);
  }

  /**
   * {@link #split(Dataset, double, double, long, boolean, boolean)} naming the hold-outs as {@code named}, the
   * training rows in {@code data}'s order when {@code trainInFileOrder}.
   */
  static Split split(Dataset data, double validation, double test, long seed, boolean owned, boolean stratify,
      Named named, boolean trainInFileOrder) {
    requireFraction("validation", validation);
    requireFraction("test", test);
    int n = data.size();
    int nTest = count(test, n);
    int nValidation = count(validation, n - nTest);
    int nTrain = n - nTest - nValidation;
    if (n == 0) {
      // nothing to split: the hold-outs' fractions, which a caller may not have written, are beside the point
      throw new DataException(data.source() + ": the data set has no rows; training needs at least 1");
    }
    if (nTrain < 1) {
      throw new DataException(
          data.source() + ": " + rows(n) + (n == 1 ? " is" : " are") + " too few to split into " + named.test() + " ("
              + rows(nTest) + "), " + named.validation() + " (" + rows(nValidation) + ") and at least 1 training row");
    }
    int[] order = Rng.permutation(n, RandomStream.SPLIT.generator(seed));
    if (stratify) {
      order = interleaved(data, order);
    }
    if (owned && nTrain == n) {
      Dataset none = data.rows(new int[0]);
      return new Split(trainInFileOrder ? data : data.reorderInPlace(order), none, none, new int[0], new int[0]);
    }
    int[] validationRows = Arrays.copyOfRange(order, nTest, nTest + nValidation);
    int[] testRows = Arrays.copyOfRange(order, 0, nTest);
    return new Split(
        data.rows(trainRows(Arrays.copyOfRange(order, nTest + nValidation, n), trainInFileOrder)),
        data.rows(validationRows), data.rows(testRows), validationRows, testRows);
  }

  /**
   * Fold {@code fold} of {@code folds} of {@code data} as the test part, for cross-validation: the rows in the
   * order {@link #split} takes them (the same seed, the same order) are cut into {@code folds} runs of sizes that
   * differ by at most one, run {@code fold} is the test part, and the validation part is split off the rows left,
   * from their start, as {@link #split} splits it off the rows its test part leaves. With one seed, the folds
   * {@code 0 … folds − 1} hold every row as test data exactly once.
   *
   * <p>A classification's folds are stratified: the rows, in that order, are dealt out class by class, the first
   * class's rows then the next's, to folds 0, 1, …, k − 1, 0, 1, … in turn, so every fold holds each class's rows
   * to within one, and the folds' sizes still differ by at most one. A test fold of a rare class then holds its
   * share of that class, as scikit-learn's {@code StratifiedKFold} keeps it.
   *
   * @param validation fraction of the rows the fold leaves, in [0, 1)
   * @throws IllegalArgumentException for a fold outside [0, folds), or a fraction outside [0, 1)
   * @throws DataException if a fold would be empty, or no training row would be left
   */
  public static Split fold(Dataset data, int fold, int folds, double validation, long seed) {
    return fold(data, fold, folds, validation, seed, false);
  }

  /**
   * {@link #fold(Dataset, int, int, double, long)}; when {@code stratify}, the validation part is also taken by
   * class, from the rows the fold leaves reordered as {@link #split} reorders them.
   */
  public static Split fold(Dataset data, int fold, int folds, double validation, long seed, boolean stratify) {
    return fold(data, fold, folds, validation, seed, stratify,
        new Named("", "validation " + validation + " of the rest"));
  }

  /**
   * {@link #fold(Dataset, int, int, double, long, boolean)} naming the validation hold-out as {@code named} (its
   * test figure is unused: the fold names itself).
   */
  public static Split fold(Dataset data, int fold, int folds, double validation, long seed, boolean stratify,
      Named named) {
    return fold(data, fold, folds, validation, seed, stratify, named, false);
  }

  /**
   * {@link #fold(Dataset, int, int, double, long, boolean, Named)}, the training rows in {@code data}'s order when
   * {@code trainInFileOrder}, as for {@link #split(Dataset, double, double, long, boolean, Named, boolean)}.
   */
  public static Split fold(Dataset data, int fold, int folds, double validation, long seed, boolean stratify,
      Named named, boolean trainInFileOrder) {
    requireFraction("validation", validation);
    if (folds < 2 || fold < 0 || fold >= folds) {
      throw new IllegalArgumentException("fold " + fold + " of " + folds + ": need 2 or more folds, 0 <= fold < folds");
    }
    int n = data.size();
    if (n < folds) {
      throw new DataException(data.source() + ": " + n + (n == 1 ? " row is" : " rows are") + " too few for " + folds
          + " folds; each fold needs a row at least");
    }
    int[] order = Rng.permutation(n, RandomStream.SPLIT.generator(seed));
    int[] foldOf = data.task() == Task.CLASSIFICATION ? stratifiedFolds(data, order, folds) : runs(n, folds);
    int nTest = 0;
    for (int p = 0; p < n; p++) {
      nTest += foldOf[p] == fold ? 1 : 0;
    }
    int nValidation = count(validation, n - nTest);
    if (n - nTest - nValidation < 1) {
      throw new DataException(data.source() + ": " + rows(n) + (n == 1 ? " is" : " are") + " too few for fold " + fold
          + " of " + folds + " (" + rows(nTest) + "), " + named.validation() + " (" + rows(nValidation)
          + ") and at least 1 training row");
    }
    // the fold's rows and the rest, each in the permutation's order
    int[] test = new int[nTest];
    int[] rest = new int[n - nTest];
    for (int p = 0, t = 0, r = 0; p < n; p++) {
      if (foldOf[p] == fold) {
        test[t++] = order[p];
      } else {
        rest[r++] = order[p];
      }
    }
    if (stratify) {
      rest = interleaved(data, rest);
    }
    int[] validationRows = Arrays.copyOfRange(rest, 0, nValidation);
    return new Split(
        data.rows(trainRows(Arrays.copyOfRange(rest, nValidation, rest.length), trainInFileOrder)),
        data.rows(validationRows), data.rows(test), validationRows, test);
  }

  /**
   * {@code rows} reordered so that every stretch holds each class in its share: the i-th of class c's n_c rows (in
   * the order given) takes the key (i + ½)/n_c, and rows go by key, ties by class.
   *
   * @throws DataException when {@code data} is not a classification
   */
  static int[] interleaved(Dataset data, int[] rows) {
    if (data.task() != Task.CLASSIFICATION) {
      throw new DataException(data.source() + ": data.stratify splits by class, but the task is "
          + data.task().label() + "; it applies to a classification only");
    }
    int classes = data.classCount();
    int[] size = new int[classes];
    for (int row : rows) {
      size[data.classOf(row)]++;
    }
    int[] seen = new int[classes];
    double[] key = new double[rows.length];
    Integer[] at = new Integer[rows.length];
    for (int p = 0; p < rows.length; p++) {
      int c = data.classOf(rows[p]);
      key[p] = (seen[c]++ + 0.5) / size[c];
      at[p] = p;
    }
    Arrays.sort(at, (a, b) -> key[a] != key[b] ? Double.compare(key[a], key[b])
        : Integer.compare(data.classOf(rows[a]), data.classOf(rows[b])));
    int[] out = new int[rows.length];
    for (int p = 0; p < rows.length; p++) {
      out[p] = rows[at[p]];
    }
    return out;
  }

  /** The training part's row numbers: as drawn, or sorted into the file's order. */
  private static int[] trainRows(int[] rows, boolean inFileOrder) {
    if (inFileOrder) {
      Arrays.sort(rows);
    }
    return rows;
  }

  /** For each position of the permutation, its fold: {@code folds} consecutive runs of sizes within one. */
  private static int[] runs(int n, int folds) {
    int[] foldOf = new int[n];
    for (int f = 0; f < folds; f++) {
      for (int p = (int) ((long) f * n / folds); p < (int) ((long) (f + 1) * n / folds); p++) {
        foldOf[p] = f;
      }
    }
    return foldOf;
  }

  /**
   * For each position of the permutation {@code order}, its fold: the positions of class 0's rows, in order, then
   * class 1's, and so on, dealt to folds 0 … folds − 1 in turn.
   */
  private static int[] stratifiedFolds(Dataset data, int[] order, int folds) {
    int n = order.length;
    int[] classOf = new int[n];
    for (int p = 0; p < n; p++) {
      classOf[p] = data.classOf(order[p]);
    }
    int[] foldOf = new int[n];
    int dealt = 0;
    for (int c = 0; c < data.classCount(); c++) {
      for (int p = 0; p < n; p++) {
        if (classOf[p] == c) {
          foldOf[p] = dealt++ % folds;
        }
      }
    }
    return foldOf;
  }

  private static int count(double fraction, int of) {
    if (fraction == 0 || of == 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(of, Math.round(fraction * of)));
  }

  private static void requireFraction(String name, double f) {
    if (!(f >= 0 && f < 1)) {
      throw new IllegalArgumentException(name + " fraction must be in [0, 1), found " + f);
    }
  }
}
