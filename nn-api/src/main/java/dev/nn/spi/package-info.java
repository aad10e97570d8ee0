/**
 * How plugins are found and configured.
 *
 * <p>A plugin is a public class with a public no-argument constructor implementing one of
 * {@link dev.nn.spi.ActivationProvider}, {@link dev.nn.spi.LossProvider},
 * {@link dev.nn.spi.OptimizerProvider} or {@link dev.nn.spi.InitializerProvider}, listed in the jar's
 * {@code META-INF/services/<interface name>} file. nn finds it with {@link java.util.ServiceLoader}; its
 * {@link dev.nn.spi.PluginProvider#name() name} is what an experiment's YAML writes, and its settings
 * arrive as a {@link dev.nn.spi.Settings} view of the YAML mapping, e.g.
 * {@code loss: {name: huber, delta: 1.0}}.
 */
package dev.nn.spi;
