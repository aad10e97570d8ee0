/**
 * Data: an immutable in-memory {@link dev.nn.core.data.Dataset} of flat row-major arrays, and the ways to
 * get one.
 *
 * <ul>
 *   <li>{@link dev.nn.core.data.CsvReader}: comma-separated files with a header row, regression or
 *       classification.</li>
 *   <li>{@link dev.nn.core.data.IdxReader}: IDX image and label files in the MNIST layout, gzipped or raw.</li>
 *   <li>{@link dev.nn.core.data.Generators}: synthetic data from a seed ({@code lecture-regression},
 *       {@code sine}, {@code xor}, {@code spirals}).</li>
 *   <li>{@link dev.nn.core.data.Splits}: a seeded shuffle into training, validation and test rows.</li>
 *   <li>{@link dev.nn.core.data.Standardizer}: per-feature centring and scaling fitted on the training rows.</li>
 * </ul>
 *
 * <p>Problems with a data file (missing, malformed, inconsistent) are thrown as
 * {@link dev.nn.core.data.DataException} with a one-line message that names the file and, where there is
 * one, the line or byte offset. Only regular files are opened, and every file is read through bounds
 * (CSV lines and fields, the sizes an IDX header declares), so a pipe, a device or a damaged file ends in
 * such a message rather than a hang or an exhausted heap. Problems with generator settings are configuration problems and are thrown
 * as {@link dev.nn.spi.ConfigException}. All randomness comes from {@link dev.nn.core.random.Rng}, seeded through
 * the one derivation (seed, purpose[, index]) → stream, {@link dev.nn.core.random.RandomStream}.
 *
 * <p>Of its public types, {@link dev.nn.core.data.Dataset}, {@link dev.nn.core.data.Standardizer}, {@link
 * dev.nn.core.data.OneHot}, {@link dev.nn.core.data.DataException} and the readers a run's sources use — {@link
 * dev.nn.core.data.CsvReader}, {@link dev.nn.core.data.IdxReader}, {@link dev.nn.core.data.Generators} — with
 * {@link dev.nn.core.data.Splits} are the Java API; the others are the engine's internal API, public for nn's other
 * packages, not for applications.
 */
package dev.nn.core.data;

import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
