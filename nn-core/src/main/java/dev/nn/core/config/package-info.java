/**
 * The experiment configuration: a YAML file read into immutable records.
 *
 * <p>{@link dev.nn.core.config.ExperimentReader} composes the YAML into SnakeYAML nodes (never into
 * objects named by tags), applies {@code --set} overrides, walks the nodes against the schema documented
 * in {@code docs/experiment.md}, and collects every problem, each with its key path, line and column,
 * into one {@link dev.nn.spi.ConfigException}. {@link dev.nn.core.config.ProblemReport} formats those
 * problems for people; {@link dev.nn.core.config.ExperimentWriter} writes an {@link
 * dev.nn.core.config.Experiment} back with every default filled in.
 *
 * <p>Layers are numbered as in the lecture: {@code network.layers[0]} is the input layer, W(l) is
 * n(l−1)×n(l), and w(l)ij is the edge from node i of layer l−1 to node j of layer l.
 *
 * <p>Of its public types, {@link dev.nn.core.config.Experiment} and {@link dev.nn.core.config.ProblemReport} are
 * the Java API; the others are the engine's internal API, public for nn's other packages, not for
 * applications.
 */
package dev.nn.core.config;
