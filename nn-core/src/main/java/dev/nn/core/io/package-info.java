/**
 * How nn's files are written and read, each thing once: atomic writes, SHA-256, the little-endian binary
 * encoding, exact doubles as text, JSON ({@link dev.nn.core.io.Json}), the archive that model files and
 * checkpoints share, and typed reading of the YAML inside them; and the rules every input file passes: only a
 * regular file is opened ({@link dev.nn.core.io.InputFiles}), and gzip data are accepted only when valid to
 * their end ({@link dev.nn.core.io.StrictGzipInputStream}).
 *
 * <p>Of its public types, {@link dev.nn.core.io.Json} is the Java API (a run's {@code summary.json} read and
 * written); the others are the engine's internal API, public for nn's other packages, not for applications.
 */
package dev.nn.core.io;
