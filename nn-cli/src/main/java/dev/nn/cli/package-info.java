/**
 * The {@code nn} command line: {@code train}, {@code evaluate}, {@code predict}, {@code plugins},
 * {@code validate} and {@code gradcheck}, each a thin layer over the Java API {@link dev.nn.core.Nn}. This
 * package parses arguments, prints results and progress, and turns exceptions into one readable message and
 * an exit code; it holds no training, data or model logic of its own.
 */
package dev.nn.cli;
