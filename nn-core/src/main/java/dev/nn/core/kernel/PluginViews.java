package dev.nn.core.kernel;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Seeding;

/**
 * The element-wise steps every runtime shares: plugins read and write {@code double[]} views of a layer
 * ({@link Matrix#read}, {@link Matrix#blank}, {@link Matrix#written}) — the storage itself for heap doubles,
 * otherwise a mirror filled and written back in O(B·n) per layer, never O(n²).
 */
abstract class PluginViews implements Kernels {

  @Override
  public void activate(int rows, int cols, Matrix bias, int biasOffset, Matrix z, Matrix x, Activation phi,
      boolean keep) {
    addRowVector(rows, cols, bias, biasOffset, z, 0);
    int count = rows * cols;
    if (z instanceof HeapFloats && x instanceof HeapFloats && FloatPaths.forward(phi)) {
      // φ exact in float: on the storage itself, the bits the double view would give after rounding
      x.changed();
      phi.forwardFloats(((HeapFloats) z).array, ((HeapFloats) x).array, count);
      return;
    }
    double[] zv = z.read(count);
    double[] xv = x.blank(count);
    phi.forward(zv, xv, count);
    x.written(xv, count);
  }

  @Override
  public void multiplyByDerivative(int count, Matrix z, Matrix x, Matrix delta, Activation phi) {
    if (z instanceof HeapFloats && x instanceof HeapFloats && delta instanceof HeapFloats
        && FloatPaths.backward(phi)) {
      // φ′ exact in float: on the storage itself, as for the forward pass
      delta.changed();
      phi.backwardFloats(((HeapFloats) z).array, ((HeapFloats) x).array, ((HeapFloats) delta).array, count);
      return;
    }
    double[] zv = z.read(count);
    double[] xv = x.read(count);
    double[] dv = delta.read(count);
    phi.backward(zv, xv, dv, count);
    delta.written(dv, count);
  }

  @Override
  public void multiply(int count, Matrix a, double[] factors, Matrix out) {
    double[] av = a.read(count);
    // read before blank: out's array may be a's
    double[] ov = out.blank(count);
    for (int i = 0; i < count; i++) {
      ov[i] = av[i] * factors[i];
    }
    out.written(ov, count);
  }

  @Override
  public double seed(Loss loss, Activation phi, Matrix z, Matrix x, double[] target, RowWeights weights,
      Matrix delta, int rows, int cols) {
    int count = rows * cols;
    double[] zv = z.read(count);
    double[] xv = x.read(count);
    double[] dv = delta.blank(count);
    double sum = weights == null ? loss.seed(zv, xv, target, dv, rows, cols)
        : weights.seed(loss, zv, xv, target, dv, rows, cols);
    if (loss.seeding() == Seeding.DEFAULT) {
      phi.backward(zv, xv, dv, count);
    }
    delta.written(dv, count);
    return sum;
  }

  @Override
  public double lossValue(Loss loss, Matrix z, Matrix x, double[] target, RowWeights weights, int rows, int cols) {
    int count = rows * cols;
    return weights == null ? loss.value(z.read(count), x.read(count), target, rows, cols)
        : weights.value(loss, z.read(count), x.read(count), target, rows, cols);
  }

  @Override
  public void output(Loss link, Matrix z, Matrix x, double[] out, int rows, int cols) {
    int count = rows * cols;
    double[] xv = x.read(count);
    if (link == null) {
      System.arraycopy(xv, 0, out, 0, count);
    } else {
      link.link(z.read(count), xv, out, rows, cols);
    }
  }
}
