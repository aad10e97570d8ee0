package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.core.config.DataSpec;
import dev.nn.core.config.HoldOut;
import dev.nn.core.config.PathRef;
import dev.nn.core.config.SourceSpec;
import dev.nn.core.data.CategoryWords;
import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Generators;
import dev.nn.core.data.IdxReader;
import dev.nn.core.data.OneHot;
import dev.nn.core.data.OwnedData;
import dev.nn.core.random.RandomStream;
import dev.nn.core.data.Splits;
import dev.nn.core.data.Standardizer;
import dev.nn.core.data.Task;
import dev.nn.core.kernel.Precision;
import dev.nn.core.text.Excerpt;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Reads an experiment's data sources, splits them (validation from training; test from its own source or
 * a split), fits the standardizer on the training split only, and encodes class targets the way the loss
 * needs them. Generated sources and the split draw from the experiment seed's {@link RandomStream}s.
 * Data held in memory ({@link InMemoryData}) goes through the same steps after the reading.
 *
 * <p>Data read from the sources is held once: the parts the split makes are copies of their rows (or, when it
 * holds nothing out, the rows as read, moved in place), standardised in place, and the trainer's samples
 * ({@link PreparedData#trainSamples()}) read the same arrays. The rows as read are garbage once split. Data a
 * caller holds is never changed: the split and the standardizer copy it.
 *
 * <p>The inputs end up held in the experiment's precision ({@code compute.precision}). A float32 run that does not
 * standardise reads them straight into floats, and a caller's data is rounded to floats as it is copied; one that
 * standardises holds them as doubles until they are standardised, and rounds the standardised values, as a
 * model's predictions do ({@link #readPrecision}). The one exception is a reconstruction task, whose inputs are
 * also its targets: held as doubles, they are one array for both, where floats would need a double copy for the
 * targets.
 */
public final class DataPreparation implements Provider<PreparedData> {
  private final Experiment experiment;
  private final Loss loss;
  /** The network's activations, which a fine-tuning's model is checked against with its data; or {@code null}. */
  private final List<dev.nn.core.model.PluginUse> activations;

  @Inject
  DataPreparation(Experiment experiment, RunPlugins plugins) {
    // the plugin's own loss: the run's Loss binding may weigh classes, which needs this data first
    this(experiment, plugins.loss(), plugins.activationUses());
  }

  /** Prepares the experiment's data for {@code loss}'s targets. */
  DataPreparation(Experiment experiment, Loss loss) {
    this(experiment, loss, null);
  }

  private DataPreparation(Experiment experiment, Loss loss, List<dev.nn.core.model.PluginUse> activations) {
    this.experiment = experiment;
    this.loss = loss;
    this.activations = activations;
  }

  /** The experiment's data, prepared for its loss. */
  @Override
  public PreparedData get() {
    List<String> notes = new ArrayList<>();
    Precision inputs = inputPrecision(experiment, reconstructs(experiment.data().train()));
    // each file's SHA-256 before it is read and after: what provenance records is the data the run trains on, and a
    // file written meanwhile (a swap as the parse ends) is refused, where it was recorded as it was afterwards
    Map<Path, String> before = new LinkedHashMap<>();
    for (Path f : sourceFiles(experiment.data())) {
      if (!Files.isRegularFile(f)) {
        continue; // a named pipe or a device: opened to be hashed, it would block; the reader refuses it
      }
      try {
        before.put(f, dev.nn.core.io.Sha256.of(f));
      } catch (java.io.UncheckedIOException unreadable) {
        // the reading says why, in its words
      }
    }
    PreparedData prepared = prepare(experiment, loss, activations, readSources(experiment.data(), experiment.seed(),
        inputs, notes));
    notes.addAll(prepared.notes());
    Map<Path, String> asRead = new LinkedHashMap<>();
    before.forEach((file, was) -> {
      String now = dev.nn.core.io.Sha256.of(file);
      if (!now.equals(was)) {
        throw new DataException(file + ": changed while it was read (SHA-256 " + was + " before, " + now + " after);"
            + " train once nothing writes to it");
      }
      asRead.put(file, now);
    });
    return prepared.withNotes(notes).withSha256(asRead);
  }

  /** The files the data section's csv and idx sources name, in the order they are read. */
  private static List<Path> sourceFiles(DataSpec data) {
    List<Path> files = new ArrayList<>();
    addSourceFiles(data.train(), "data.train", files);
    if (data.test() instanceof HoldOut.FromSource t) {
      addSourceFiles(t.source(), "data.test", files);
    }
    if (data.validation() instanceof HoldOut.FromSource v) {
      addSourceFiles(v.source(), "data.validation", files);
    }
    return files;
  }

  private static void addSourceFiles(SourceSpec source, String path, List<Path> files) {
    if (source instanceof SourceSpec.Csv csv) {
      files.add(requireExists(csv.path(), path + ".path"));
    } else if (source instanceof SourceSpec.Idx idx) {
      addIdxFiles(idx, path, new ArrayList<>(), new ArrayList<>(), files);
    }
  }

  /**
   * Checks an idx source's files as {@link #requireIdxFiles} does, adding each image file and then its labels to
   * {@code files}.
   */
  private static void addIdxFiles(SourceSpec.Idx idx, String path, List<Path> images, List<Path> labels,
      List<Path> files) {
    requireIdxFiles(idx, path, images, labels);
    for (int k = 0; k < images.size(); k++) {
      files.add(images.get(k));
      files.add(labels.get(k));
    }
  }

  /**
   * Prepares data already read — from the data section's sources, or held in memory by a caller — the one
   * way both take: hold-outs the data does not bring are split off by the data section's fractions (seeded
   * with the experiment's seed), class targets are encoded for the loss, the standardizer is fitted on the training split
   * when the section says {@code standardize}, and a reconstruction task gets its inputs as targets.
   *
   * @throws dev.nn.core.data.DataException when too few rows are left to train on
   * @throws ConfigException for targets that do not suit the loss, or hold-outs whose columns differ
   */
  static PreparedData prepare(Experiment experiment, Loss loss, RawData raw) {
    return prepare(experiment, loss, null, raw);
  }

  /**
   * {@link #prepare(Experiment, Loss, RawData)}; a fine-tuning's model is checked against the network's {@code
   * activations} (when given) with its data, so that every difference is told at once.
   */
  static PreparedData prepare(Experiment experiment, Loss loss, List<dev.nn.core.model.PluginUse> activations,
      RawData raw) {
    // samples a caller holds are what the caller gave: recorded as such, so that a resume can check them
    SamplesFromCode fromCode = raw.owned() ? null : SamplesFromCode.of(raw.train(), raw.validation());
    DataSpec spec = experiment.data();
    String lossName = experiment.loss().name();
    List<Path> files = raw.files();
    boolean reconstruction = raw.reconstruction();
    OneHot oneHot = null;
    java.util.Optional<String> idCategories = java.util.Optional.empty();
    java.util.Optional<String> casedWords = java.util.Optional.empty();
    if (!spec.oneHot().isEmpty()) {
      if (reconstruction) {
        throw new ConfigException(ConfigProblem.of(ProblemId.OUT_OF_RANGE, "data.one-hot", "one-hot encodes inputs of"
            + " classification or regression; a reconstruction's inputs are its targets", "no one-hot key"));
      }
      // the categories are those of all the training source's rows, so that no split meets one it lacks
      oneHot = OneHot.fit(raw.train(), spec.oneHot(), raw.categoryWords());
      idCategories = DataNotes.idCategories(oneHot, raw.train());
      casedWords = DataNotes.wordsAlikeButForCase(oneHot, raw.train());
      // a held-out source's columns are told apart by name before they are encoded, as without one-hot
      checkSameShape(raw.train(), raw.validation(), "data.validation", spec.validation());
      checkSameShape(raw.train(), raw.test(), "data.test", spec.test());
      raw = raw.encoded(oneHot);
    }
    if (!spec.standardizesTargets() && !reconstruction && raw.train().task() == Task.REGRESSION) {
      requireTrainableTargets(raw.train());
    }
    // a file's column whose task was left to its default, not a generator's targets (xor's 0/1 are the lecture's
    // squared-loss regression)
    java.util.Optional<String> classCodes = reconstruction || raw.train().task() != Task.REGRESSION
        || !(spec.train() instanceof dev.nn.core.config.SourceSpec.Csv csv) || csv.taskWritten()
        ? java.util.Optional.empty() : DataNotes.classCodes(raw.train());
    // standardised inputs are rounded to the run's precision once standardised (readPrecision); others first
    Precision inputs = inputPrecision(experiment, reconstruction);
    boolean roundsFirst = !spec.standardize();
    if (!raw.owned() && roundsFirst) {
      // a caller's values too large for float32 are named by the caller's row, before a split reorders the rows
      raw = raw.inPrecision(inputs);
    }
    // a hold-out the data brings wins; otherwise the section's split fraction applies (a source it names is
    // read by readSources, so for in-memory data a hold-out source of the section means none)
    double testFraction = raw.test() == null ? fraction(spec.test()) : 0;
    // a cross-validation's fold of the training rows, unless the data brings a test set
    HoldOut.Fold fold = raw.test() == null && spec.test() instanceof HoldOut.Fold f ? f : null;
    double validationFraction = raw.validation() == null ? fraction(spec.validation()) : 0;
    // the schema gives both fractions of all samples; Splits takes validation as a fraction of what the test leaves
    double testShare = fold != null ? 1.0 / fold.folds() : testFraction;
    double ofRemaining = testShare == 0 ? validationFraction : validationFraction / (1 - testShare);
    // data read from the sources is this preparation's own: the split moves its rows in place when it holds
    // nothing out. A caller's data stays the caller's: the split copies it.
    // a message names the keys and the fractions as the file wrote them, of all rows
    Splits.Named named = new Splits.Named("data.test " + testFraction, "data.validation " + validationFraction);
    // without shuffling, training visits its rows in the file's order; the split still draws the held-out rows
    boolean fileOrder = !experiment.training().shuffle();
    Splits.Split split = fold != null
        ? Splits.fold(raw.train(), fold.fold(), fold.folds(), ofRemaining, experiment.splitSeed(), spec.stratify(), named,
            fileOrder)
        : raw.owned()
            ? OwnedData.split(raw.train(), ofRemaining, testFraction, experiment.splitSeed(), spec.stratify(), named,
                fileOrder)
        : Splits.split(raw.train(), ofRemaining, testFraction, experiment.splitSeed(), spec.stratify(), named, fileOrder);
    Dataset train = split.train();
    requireSomeWeight(train);
    Dataset validation = validationFraction > 0 ? split.validation() : raw.validation();
    Dataset test = testFraction > 0 || fold != null ? split.test() : raw.test();
    // numbered as the file numbers its data rows, counting those missing: drop left out
    HeldOutRows heldOut = new HeldOutRows(validationFraction > 0 ? raw.sourceRows(split.validationRows()) : new int[0],
        testFraction > 0 || fold != null ? raw.sourceRows(split.testRows()) : new int[0]);
    if (raw.owned() && fillsMeans(spec)) {
      // missing: mean left NaN where a value was missing; data a caller holds is finite by construction
      OwnedData.fillMissing(train, validation, test);
    }
    // what this preparation owns may be standardised in place: the split's parts, whatever was read here, and
    // the copies made next
    boolean ownValidation = validationFraction > 0 || raw.owned() || roundsFirst && isConverted(validation, inputs);
    boolean ownTest = testFraction > 0 || fold != null || raw.owned() || roundsFirst && isConverted(test, inputs);
    if (roundsFirst) {
      // data read here is held in the run's precision already; a caller's is rounded to it in a copy of its own
      train = inPrecision(train, inputs);
      validation = inPrecision(validation, inputs);
      test = inPrecision(test, inputs);
    }
    // from here on nothing refers to the rows as read: a split that copied them leaves them to the collector
    raw = null;
    TargetKind kind = loss.targets();
    train = encode(train, kind, lossName, reconstruction);
    validation = validation == null ? null : encode(validation, kind, lossName, reconstruction);
    test = test == null ? null : encode(test, kind, lossName, reconstruction);
    checkSameShape(train, validation, "data.validation", spec.validation());
    checkSameShape(train, test, "data.test", spec.test());
    // a fine-tuning's inputs are the model's, standardized as the model's were: its own statistics, not the split's
    StartingModel starting = StartingModel.of(experiment).orElse(null);
    if (starting != null) {
      // as the network reads them: an autoencoder's targets are its inputs, and it has no classes
      starting.checkData(train, reconstruction ? train.featureNames() : train.targetNames(),
          reconstruction ? List.of() : train.classLabels(), spec.standardize(), spec.standardizesTargets(),
          activations);
      files = new ArrayList<>(files);
      files.add(starting.file());
    }
    Standardizer scaler = starting == null ? null : starting.inputScaler();
    if (spec.standardize()) {
      if (scaler == null) {
        scaler = Standardizer.fit(train);
        if (oneHot != null) {
          scaler = scaler.leaving(oneHot.encodedFeatures());
        }
      }
      // into the run's precision: doubles read for a float32 run become garbage, and from here on the inputs are
      // held once, as floats
      train = standardize(scaler, train, true, inputs);
      validation = standardize(scaler, validation, ownValidation, inputs);
      test = standardize(scaler, test, ownTest, inputs);
    }
    Standardizer targetScaler = null;
    if (spec.standardizesTargets()) {
      String problem = DataSpec.notRegression(reconstruction ? Task.RECONSTRUCTION : train.task());
      if (problem != null) {
        throw new ConfigException(ConfigProblem.of(ProblemId.OUT_OF_RANGE, "data.standardize-targets", problem,
            "false"));
      }
      // a regression's targets are real numbers for every loss that accepts them (encode checked)
      targetScaler = starting == null ? Standardizer.fitTargets(train) : starting.targetScaler();
      train = targetScaler.transformTargets(train);
      validation = validation == null ? null : targetScaler.transformTargets(validation);
      test = test == null ? null : targetScaler.transformTargets(test);
    }
    if (reconstruction) {
      train = OwnedData.reconstruction(train);
      validation = validation == null ? null : OwnedData.reconstruction(validation);
      test = test == null ? null : OwnedData.reconstruction(test);
    }
    List<String> notes = new ArrayList<>();
    if (starting != null && (validationFraction > 0 || testFraction > 0 || fold != null)) {
      starting.heldOutNote(experiment, heldOut, validationFraction > 0, testFraction > 0 || fold != null)
          .ifPresent(notes::add);
    }
    classCodes.ifPresent(notes::add);
    idCategories.ifPresent(notes::add);
    casedWords.ifPresent(notes::add);
    if (train.task() == Task.CLASSIFICATION && !reconstruction) {
      DataNotes.labelsAlikeButForCase(train).ifPresent(notes::add);
      DataNotes.fewRowsPerClass(train).ifPresent(notes::add);
    }
    // advice for those who have not chosen: an experiment that says standardize-targets: false has; class codes
    // read as numbers want a classification, not standardizing
    if (spec.standardizeTargets() == null && !reconstruction && train.task() == Task.REGRESSION
        && classCodes.isEmpty()) {
      DataNotes.largeTargets(train).ifPresent(notes::add);
    }
    if (!spec.standardize() && starting == null && train.size() > 0) {
      DataNotes.largeInputs(train).ifPresent(notes::add);
    }
    return new PreparedData(train, validation, test, oneHot, scaler, targetScaler, files, kind, notes,
        heldOut.none() ? null : heldOut, fromCode);
  }

  /** A training split of weighted rows with at least one weight > 0: one of only 0s trains on nothing. */
  private static void requireSomeWeight(Dataset train) {
    if (train.size() == 0 || !train.weighsNoRow()) {
      return;
    }
    throw new DataException(train.source() + ": every one of the training split's " + train.size() + " rows weighs 0"
        + " (the rows of weight > 0 went to the validation or test split), so no row counts in training; give more"
        + " rows weight > 0, or hold out fewer");
  }

  /**
   * Raw regression targets a network can be trained on: none beyond {@link Standardizer#LARGEST_SPREAD} (1.34e154),
   * whose squared error overflows float64 — training would only "diverge" at the first such row, which no learning
   * rate mends; standardized, such values overflow their standard deviation and are refused as they are fitted.
   */
  private static void requireTrainableTargets(Dataset train) {
    for (int i = 0; i < train.size(); i++) {
      if (train.weight(i) == 0) {
        continue; // a row of weight 0 adds nothing to J or its gradient, even a loss that overflows
      }
      for (int j = 0; j < train.targetCount(); j++) {
        double y = train.y(i, j);
        if (Math.abs(y) > Standardizer.LARGEST_SPREAD) {
          throw new DataException(train.source() + ": target \"" + train.targetNames().get(j) + "\" holds " + y
              + " (its data row " + (i + 1) + " as read), too large to train on: its squared error overflows"
              + " float64 (targets must stay well below " + String.format(java.util.Locale.ROOT, "%.3g",
              Standardizer.LARGEST_SPREAD) + ", the square root of the largest double); scale the column down, e.g."
              + " divide it by a power of ten");
        }
      }
    }
  }

  /**
   * The precision an experiment's inputs are held in: its {@code compute.precision}, but doubles for a
   * reconstruction task (see the class comment).
   */
  static Precision inputPrecision(Experiment experiment, boolean reconstruction) {
    return reconstruction ? Precision.FLOAT64 : experiment.compute().precision();
  }

  /**
   * The precision a source's inputs are read in for a run that holds them in {@code inputs}: a float32 run that
   * standardises reads them as doubles, and rounds them to floats once they are standardised ({@link #prepare}),
   * as a model's predictions do — standardise the double, then round. Rounding first would lose a column whose
   * values are large next to their spread: timestamps near 1.7e9 that vary by minutes lie on float32's grid of
   * 128 there, and a few hundred distinct values would train as three. An IDX file's pixels are bytes, exact in
   * a float whatever their scale, so they are read as floats straight away (MNIST is never held as doubles).
   */
  private static Precision readPrecision(SourceSpec source, Precision inputs, boolean standardized) {
    return standardized && !(source instanceof SourceSpec.Idx) ? Precision.FLOAT64 : inputs;
  }

  /** Whether {@code d} is held in another precision than {@code inputs}, so that converting it makes a copy. */
  private static boolean isConverted(Dataset d, Precision inputs) {
    return d != null && d.inputPrecision() != inputs;
  }

  /** {@code d} held in {@code precision} ({@link Dataset#inPrecision}); {@code null} stays. */
  private static Dataset inPrecision(Dataset d, Precision precision) {
    return d == null ? null : d.inPrecision(precision);
  }

  /**
   * {@code d} standardised and held in {@code precision}: in place if this preparation owns it and holds it in
   * that precision already, else a copy; {@code null} stays.
   */
  private static Dataset standardize(Standardizer scaler, Dataset d, boolean owned, Precision precision) {
    if (d == null) {
      return null;
    }
    if (d.inputPrecision() != precision) {
      return scaler.transform(d, precision);
    }
    return owned ? OwnedData.standardize(scaler, d) : scaler.transform(d);
  }

  /**
   * The samples the data section's sources give, each hold-out source with its own seed.
   *
   * @throws dev.nn.core.data.DataException for a missing or malformed file
   * @throws ConfigException for generator settings
   */
  private static RawData readSources(DataSpec spec, long seed, Precision inputs, List<String> notes) {
    List<Path> files = new ArrayList<>();
    // the one-hot columns of the training file may hold words; a held-out file's words mean the codes the training
    // file's do, and its columns of codes hold codes
    Map<String, List<String>> words = new LinkedHashMap<>();
    CategoryWords trainWords = new CategoryWords(spec.oneHot(), Map.of(), "the training data", words::put);
    IntStream.Builder dropped = IntStream.builder();
    Dataset all = read(spec.train(), "data.train", seed, RandomStream.TRAIN_DATA, files, null, inputs, notes,
        trainWords, dropped, spec.standardize());
    requireTwoClasses(all);
    CategoryWords heldOutWords = CategoryWords.fixedAs("the training data", spec.oneHot(), words);
    // a held-out file's class labels mean the classes the training file's do, names and indices alike: a test file
    // may hold some of them only, and a label the training file lacks is not a class
    List<String> classes = all.task() == Task.CLASSIFICATION ? all.classLabels() : null;
    Dataset test = spec.test() instanceof HoldOut.FromSource
        ? read(byName(((HoldOut.FromSource) spec.test()).source(), all), "data.test", seed, RandomStream.TEST_DATA,
            files, classes, inputs, notes, heldOutWords, row -> { }, spec.standardize()) : null;
    Dataset validation = spec.validation() instanceof HoldOut.FromSource
        ? read(byName(((HoldOut.FromSource) spec.validation()).source(), all), "data.validation", seed,
            RandomStream.VALIDATION_DATA, files, classes, inputs, notes, heldOutWords, row -> { }, spec.standardize())
        : null;
    return new RawData(all, validation, test, files, reconstructs(spec.train()), true, words,
        dropped.build().toArray());
  }

  /**
   * A held-out csv source that does not list its features, and whose header has every feature column of the training
   * data, takes them by name, as {@code nn evaluate} and {@code nn predict} read a file: the same columns in another
   * order (a file saved by another program) are the same features. A header that lacks one is read as it is, and
   * the shapes' check names the difference; any other source is read as it says.
   */
  private static SourceSpec byName(SourceSpec heldOut, Dataset train) {
    if (!(heldOut instanceof SourceSpec.Csv csv) || !csv.options().features().isEmpty()
        || csv.task() == Task.RECONSTRUCTION) {
      return heldOut;
    }
    CsvOptions o = csv.options();
    try {
      List<String> header = CsvReader.columnNames(csv.path().resolved(), o.indexColumn(), o.separator());
      if (!header.containsAll(train.featureNames())) {
        return heldOut;
      }
    } catch (DataException e) {
      return heldOut; // reading it says why
    }
    CsvOptions named = new CsvOptions(train.featureNames(), List.of(), o.missing(), o.indexColumn(), o.separator(),
        o.labels(), o.missingValues(), o.weight());
    return new SourceSpec.Csv(csv.path(), csv.targets(), csv.task(), named, csv.where(), csv.taskWritten());
  }

  /**
   * A classification's training source must hold two classes or more, whatever its kind: a csv file's column is
   * checked as it is read, and an IDX file's labels (of ten classes by their format) or a generator's here.
   */
  private static void requireTwoClasses(Dataset train) {
    if (train.task() != Task.CLASSIFICATION || train.size() == 0) {
      return;
    }
    int[] counts = train.classCounts();
    int present = 0;
    int only = -1;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        present++;
        only = c;
      }
    }
    if (present < 2) {
      throw new DataException(train.source() + ": every one of its " + train.size() + " samples is of the class \""
          + train.classLabels().get(only) + "\"; classification needs at least 2 classes to train on");
    }
  }

  /** Whether a csv source of {@code spec} fills missing values with means. */
  private static boolean fillsMeans(DataSpec spec) {
    List<SourceSpec> sources = new ArrayList<>(List.of(spec.train()));
    for (HoldOut h : new HoldOut[] {spec.validation(), spec.test()}) {
      if (h instanceof HoldOut.FromSource f) {
        sources.add(f.source());
      }
    }
    return sources.stream().anyMatch(s -> s instanceof SourceSpec.Csv csv
        && csv.options().missing() == CsvOptions.Missing.MEAN);
  }

  /** The fraction a split hold-out sets aside; 0 for a hold-out with a source of its own. */
  private static double fraction(HoldOut h) {
    return h instanceof HoldOut.Split ? ((HoldOut.Split) h).fraction() : 0;
  }

  /** Reads one source, its inputs held in {@code inputs}, giving {@code droppedRows} the rows a csv file drops. */
  private static Dataset read(SourceSpec source, String path, long seed, RandomStream stream, List<Path> files,
      List<String> classes, Precision precision, List<String> notes, CategoryWords words, IntConsumer droppedRows,
      boolean standardized) {
    Precision inputs = readPrecision(source, precision, standardized);
    if (source instanceof SourceSpec.Spark) {
      // the reader checks that such an experiment has a distributed section, whose engine reads the source
      throw new ConfigException(ConfigProblem.of(ProblemId.BACKEND_UNAVAILABLE, path,
          "a spark source is read by Spark's executors, not in this process", "a csv, idx or generator source"));
    }
    if (source instanceof SourceSpec.Csv) {
      SourceSpec.Csv csv = (SourceSpec.Csv) source;
      Path file = requireExists(csv.path(), path + ".path");
      files.add(file);
      CsvReader reader = (csv.task() == Task.CLASSIFICATION
          ? classes == null ? CsvReader.classification(csv.targets().get(0))
              : CsvReader.classification(csv.targets().get(0)).withClassLabels(classes)
          : csv.task() == Task.RECONSTRUCTION ? CsvReader.reconstruction(csv.targets())
          : CsvReader.regression(csv.targets())).with(csv.options()).withNotes(notes::add).holdingInputsIn(inputs)
          .withCategoryWords(words)
          // missing: mean is filled with the training rows' means once the split is made (prepare)
          .leavingMissingValues();
      // for reconstruction the target column is dropped unread
      return reader.read(file, droppedRows);
    }
    if (source instanceof SourceSpec.Idx) {
      SourceSpec.Idx idx = (SourceSpec.Idx) source;
      List<Path> images = new ArrayList<>();
      List<Path> labels = new ArrayList<>();
      addIdxFiles(idx, path, images, labels, files);
      return IdxReader.read(images, labels, idx.limit().orElse(Integer.MAX_VALUE), inputs, idx.classes());
    }
    SourceSpec.Generator g = (SourceSpec.Generator) source;
    Map<String, Object> settings = new LinkedHashMap<>(g.generator().settings());
    settings.put("samples", g.samples());
    try {
      MemoryEstimate.requireDataFits(Generators.check(g.generator().name(), settings));
      // generated data is small: made in doubles, then rounded
      return Generators.generate(g.generator().name(), settings, seed, stream, inputs);
    } catch (ConfigException e) {
      List<ConfigProblem> placed = new ArrayList<>();
      for (ConfigProblem p : e.problems()) {
        placed.add(g.generator().where().place(p));
      }
      throw new ConfigException(placed);
    }
  }

  /**
   * Refuses a loss of class targets (binary-cross-entropy, hinge, softmax-cross-entropy) for data that holds none:
   * regression targets, or a reconstruction's. What training refuses, a model made in code refuses too.
   *
   * @param kind the targets the loss takes
   * @throws ConfigException ({@code nn/TargetMismatch}, at {@code loss}) naming the loss and the data
   */
  public static void requireTargetsSuit(Dataset d, TargetKind kind, String lossName, boolean reconstruction) {
    boolean classes = d.task() == Task.CLASSIFICATION && !reconstruction;
    if (!classes && kind != TargetKind.REAL) {
      throw new ConfigException(ConfigProblem.of(ProblemId.TARGET_MISMATCH, "loss",
          "loss \"" + lossName + "\" needs class targets (" + kind.description() + "), but " + d.source()
              + (reconstruction ? " is read for reconstruction, whose targets are its inputs"
                  : " is read for regression"), (reconstruction ? "" : "set task: classification on the data source,"
                  + " or ") + "choose a loss for real-valued targets such as squared"));
    }
  }

  /**
   * Checks that every file of this machine a distributed experiment names is there before its cluster starts
   * (seconds, and a run's scratch): its sources' ({@link #requireSourceFiles}) and the model
   * {@code network.weights-from} starts from.
   *
   * @throws DataException naming the first file missing and the key that names it
   */
  public static void requireFilesBeforeCluster(dev.nn.core.config.Experiment experiment) {
    requireSourceFiles(experiment.data());
    experiment.network().weightsFrom().ifPresent(ref -> requireExists(ref, "network.weights-from"));
  }

  /**
   * Checks that every file the experiment's csv and idx sources name is there, as reading them would first: for an
   * experiment whose data is read only once its cluster has started (a {@code distributed} one), so that a missing
   * file is said before that. A {@code spark} source's table is checked when it is a plain path on this machine
   * without a glob ({@code *}, {@code ?}, {@code [}, <code>{</code>), a file or a folder of parts; one elsewhere
   * ({@code hdfs://}, {@code s3a://}) is Spark's to find.
   *
   * @throws DataException naming the first file missing and the key that names it
   */
  public static void requireSourceFiles(dev.nn.core.config.DataSpec data) {
    requireSourceFiles(data.train(), "data.train");
    if (data.validation() instanceof dev.nn.core.config.HoldOut.FromSource v) {
      requireSourceFiles(v.source(), "data.validation");
    }
    if (data.test() instanceof dev.nn.core.config.HoldOut.FromSource t) {
      requireSourceFiles(t.source(), "data.test");
    }
  }

  private static void requireSourceFiles(SourceSpec source, String path) {
    if (source instanceof SourceSpec.Csv csv) {
      requireExists(csv.path(), path + ".path");
    } else if (source instanceof SourceSpec.Idx idx) {
      requireIdxFiles(idx, path, new ArrayList<>(), new ArrayList<>());
    } else if (source instanceof SourceSpec.Spark spark) {
      java.util.Optional<Path> local = spark.localPath();
      if (local.isPresent() && !local.get().toString().matches(".*[*?\\[{].*") && Files.notExists(local.get())) {
        throw new DataException(local.get() + ": not found; " + path + ".path names it (a file, or a folder of a"
            + " table's parts, on this machine)" + notFoundHint(local.get()));
      }
    }
  }

  /** Checks that each image and label file of {@code idx} is there, adding them to {@code images} and {@code labels}. */
  private static void requireIdxFiles(SourceSpec.Idx idx, String path, List<Path> images, List<Path> labels) {
    for (int k = 0; k < idx.images().size(); k++) {
      String at = idx.images().size() == 1 ? "" : "[" + k + "]";
      images.add(requireExists(idx.images().get(k), path + ".images" + at));
      labels.add(requireExists(idx.labels().get(k), path + ".labels" + at));
    }
  }

  /**
   * The file {@code ref} names, which must be there: a missing one is named with the key that gives it, since a
   * relative path resolved against the experiment's folder (or, from a --set, the working directory) is often not
   * where the user looked; so is a directory (a path of {@code .}, or a folder where its file was meant). What else
   * can be wrong with a file that is there (no permission, its contents) its reader says.
   */
  private static Path requireExists(PathRef ref, String key) {
    Path file = ref.resolved();
    if (Files.notExists(file)) {
      throw new DataException(file + ": file not found; " + key + " names it" + notFoundHint(file));
    }
    if (Files.isDirectory(file)) {
      throw new DataException(file + ": is a directory; " + key + " names it, and expects a file");
    }
    return file;
  }

  /**
   * What may have been meant by a path that names no file: a shell's {@code ~} or {@code $VAR}, which an experiment
   * file does not expand, or a file beside it whose name differs only in case or by an extension.
   */
  static String notFoundHint(Path file) {
    String written = file.toString();
    if (written.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r' || c == '\b' || c == '\f')) {
      return " (the path holds a tab or a line break: in a double-quoted YAML value \\t, \\n, \\r, \\b and \\f are"
          + " escapes; write a Windows path in single quotes, or with forward slashes)";
    }
    if (written.contains("/~/") || written.startsWith("~") || written.contains("$")) {
      return " (an experiment file's paths are taken as written: ~ and $VARIABLES are not expanded; write the path in"
          + " full, or relative to the experiment file)";
    }
    Path folder = file.toAbsolutePath().getParent();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (folder == null || !Files.isDirectory(folder)) {
      return "";
    }
    try (var siblings = Files.list(folder)) {
      return siblings.map(p -> p.getFileName().toString())
          .filter(n -> n.equalsIgnoreCase(name) || n.startsWith(name + ".") && n.indexOf('.', name.length() + 1) < 0)
          .sorted().findFirst().map(n -> "; did you mean " + folder.resolve(n) + "?").orElse("");
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  private static boolean reconstructs(SourceSpec s) {
    return s instanceof SourceSpec.Csv && ((SourceSpec.Csv) s).task() == Task.RECONSTRUCTION
        || s instanceof SourceSpec.Idx && ((SourceSpec.Idx) s).task() == Task.RECONSTRUCTION;
  }

  /**
   * Class targets in the encoding the loss accepts; regression targets, and a reconstruction's (its inputs, whatever
   * labels an idx source's rows carry until then), only for a loss of real targets.
   */
  static Dataset encode(Dataset d, TargetKind kind, String lossName, boolean reconstruction) {
    requireTargetsSuit(d, kind, lossName, reconstruction);
    boolean classes = d.task() == Task.CLASSIFICATION && !reconstruction;
    if (!classes) {
      return d;
    }
    if ((kind == TargetKind.BINARY || kind == TargetKind.SIGNED) && d.classCount() == 2) {
      return d.withBinaryTarget();
    }
    return d;
  }

  /**
   * {@link #checkSameShape(Dataset, Dataset, String)}, its problems placed at the line where {@code written}, a
   * held-out source of its own, was written: the key alone sent the reader looking for it.
   */
  private static void checkSameShape(Dataset train, Dataset other, String path, HoldOut written) {
    try {
      checkSameShape(train, other, path);
    } catch (ConfigException e) {
      SourceSpec source = written instanceof HoldOut.FromSource own ? own.source() : null;
      dev.nn.core.config.Position where = source instanceof SourceSpec.Csv csv ? csv.where()
          : source instanceof SourceSpec.Idx idx ? idx.where()
          : source instanceof SourceSpec.Spark spark ? spark.where() : null;
      if (where == null || where.line() == 0) {
        throw e;
      }
      throw new ConfigException(e.problems().stream().map(p -> p.at("", where.line(), where.column())).toList());
    }
  }

  private static void checkSameShape(Dataset train, Dataset other, String path) {
    if (other == null) {
      return;
    }
    if (other.featureCount() != train.featureCount()) {
      throw new ConfigException(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, path, other.source() + " has "
          + other.featureCount() + (other.featureCount() == 1 ? " feature column" : " feature columns")
          + ", the training data " + train.featureCount()
          + ColumnDifference.of(train.featureNames(), other.featureNames()),
          "data with the same columns as data.train"));
    }
    if (other.targetCount() != train.targetCount()) {
      throw new ConfigException(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, path, other.source() + " has "
          + other.targetCount() + " target columns, but the training data has " + train.targetCount()
          + ColumnDifference.of(train.targetNames(), other.targetNames()), "data with the same columns as data.train"));
    }
    // a held-out row is read by position: columns of the same count but other names or order would be scored
    // against the wrong inputs without a sign, so they are refused by name
    checkSameNames(train.featureNames(), other.featureNames(), other.source(), "feature", path);
    checkSameNames(train.targetNames(), other.targetNames(), other.source(), "target", path);
    checkSameClassLabels(train.classLabels(), other.classLabels(), other.source(), path);
  }

  /**
   * A held-out row's class is its one-hot column, read by position as its inputs are: samples given in code whose
   * labels are listed in another order (or are other labels) would be scored against the wrong classes without a
   * sign, so they are refused, naming both lists. A held-out csv file is read with the training data's labels,
   * which it passes by construction.
   */
  private static void checkSameClassLabels(List<String> train, List<String> other, String source, String path) {
    if (other.equals(train)) {
      return;
    }
    String order = new HashSet<>(other).equals(new HashSet<>(train)) ? " (the same labels in another order)" : "";
    throw new ConfigException(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, path, source + "'s class labels are "
        + labels(other) + order + ", the training data's " + labels(train),
        "the class labels of data.train, in its order: " + labels(train)));
  }

  private static String labels(List<String> labels) {
    return "[" + String.join(", ", labels.stream().limit(12).map(n -> "\"" + Excerpt.of(n) + "\"").toList())
        + (labels.size() > 12 ? ", ..." : "") + "]";
  }

  private static void checkSameNames(List<String> train, List<String> other, String source, String kind,
      String path) {
    if (other.equals(train)) {
      return;
    }
    String allowed = "the " + kind + " columns of data.train, in its order: " + String.join(", ",
        train.stream().limit(12).map(n -> "\"" + Excerpt.of(n) + "\"").toList())
        + (train.size() > 12 ? ", ..." : "");
    if (new HashSet<>(other).equals(new HashSet<>(train))) {
      int k = 0;
      while (other.get(k).equals(train.get(k))) {
        k++;
      }
      throw new ConfigException(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, path, source + " has the training"
          + " data's " + kind + " columns in another order: its " + kind + " column " + (k + 1) + " is \""
          + Excerpt.of(other.get(k)) + "\", the training data's \"" + Excerpt.of(train.get(k)) + "\"", allowed));
    }
    throw new ConfigException(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, path, source + "'s " + kind
        + " columns are not the training data's" + ColumnDifference.of(train, other), allowed));
  }
}
