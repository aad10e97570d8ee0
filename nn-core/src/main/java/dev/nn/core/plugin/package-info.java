/**
 * Plugin discovery: {@link dev.nn.core.plugin.PluginRegistry} is the one place that calls
 * {@link java.util.ServiceLoader}. Built-in plugins are found through the same door as third-party jars.
 *
 * <p>Plugins fail loudly: {@link dev.nn.core.plugin.PluginPath} checks every jar of the plugin path before it
 * is loaded, the registry refuses a provider class found in two jars and reports each provider it cannot list,
 * and {@link dev.nn.core.plugin.PluginRegistry#blame} tells an exception a plugin threw from a bug in nn by
 * the stack trace, once, where a command ends, so that no call of a plugin in the hot loops needs a wrapper.
 * Text a plugin supplies is escaped before anything prints it.
 */
package dev.nn.core.plugin;
