package dev.nn.core.run;

import dev.nn.core.text.Counted;
import dev.nn.core.train.TrainingResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records how a run in its directory ends: the provenance gets its end time and an {@code outcome} section,
 * and {@code status.yaml} says {@code finished}, {@code failed}, {@code diverged} or {@code interrupted} with the message. Written
 * last, so a directory whose status says {@code finished} holds every file of a finished run.
 */
public final class RunOutcome {
  private final RunDirectory dir;
  private final Clock clock;
  private Provenance provenance;
  private Consumer<Provenance> beforeStatus = ended -> { };

  /**
   * The outcome of the run in {@code dir}, whose provenance so far is {@code provenance}.
   *
   * @param clock gives the end time
   */
  public RunOutcome(RunDirectory dir, Clock clock, Provenance provenance) {
    this.dir = dir;
    this.clock = clock;
    this.provenance = provenance;
  }

  /** Writes the provenance of the run as it starts training, and keeps it for the end. */
  public void started(Provenance started) {
    provenance = started;
    started.write(dir.provenanceFile());
  }

  /** Every finishing step is done: records how training ended, "finished" in the status last. */
  public void finished(TrainingResult result, int epochs) {
    String how = result.stoppedEarly()
        ? "stopped early at epoch " + result.last().epoch() + " of " + epochs + "; the model keeps epoch "
            + result.bestEpoch()
        : "trained " + result.last().epoch() + " of " + Counted.of(epochs, "epoch", "epochs")
            + (result.bestEpoch() != result.last().epoch() ? "; the model keeps epoch " + result.bestEpoch() : "");
    end(result.stoppedEarly() ? "stopped-early" : "finished", new RunStatus(RunStatus.State.FINISHED, how));
  }

  /** Training diverged with {@code message}. */
  public void diverged(String message) {
    end("diverged", new RunStatus(RunStatus.State.DIVERGED, message));
  }

  /** Ctrl-C or SIGTERM stopped the process while it trained. */
  public void interrupted() {
    interrupted(RunDirectory.interruptedMessage(dir.path()));
  }

  /** The run was stopped while it trained; {@code message} says how and how to go on. */
  public void interrupted(String message) {
    end("interrupted", new RunStatus(RunStatus.State.INTERRUPTED, message));
  }

  /** What the report of a run in {@code dir} that failed adds to its failure: how to go on once it is mended. */
  static String failedNextStep(java.nio.file.Path dir) {
    return "Once that is mended, " + dev.nn.core.text.CommandName.of() + " train --resume "
        + dir.toAbsolutePath().normalize() + (RunDirectory.latestCheckpointIn(dir).isEmpty()
        ? " trains the run again from the start" : " continues the run from its last checkpoint")
        + " (with --allow-changed-plugins if the mending changed a plugin).";
  }

  /** The provenance as last written, its outcome included once the run ended. */
  Provenance provenance() {
    return provenance;
  }

  /**
   * Training, or a finishing step, failed with {@code failure}. Recording it must not hide the failure: a problem
   * while recording is attached to it as suppressed.
   */
  public void failed(Throwable failure) {
    try {
      end("failed", new RunStatus(RunStatus.State.FAILED, describe(failure)));
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * From now on, when the run ends, {@code step} writes what should show the final provenance (the report),
   * after the provenance and before the status.
   */
  void beforeStatus(Consumer<Provenance> step) {
    beforeStatus = step;
  }

  /** Records the end: the provenance, then the {@link #beforeStatus} step, then the status, last. */
  private void end(String status, RunStatus record) {
    Map<String, String> outcome = new LinkedHashMap<>();
    outcome.put("status", status);
    outcome.put("message", record.message());
    provenance = provenance.withEnded(clock.instant()).withOutcome(outcome);
    provenance.write(dir.provenanceFile());
    try {
      beforeStatus.accept(provenance);
    } catch (RuntimeException | Error e) {
      // a run that failed, diverged or was interrupted says so even when its report cannot be written
      if (record.state() != RunStatus.State.FINISHED) {
        dir.writeStatus(record);
      }
      throw e;
    }
    dir.writeStatus(record);
  }

  /** nn's own exceptions carry a message for the user; anything else is named by its class too. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    // nn's own exceptions and its I/O failures ("cannot write …: No space left on device") carry a message for
    // people; anything else is named by its class too, as a bug is
    if ((t.getClass().getName().startsWith("dev.nn.") || t instanceof java.io.UncheckedIOException
        || t instanceof java.io.IOException) && message != null) {
      return message;
    }
    return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
  }
}
