/**
 * Tests of the built-in losses: each passes {@link dev.nn.tck.LossContract}, matches values worked out
 * by hand from its published formula, and is registered for {@link java.util.ServiceLoader}; the
 * contract itself is shown to catch a wrong seed.
 */
package dev.nn.tests.losses;
