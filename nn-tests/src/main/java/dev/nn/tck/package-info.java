/**
 * The plugin conformance kit: JUnit 5 contract interfaces whose default test methods check a plugin
 * against the rules every nn plugin must keep. A plugin's test class implements the matching
 * interface and supplies the plugin; the kit checks derivatives against central finite differences
 * in float64, bulk forms against scalar ones, optimizers against their published update rules, and
 * initializers' draws against their documented distribution, seed and fan rule. The value checks run
 * once per {@link dev.nn.tck.Precision}: in float64, and in float32 as the core runs a plugin under
 * {@code compute: {precision: float32}} (float inputs, outputs rounded to float); the derivative
 * checks always run in float64.
 *
 * <pre>{@code
 * class SwishTests implements ActivationContract {
 *   public Activation activation() { return new SwishProvider().create(Settings.empty("activation swish")); }
 * }
 * }</pre>
 */
package dev.nn.tck;
