/**
 * Guice wiring: one module per concern — the plugins found by the registry (a {@code MapBinder} per
 * plugin kind), the experiment's configuration, and the core objects built from them (data, network,
 * loss, optimizer, schedule, trainer, listeners). {@link dev.nn.core.inject.NnModules} is the public entry.
 */
package dev.nn.core.inject;
