/**
 * What a training run leaves behind, in one directory {@code <name>-<yyyyMMdd-HHmmss>/}: the resolved
 * experiment, {@code metrics.csv} (one row per epoch), {@code checkpoints/} (versioned trainer states, the
 * last few and the best kept), the model, {@code provenance.yaml} (software, machine, seed, plugins and data
 * with their SHA-256, and how the run ended), {@code summary.json} (the run at a glance, rewritten after every
 * epoch), {@code report.html} (status, curves and final figures, also rewritten after every epoch),
 * {@code overrides.yaml}, {@code run.log} (written by the command line), {@code status.yaml} (finished, failed,
 * diverged or interrupted) and {@code .lock}, locked while a process trains there. {@link
 * dev.nn.core.run.RunRecord} keeps the summary, the report and the status as the run goes. Every file is written
 * atomically (temporary file, then rename), so a killed run leaves each file either complete or untouched, and
 * the directory itself appears with its experiment in it.
 *
 * <p>Of its public types, {@link dev.nn.core.run.RunDirectory}, {@link dev.nn.core.run.RunFileException} and
 * {@link dev.nn.core.run.RunComparison} (runs side by side) are the Java API; the others are the engine's internal API, public for nn's other packages, not for
 * applications.
 */
package dev.nn.core.run;
