package dev.nn.core.data;

/**
 * What the preparation of a run's data ({@code dev.nn.core.experiment}) does with data sets it read itself,
 * without copying their arrays: a split that moves the rows in place when nothing is held out, standardisation
 * in place, inputs that are also the targets, and the arrays lent to the flat samples the trainer reads. So a
 * run holds its inputs once, in the layout the trainer reads.
 *
 * <p>Not API. The methods that take a data set over trust their caller that it alone holds it and uses only
 * what it gets back; {@link #lend} trusts it that nobody writes to the arrays it lends.
 */
public final class OwnedData {
  private OwnedData() {}

  /**
   * The arrays of a data set, lent rather than copied: n × d inputs and n × k targets, row-major, exactly n
   * rows long.
   *
   * @param <T> what is made of them
   */
  @FunctionalInterface
  public interface Rows<T> {
    /** What to make of the arrays; they must not be modified. */
    T of(double[] x, double[] y, int rows, int inputs, int outputs);
  }

  /**
   * The arrays of a data set whose inputs are held as floats ({@link Dataset#inputPrecision()}), lent as {@link
   * Rows} are.
   *
   * @param <T> what is made of them
   */
  @FunctionalInterface
  public interface FloatRows<T> {
    /** What to make of the arrays; they must not be modified. */
    T of(float[] x, double[] y, int rows, int inputs, int outputs);
  }

  /**
   * Hands the arrays of {@code data} (not copies) to {@code doubles} or {@code floats}, as its inputs are held: for
   * reading only, for as long as they are used.
   */
  public static <T> T lend(Dataset data, Rows<T> doubles, FloatRows<T> floats) {
    return data.lend(doubles, floats);
  }

  /**
   * {@link #lend(Dataset, Rows, FloatRows)} for a data set whose inputs are held as doubles.
   *
   * @throws IllegalStateException when they are held as floats
   */
  public static <T> T lend(Dataset data, Rows<T> to) {
    return data.lend(to, (x, y, rows, inputs, outputs) -> {
      throw new IllegalStateException(data.source() + ": the inputs are held as floats, not doubles");
    });
  }

  /**
   * {@link Splits#split}, taking {@code data} over: when no row is held out, the training part is {@code data}'s
   * own arrays with their rows moved into the split's order; otherwise every part is a copy of its rows, and
   * {@code data} can be dropped as soon as this returns. Either way {@code data} must no longer be used.
   */
  public static Splits.Split split(Dataset data, double validation, double test, long seed, boolean stratify) {
    return Splits.split(data, validation, test, seed, true, stratify);
  }

  /** {@link #split(Dataset, double, double, long, boolean)} naming the hold-outs in messages as {@code named}. */
  public static Splits.Split split(Dataset data, double validation, double test, long seed, boolean stratify,
      Splits.Named named) {
    return split(data, validation, test, seed, stratify, named, false);
  }

  /**
   * {@link #split(Dataset, double, double, long, boolean, Splits.Named)}, the training rows in {@code data}'s order
   * when {@code trainInFileOrder}.
   */
  public static Splits.Split split(Dataset data, double validation, double test, long seed, boolean stratify,
      Splits.Named named, boolean trainInFileOrder) {
    return Splits.split(data, validation, test, seed, true, stratify, named, trainInFileOrder);
  }

  /**
   * {@link Standardizer#transform(Dataset)} in place: standardises the inputs of {@code data}, which the caller
   * alone holds, and returns it.
   */
  public static Dataset standardize(Standardizer scaler, Dataset data) {
    return scaler.transformInPlace(data);
  }

  /**
   * Fills the inputs that {@code missing: mean} left missing ({@link CsvReader#leavingMissingValues()}) in
   * {@code train} and the held-out sets (null ones skipped), all held by the caller alone, in place, with the
   * means of {@code train}'s columns: held-out rows never inform training.
   *
   * @throws DataException for a column with a missing value and no value in any training row
   */
  public static void fillMissing(Dataset train, Dataset validation, Dataset test) {
    MeanFill.fillFromTraining(train, java.util.Arrays.asList(validation, test));
  }

  /**
   * The same rows as a regression whose targets are the inputs (named as the features): what an autoencoder
   * learns. The result shares {@code data}'s input array, once, for inputs and targets.
   */
  public static Dataset reconstruction(Dataset data) {
    return data.inputsAsTargets();
  }
}
