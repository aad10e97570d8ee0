/**
 * Tests of the {@code nn} command as a user meets it: with a third-party plugin jar on the plugin path,
 * and through the {@code nn} launcher script at the project's root.
 */
package dev.nn.tests.cli;
