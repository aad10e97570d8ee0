/** The documentation's runnable command blocks, run through the command line. */
package dev.nn.tests.docs;
