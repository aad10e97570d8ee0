/** Words for people: "did you mean" suggestions for misspelt keys, names and columns. *
 * <p>This package is the engine's internal API, public for nn's other packages, not for applications.
 */
package dev.nn.core.text;
