package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code overrides.yaml}: the {@code --set} overrides a run started with, as a YAML list of strings in the
 * order given ({@code []} for none). Written once, when the run is created; a resumed run reads it and
 * leaves it as it is, since a resume takes no overrides of its own.
 */
final class RunOverrides {
  /** How to mend the file: the resume itself needs only experiment.yaml, which has the overrides applied. */
  private static final String MEND = ". It only records the --set overrides the run started with, which"
      + " experiment.yaml holds applied, so the run does not need it: delete it to resume (the resumed run's"
      + " summary.json then lists no overrides)";

  private RunOverrides() {}

  /** Writes {@code overrides} into {@code file}, atomically. */
  static void write(Path file, List<String> overrides) {
    StringBuilder s = new StringBuilder();
    for (String o : overrides) {
      // a JSON string is a YAML double-quoted scalar: any override reads back unchanged (a secret's value redacted:
      // the run's experiment.yaml keeps it, to be resumed)
      s.append("- ").append(Json.quoted(dev.nn.core.text.Secrets.redact(o))).append('\n');
    }
    AtomicFiles.writeString(file, s.length() == 0 ? "[]\n" : s.toString());
  }

  /** The overrides in {@code file}; empty when there is none (a run from before the file existed). */
  static List<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(dev.nn.core.io.TextFiles.read(file));
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      // the loader's own text spans lines, with a caret drawing; the problem and its place say it in one
      throw new RunFileException(file, "cannot be read as a YAML list of overrides: " + e.getProblem()
          + (e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ", column "
              + (e.getProblemMark().getColumn() + 1) + ")") + MEND);
    } catch (IOException | RuntimeException e) {
      throw new RunFileException(file, "cannot be read as a YAML list of overrides: " + e.getMessage() + MEND);
    }
    if (!(doc instanceof List<?> list)) {
      throw new RunFileException(file, "is not a YAML list of overrides" + MEND);
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
