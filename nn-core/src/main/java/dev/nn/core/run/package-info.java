/**
 * What a training run leaves behind, in one directory {@code <name>-<yyyyMMdd-HHmmss>/}: the resolved
 * experiment, {@code metrics.csv} (one row per epoch), {@code checkpoints/} (versioned trainer states, the
 * last few and the best kept), the model, {@code provenance.yaml} (software, machine, seed, plugins and data
 * with their SHA-256, and how the run ended), {@code report.html} (curves and final figures), {@code status.yaml}
 * (finished, failed or diverged) and {@code .lock}, locked while a process trains there. Every file is written
 * atomically (temporary file, then rename), so a killed run leaves each file either complete or untouched, and
 * the directory itself appears with its experiment in it.
 *
 * <p>Of its public types, {@link dev.nn.core.run.RunDirectory}, {@link dev.nn.core.run.RunFileException} and
 * {@link dev.nn.core.run.RunComparison} (runs side by side) are the Java API; the others are the engine's internal API, public for nn's other packages, not for
 * applications.
 */
package dev.nn.core.run;
