/**
 * Benchmarks that run experiments through the same classes {@code nn train} uses — Guice wiring, network,
 * loss, optimizer, trainer — and report samples per second and GFLOP/s.
 */
package dev.nn.core.bench;
