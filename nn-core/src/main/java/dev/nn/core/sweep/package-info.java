/**
 * Sweeps: a grid of ordinary training runs over the values of some experiment keys, and the table of their
 * results ({@link dev.nn.core.sweep.SweepTable}, {@code sweep.csv} and {@code sweep.md}) kept in the sweep's
 * folder as the points finish.
 */
package dev.nn.core.sweep;
