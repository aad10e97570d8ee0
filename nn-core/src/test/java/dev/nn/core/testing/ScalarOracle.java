package dev.nn.core.testing;

import dev.nn.api.Activation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scalar reverse-mode differentiator in the style of micrograd: every number is a node that knows its
 * inputs and how to pass its gradient back to them. It shares no code with the engine, so a network
 * written out of these nodes checks the engine's matrix backpropagation independently.
 */
public final class ScalarOracle {
  private ScalarOracle() {}

  /** One scalar in the expression graph. */
  public static final class Value {
    public final double data;
    public double grad;
    private final Value[] inputs;
    private final Runnable backward;

    private Value(double data, Value[] inputs, java.util.function.Consumer<Value> backwardOf) {
      this.data = data;
      this.inputs = inputs;
      this.backward = backwardOf == null ? () -> { } : () -> backwardOf.accept(this);
    }

    /** A leaf: a parameter or a constant. */
    public static Value of(double data) {
      return new Value(data, new Value[0], null);
    }

    public Value plus(Value o) {
      Value a = this;
      return new Value(a.data + o.data, new Value[] {a, o}, out -> {
        a.grad += out.grad;
        o.grad += out.grad;
      });
    }

    public Value times(Value o) {
      Value a = this;
      return new Value(a.data * o.data, new Value[] {a, o}, out -> {
        a.grad += o.data * out.grad;
        o.grad += a.data * out.grad;
      });
    }

    public Value times(double c) {
      Value a = this;
      return new Value(a.data * c, new Value[] {a}, out -> a.grad += c * out.grad);
    }

    public Value exp() {
      Value a = this;
      double e = Math.exp(a.data);
      return new Value(e, new Value[] {a}, out -> a.grad += e * out.grad);
    }

    public Value log() {
      Value a = this;
      return new Value(Math.log(a.data), new Value[] {a}, out -> a.grad += out.grad / a.data);
    }

    /** φ(this), with φ′ from the activation's scalar form. */
    public Value apply(Activation phi) {
      Value a = this;
      double x = phi.phi(a.data);
      return new Value(x, new Value[] {a}, out -> a.grad += phi.phiPrime(a.data, x) * out.grad);
    }

    /** Sets this node's gradient to 1 and propagates to every node it depends on, in reverse topological order. */
    public void backward() {
      List<Value> order = new ArrayList<>();
      topo(this, new HashSet<>(), order);
      grad = 1.0;
      for (int i = order.size() - 1; i >= 0; i--) {
        order.get(i).backward.run();
      }
    }

    private static void topo(Value v, Set<Value> seen, List<Value> order) {
      // iterative post-order, so deep graphs do not overflow the stack
      java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
      stack.push(new Object[] {v, 0});
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        Value node = (Value) top[0];
        int next = (Integer) top[1];
        if (next == 0 && !seen.add(node)) {
          stack.pop();
          continue;
        }
        if (next < node.inputs.length) {
          top[1] = next + 1;
          Value child = node.inputs[next];
          if (!seen.contains(child)) {
            stack.push(new Object[] {child, 0});
          }
        } else {
          stack.pop();
          order.add(node);
        }
      }
    }
  }
}
