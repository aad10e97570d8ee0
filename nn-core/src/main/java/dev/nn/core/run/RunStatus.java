package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.YamlFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a run ended, in its directory's {@code status.yaml}: written last when a run finishes (after the
 * model, the report and the provenance), and when training fails or diverges, with the message the command
 * printed, and when Ctrl-C or SIGTERM stops the process ({@code interrupted}). A directory without it holds a run
 * that is training, or was killed outright: {@code nn train --resume} continues it, as it continues an
 * interrupted one.
 *
 * @param state what happened
 * @param message for a failed or diverged run, what went wrong; otherwise how it ended ("stopped early at
 *     epoch 12 of 40")
 */
record RunStatus(State state, String message) {

  /** How a run ended. */
  enum State {
    /** Every finishing step is done: the model, the report, the provenance. */
    FINISHED,
    /** Training stopped on an error; the checkpoints written before it stay. */
    FAILED,
    /** The loss diverged; the checkpoints written before it stay. */
    DIVERGED,
    /** Ctrl-C or SIGTERM stopped the process; {@code nn train --resume} continues from the last checkpoint. */
    INTERRUPTED;

    String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Writes {@code status.yaml} into {@code file}, atomically. */
  void write(Path file) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state.yamlName());
    m.put("message", message);
    AtomicFiles.writeString(file, YamlFields.dump(m));
  }

  /** The status in {@code file}, or empty when there is none. */
  static Optional<RunStatus> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    YamlFields f = YamlFields.read(file, RunFileException::new);
    String name = f.string("state");
    for (State s : State.values()) {
      if (s.yamlName().equals(name)) {
        return Optional.of(new RunStatus(s, f.isNull("message") ? "" : f.string("message")));
      }
    }
    throw new RunFileException(file, "\"state\" must be finished, failed, diverged or interrupted, found \"" + name + "\"");
  }
}
