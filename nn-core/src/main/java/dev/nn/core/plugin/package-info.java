/**
 * Plugin discovery: {@link dev.nn.core.plugin.PluginRegistry} is the one place that calls
 * {@link java.util.ServiceLoader}. Built-in plugins are found through the same door as third-party jars.
 */
package dev.nn.core.plugin;
