/**
 * Tests of nn as a third-party plugin author meets it: the example project in
 * {@code examples/plugin-example} is compiled against nn-api alone, packed into a jar, and loaded
 * through its own class loader by the plugin registry.
 */
package dev.nn.tests.plugins;
