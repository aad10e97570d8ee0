/**
 * Algorithmic stability measured: pairs of training runs that share every random choice (initialisation,
 * shuffle order by position) and differ in one training sample, their parameter distance and loss
 * differences over time, and — for logistic regression trained by plain SGD — the bound of Hardt, Recht
 * and Singer (2016) that the measured distance must stay under.
 *
 * <p>Public for the Java API and the {@code nn} command: {@link dev.nn.core.stability.StabilityStudy},
 * {@link dev.nn.core.stability.StabilityOptions}, {@link dev.nn.core.stability.StabilityResult} and
 * {@link dev.nn.core.stability.StabilityException}; the rest is internal.
 */
package dev.nn.core.stability;
