package dev.nn.core.network;

import dev.nn.api.Loss;
import dev.nn.api.TargetKind;

/**
 * What a loss needs of the network it is computed on and of the targets it is given: the checks training makes, in
 * one place, so that every path that computes a loss for an application (the Trainer, a gradient, a model made in
 * code) refuses the same pairs with the same message, rather than returning figures that are silently wrong. It sits
 * beside the network so that the layers above it (models, training) share it.
 */
public final class LossFit {
  private LossFit() {}

  /**
   * Refuses a loss that computes its own output link (it writes ∂L/∂z) over an output layer whose activation is not
   * identity: the gradients would be silently wrong. An experiment never gets here with that pair, its reader reports
   * it as {@code nn/IncompatibleLoss}; this guards networks built in Java code, where there is no file to point at.
   *
   * @param named the loss as a message names it: {@code loss "softmax-cross-entropy"}, or {@code this loss} when
   *     its name is not known
   * @throws IllegalArgumentException naming the output layer and its activation
   */
  public static void requireOutputLink(Network network, Loss loss, String named) {
    String outName = network.activationName(network.outputLayer());
    if (!loss.acceptsOutputActivation(outName)) {
      throw new IllegalArgumentException(named + " owns the output link and needs an identity output layer, found "
          + "activation \"" + outName + "\" on layer " + network.outputLayer());
    }
  }

  /**
   * Refuses a loss of one-hot targets over a network of one output: a softmax over one value is 1 whatever the
   * weights, so its loss is 0 (or, for targets other than 1, meaningless) and nothing is learnt.
   *
   * @param named the loss as a message names it: {@code loss "softmax-cross-entropy"}, or {@code this loss} when
   *     its name is not known
   * @throws IllegalArgumentException saying what to use instead
   */
  public static void requireOutputPerClass(Network network, Loss loss, String named) {
    if (loss.targets() == TargetKind.ONE_HOT && network.width(network.outputLayer()) == 1) {
      throw new IllegalArgumentException(named + " takes one-hot targets, one output per class, but the network has"
          + " 1 output, over which its probabilities are always 1; give the network an output per class, or use a"
          + " loss of one 0/1 output, such as binary-cross-entropy");
    }
  }

  /**
   * Refuses the first target row the loss does not accept ({@link TargetKind#check}): a binary-cross-entropy
   * target of 0.3, a hinge target of 0.
   *
   * @param y targets, rows × outputs, row-major. Not modified.
   * @throws IllegalArgumentException naming the row and its value
   */
  public static void requireTargets(Loss loss, double[] y, int rows, int outputs) {
    for (int r = 0; r < rows; r++) {
      String problem = loss.targets().check(y, r, outputs);
      if (problem != null) {
        throw new IllegalArgumentException("target row " + r + " does not suit the loss: " + problem);
      }
    }
  }
}
