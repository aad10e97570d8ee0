package dev.nn.core.config;

import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.Task;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** Where samples come from: {@code {source: generator | csv | idx | spark, ...}}. */
public sealed interface SourceSpec {

  /** The word after {@code source:}. */
  String source();

  /**
   * Samples made by a named generator.
   *
   * @param generator the generator's name and its settings (everything but {@code source}, {@code name}
   *     and {@code samples}), which the generator validates itself
   * @param samples how many samples to make, {@code >= 1}
   */
  record Generator(PluginRef generator, int samples) implements SourceSpec {

    /** Checks for {@code null}. */
    public Generator {
      Objects.requireNonNull(generator, "generator");
    }

    @Override
    public String source() {
      return "generator";
    }
  }

  /**
   * A CSV file with a header row.
   *
   * @param path the file
   * @param targets the target columns, each {@code last}, {@code first}, a column name from the header or a
   *     0-based index: one for classification, one or more for regression (a model with one output per target)
   * @param task whether the targets are real numbers or a class label
   * @param options the feature columns, the missing-value policy and the index column
   * @param where where the source was written
   * @param taskWritten whether the file wrote {@code task} (or took it from the source it is held out of), rather
   *     than left it to its default, regression: which notes are for; not part of what the source means, so
   *     {@link #equals} leaves it out
   */
  record Csv(PathRef path, List<String> targets, Task task, CsvOptions options, Position where, boolean taskWritten)
      implements SourceSpec {

    /** Checks for {@code null} and that classification has one target; copies. */
    public Csv {
      Objects.requireNonNull(path, "path");
      targets = List.copyOf(targets);
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(where, "where");
      if (targets.isEmpty() || task == Task.CLASSIFICATION && targets.size() != 1) {
        throw new IllegalArgumentException((task == Task.CLASSIFICATION ? "classification reads one target column"
            : "regression reads one or more target columns") + ", found " + targets.size());
      }
    }

    /** A source whose task was chosen, as a source made in code always is. */
    public Csv(PathRef path, List<String> targets, Task task, CsvOptions options, Position where) {
      this(path, targets, task, options, where, true);
    }

    /** A source with one target column. */
    public Csv(PathRef path, String target, Task task, CsvOptions options, Position where) {
      this(path, List.of(target), task, options, where);
    }

    /** Equal as the record would be, but for {@link #taskWritten}, which says how the file put it, not what it reads. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Csv c && path.equals(c.path) && targets.equals(c.targets) && task == c.task
          && options.equals(c.options) && where.equals(c.where);
    }

    @Override
    public int hashCode() {
      return Objects.hash(path, targets, task, options, where);
    }

    /** A source with one target column, every other column a feature, and missing values refused. */
    public Csv(PathRef path, String target, Task task, Position where) {
      this(path, target, task, CsvOptions.DEFAULTS, where);
    }

    @Override
    public String source() {
      return "csv";
    }
  }

  /**
   * IDX files (the MNIST format), optionally gzip-compressed: an image file and its label file, or a data set
   * stored in several such pairs (shards), read in order as one.
   *
   * @param images the image files, one or more
   * @param labels the label files, as many as image files
   * @param limit how many samples to read at most; empty for all
   * @param classes how many classes the labels name: each label is 0 … classes−1 (10 unless the source says)
   * @param where where the source was written
   */
  record Idx(List<PathRef> images, List<PathRef> labels, OptionalInt limit, Task task, int classes, Position where)
      implements SourceSpec {
    /** The classes an IDX source has unless it says: MNIST's and Fashion-MNIST's ten. */
    public static final int DEFAULT_CLASSES = 10;
    /** The most classes an IDX label file can name: its labels are unsigned bytes. */
    public static final int MAX_CLASSES = 256;

    /** Checks for {@code null}, that there is a label file for each image file, and the classes; copies. */
    public Idx {
      images = List.copyOf(images);
      labels = List.copyOf(labels);
      if (images.isEmpty() || images.size() != labels.size()) {
        throw new IllegalArgumentException("need one label file per image file, at least one");
      }
      if (classes < 2 || classes > MAX_CLASSES) {
        throw new IllegalArgumentException("classes must be in 2.." + MAX_CLASSES + ", found " + classes);
      }
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(where, "where");
    }

    @Override
    public String source() {
      return "idx";
    }
  }

  /**
   * A table that Apache Spark reads where it lies — Parquet, CSV, JSON or ORC, at any path Hadoop understands
   * ({@code hdfs:}, {@code s3a:}, {@code file:}, …) — for a distributed run. Its rows never come to the
   * process that runs the experiment.
   *
   * @param format Spark's data source name: {@code parquet}, {@code csv}, {@code json} or {@code orc}
   * @param location the path or URI as Spark takes it; a path without a scheme is made absolute against the
   *     experiment file's folder
   * @param target the target column
   * @param features the feature columns, in order; empty for every column but the target
   * @param task whether the target is a real number or a class label
   * @param where where the source was written
   */
  record Spark(String format, String location, String target, List<String> features, Task task, Position where)
      implements SourceSpec {

    /** The formats Spark reads without extra packages. */
    public static final List<String> FORMATS = List.of("parquet", "csv", "json", "orc");

    /** Whether {@code written} is a URI with a scheme ({@code hdfs://…}, {@code file:…}) rather than a plain path. */
    static boolean hasScheme(String written) {
      return written.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    }

    /**
     * The table's place on this machine's file system: a plain path (the parser made it absolute) or a
     * {@code file:} URI; empty for a table elsewhere ({@code hdfs://}, {@code s3a://}).
     */
    public java.util.Optional<java.nio.file.Path> localPath() {
      try {
        return !hasScheme(location) ? java.util.Optional.of(java.nio.file.Path.of(location))
            : location.startsWith("file:") ? java.util.Optional.of(java.nio.file.Path.of(java.net.URI.create(location)))
            : java.util.Optional.empty();
      } catch (RuntimeException e) { // a file: URI Path cannot take
        return java.util.Optional.empty();
      }
    }

    /** Checks for {@code null}; copies. */
    public Spark {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(where, "where");
      features = List.copyOf(features);
    }

    @Override
    public String source() {
      return "spark";
    }
  }
}
