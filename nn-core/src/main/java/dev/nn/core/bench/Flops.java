package dev.nn.core.bench;

/**
 * The work one sample costs, counting multiply and add as two operations: forward 2·Σ n(l−1)·n(l),
 * weight gradients 2·Σ n(l−1)·n(l), and input gradients 2·Σ n(l−1)·n(l) over layers 2 … L+1 only (the
 * input layer needs no δ). Biases and activations are not counted. For 784-512-512-10 this is 3.21 MFLOP
 * per trained sample.
 */
final class Flops {
  private Flops() {}

  /** FLOPs of the forward pass of one sample. */
  public static double forward(int[] widths) {
    double f = 0;
    for (int l = 1; l < widths.length; l++) {
      f += 2.0 * widths[l - 1] * widths[l];
    }
    return f;
  }

  /** FLOPs of one training sample: forward, weight gradients and input gradients. */
  public static double training(int[] widths) {
    double inputGradients = 0;
    for (int l = 2; l < widths.length; l++) {
      inputGradients += 2.0 * widths[l - 1] * widths[l];
    }
    return 2 * forward(widths) + inputGradients;
  }
}
