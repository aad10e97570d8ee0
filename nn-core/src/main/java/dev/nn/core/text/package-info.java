/** Words for people: "did you mean" suggestions for misspelt keys, names and columns. */
package dev.nn.core.text;
