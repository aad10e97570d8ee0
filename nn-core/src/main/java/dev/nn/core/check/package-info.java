/**
 * Checking backpropagation against central finite differences of the objective J, in float64.
 */
package dev.nn.core.check;
