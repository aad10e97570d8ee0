package dev.nn.core.config;

import dev.nn.core.io.InputFiles;
import dev.nn.core.io.Utf8Errors;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads an experiment YAML file into an {@link Experiment}, or throws one {@link ConfigException} with
 * every problem found, each with its key path, line and column.
 *
 * <p>Reading is safe for untrusted files: the YAML is composed into nodes and never into objects named by
 * tags (a tag such as {@code !!java.io.File} is reported, not followed), and documents with more than 50
 * aliases to collections, nesting deeper than 50 or longer than 1 MiB are refused. Only a regular file is
 * opened (a named pipe would block, a device never end), and no more of it is read than the limit allows.
 *
 * <p>Precedence: {@code --set} overrides win over the file, which wins over the defaults documented in
 * {@code docs/experiment.md}. Relative paths in the file resolve against the file's directory; relative
 * paths in overrides against the working directory.
 *
 * <pre>{@code
 * ExperimentReader reader = new ExperimentReader(PluginRegistry.loadDefault());
 * Experiment e = reader.read(Path.of("lecture.yaml"), List.of("optimizer.learning-rate=0.1"));
 * }</pre>
 */
public final class ExperimentReader {
  /** The end of the note that stands for the problems after the first {@code MAX_PROBLEMS - 1}. */
  static final String NOT_SHOWN = " more problems not shown";

  /** Problems reported at most; more are summarized in one last problem. */
  static final int MAX_PROBLEMS = 100;

  private final PluginRegistry plugins;
  private final Path workingDirectory;
  private final int processors;

  /**
   * A reader that checks plugin references against {@code plugins}, with the process's working
   * directory and available processors.
   *
   * @param plugins the installed plugins, which every plugin reference is checked against
   */
  public ExperimentReader(PluginRegistry plugins) {
    this(plugins, Path.of("").toAbsolutePath(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * A reader with an explicit working directory and processor count.
   *
   * @param plugins the installed plugins, which every plugin reference is checked against
   * @param workingDirectory what relative paths in overrides resolve against
   * @param processors what {@code compute.threads: auto} (the default) stands for, {@code >= 1}
   */
  public ExperimentReader(
      PluginRegistry plugins, Path workingDirectory, int processors) {
    this.plugins = Objects.requireNonNull(plugins, "plugins");
    this.workingDirectory = workingDirectory.toAbsolutePath();
    if (processors < 1) {
      throw new IllegalArgumentException("processors must be >= 1, found " + processors);
    }
    this.processors = processors;
  }

  /**
   * Reads an experiment file.
   *
   * @param overrides {@code key.path=value} strings, applied in order
   * @throws ConfigException with every problem of the file and the overrides
   * @throws IOException when the file cannot be read, or is not a regular file (a {@link FileSystemException}
   *     whose reason says what it is)
   */
  public Experiment read(Path file, List<String> overrides) throws IOException {
    Path absolute = file.toAbsolutePath();
    String fileName = String.valueOf(absolute.getFileName());
    try {
      InputFiles.requireRegularFile(file, "an experiment YAML file",
          (f, problem, cause) -> new UncheckedIOException(new FileSystemException(f.toString(), null, problem)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    // The size is checked while reading: a file's length says nothing about a device or a file still growing.
    byte[] bytes = InputFiles.readUpTo(absolute, YamlSource.MAX_BYTES);
    if (bytes.length > YamlSource.MAX_BYTES) {
      throw new ConfigException(YamlSource.tooLong());
    }
    Optional<String> notText = NotAnExperiment.byMagic(bytes);
    if (notText.isPresent()) {
      throw new ConfigException(notAnExperiment(notText.get(), 0));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      Optional<String> binary = NotAnExperiment.binary(bytes);
      if (binary.isPresent()) {
        throw new ConfigException(notAnExperiment(binary.get(), 0));
      }
      Utf8Errors.Location at = Utf8Errors.find(bytes).orElse(new Utf8Errors.Location(1, 1, 0, -1, false));
      throw new ConfigException(new ConfigProblem(ProblemId.YAML_SYNTAX, "", (int) at.line(),
          (int) Math.min(Integer.MAX_VALUE, at.column()), "the file is " + at.problem(), "UTF-8 text", List.of()));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark is not part of the document
    }
    Optional<String> data = NotAnExperiment.byText(text);
    if (data.isPresent()) {
      throw new ConfigException(notAnExperiment(data.get(), 1));
    }
    if (overrides.isEmpty() && YamlSource.compose(text) == null) {
      // said of the file as a whole, as an empty CSV file is, rather than as three keys missing at line 1
      throw new ConfigException(notAnExperiment(bytes.length == 0 ? "is empty (0 bytes)"
          : "holds no YAML document (only " + (text.isBlank() ? "blank lines" : "comments and blank lines") + ")", 1));
    }
    return read(text, fileName, absolute.getParent(), overrides);
  }

  /** The problem of a file that is something else than an experiment; at line 1 when it is text, else unplaced. */
  private static ConfigProblem notAnExperiment(String what, int line) {
    return new ConfigProblem(ProblemId.WRONG_TYPE, "", line, line, "the file " + what,
        "an experiment YAML file, a mapping of keys such as data, network, loss and training", List.of());
  }

  /**
   * Reads an experiment from text.
   *
   * @param fileName the file the text came from; its name without extension is the default experiment name
   * @param directory what relative paths in the text resolve against
   * @param overrides {@code key.path=value} strings, applied in order
   * @throws ConfigException with every problem of the text and the overrides
   */
  public Experiment read(String yaml, String fileName, Path directory, List<String> overrides) {
    Node root = YamlSource.compose(yaml);
    NodeReader reader = new NodeReader(directory.toAbsolutePath(), workingDirectory);
    root = Overrides.apply(root, List.copyOf(overrides), reader);
    TagCheck.run(root, reader);
    PluginRefs refs = new PluginRefs(reader, plugins);
    Experiment e = new ExperimentParser(reader, refs, defaultName(fileName), processors).parse(root);
    if (!reader.problems().isEmpty()) {
      ConfigException problems = new ConfigException(ordered(reader.problemsPlaced()));
      if (reader.cause() != null) {
        problems.addSuppressed(reader.cause()); // a plugin's own exception, for --debug
      }
      throw problems;
    }
    return Objects.requireNonNull(e, "no experiment and no problem");
  }

  /** The file name without its extension, made fit to name a directory. */
  static String defaultName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String base = dot > 0 ? fileName.substring(0, dot) : fileName;
    String name = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    return name.isEmpty() ? "experiment" : name;
  }

  /**
   * Problems without a line first (overrides, defaults), then the others in the order of the file;
   * at most {@link #MAX_PROBLEMS}.
   */
  static List<ConfigProblem> ordered(List<ConfigProblem> problems) {
    List<ConfigProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt((ConfigProblem p) -> p.line() == 0 ? 0 : 1)
            .thenComparingInt(ConfigProblem::line)
            .thenComparingInt(ConfigProblem::column));
    if (sorted.size() <= MAX_PROBLEMS) {
      return sorted;
    }
    List<ConfigProblem> shown = new ArrayList<>(sorted.subList(0, MAX_PROBLEMS - 1));
    shown.add(
        ConfigProblem.of(
            ProblemId.TOO_LARGE,
            "",
            (sorted.size() - shown.size()) + NOT_SHOWN,
            "fix the problems above and read the file again"));
    return shown;
  }
}
