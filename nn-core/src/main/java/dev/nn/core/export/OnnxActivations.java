package dev.nn.core.export;

import java.util.Map;

/**
 * nn's built-in activations and output links as ONNX operators on double tensors, each computing what nn
 * computes, in the same order of operations where ONNX allows it.
 *
 * <p>Several have an ONNX operator of their own (Softplus, Softsign, LeakyRelu, Elu, HardSigmoid, Erf for the
 * exact GELU) that this class does not use: ONNX Runtime implements those for float only, ONNX's Softplus has
 * neither nn's β nor its threshold, and HardSigmoid computes αz + β rather than nn's min(max(z + 3, 0), 6)/6.
 * They are written with elementary operators (Where, Greater, Exp, Log, Abs, Clip, …) that ONNX Runtime runs in
 * double. ONNX has no log1p or expm1, which nn uses for softplus and elu; the two are computed with the
 * classic corrections (below), which keep their full relative accuracy near 0, where log(1 + u) and e^z − 1
 * would lose it.
 */
final class OnnxActivations {
  private OnnxActivations() {}

  /** φ(z) of {@code activation} on the tensor {@code z}; returns the output's name. */
  static String apply(OnnxGraph g, BuiltInActivation activation, String z) {
    switch (activation.name()) {
      case "identity":
        return z;
      case "relu":
        return g.op("Relu", z);
      case "sigmoid":
        return sigmoid(g, z);
      case "tanh":
        return g.op("Tanh", z);
      case "softsign":
        // z / (1 + |z|)
        return g.op("Div", z, g.op("Add", g.scalar(1), g.op("Abs", z)));
      case "silu":
        return g.op("Mul", z, sigmoid(g, z));
      case "leaky-relu":
        // z > 0 ? z : slope·z
        return g.op("Where", g.op("Greater", z, g.scalar(0)), z,
            g.op("Mul", g.scalar(activation.number("slope")), z));
      case "elu":
        // z > 0 ? z : α·expm1(z)
        return g.op("Where", g.op("Greater", z, g.scalar(0)), z,
            g.op("Mul", g.scalar(activation.number("alpha")), expm1(g, z)));
      case "hard-sigmoid":
        // min(max(z + 3, 0), 6) / 6
        return g.op("Div", g.op("Clip", g.op("Add", z, g.scalar(3)), g.scalar(0), g.scalar(6)), g.scalar(6));
      case "hard-tanh":
        return g.op("Clip", z, g.scalar(activation.number("min")), g.scalar(activation.number("max")));
      case "softplus":
        return softplus(g, z, activation.number("beta"), activation.number("threshold"));
      case "gelu":
        return "tanh".equals(activation.text("approximate")) ? geluTanh(g, z) : gelu(g, z);
      default:
        throw new IllegalArgumentException("no ONNX form for built-in activation " + activation.name());
    }
  }

  /** The prediction {@code link} makes of the output layer {@code x}. */
  static String link(OnnxGraph g, OutputLink link, String x) {
    switch (link) {
      case SIGMOID:
        return sigmoid(g, x);
      case SOFTMAX:
        // opset 13 and later: along the last axis, each row on its own
        return g.op("Softmax", Map.of("axis", -1L), x);
      default:
        return x;
    }
  }

  /**
   * With t = βz: z where t &gt; threshold, else log(1 + e^t)/β, computed as nn does as max(t, 0) +
   * log1p(e^(−|t|)), where exp never overflows.
   */
  private static String softplus(OnnxGraph g, String z, double beta, double threshold) {
    String t = g.op("Mul", z, g.scalar(beta));
    String log1pExp = g.op("Add", g.op("Max", t, g.scalar(0)), log1p(g, g.op("Exp", g.op("Neg", g.op("Abs", t)))));
    return g.op("Where", g.op("Greater", t, g.scalar(threshold)), z, g.op("Div", log1pExp, g.scalar(beta)));
  }

  /** z·Φ(z), Φ in double precision (see {@link OnnxNormalCdf}). */
  private static String gelu(OnnxGraph g, String z) {
    return g.op("Mul", z, OnnxNormalCdf.apply(g, z));
  }

  /**
   * z·σ(2u) with u = √(2/π)(z + 0.044715z³): the same number as z(1 + tanh u)/2, and the form nn computes,
   * which keeps its relative accuracy where tanh u rounds to −1.
   */
  private static String geluTanh(OnnxGraph g, String z) {
    String cube = g.op("Mul", z, g.op("Mul", z, z));
    String inner = g.op("Add", z, g.op("Mul", g.scalar(0.044715), cube));
    String twiceU = g.op("Mul", g.scalar(2.0 * 0.7978845608028654), inner);
    return g.op("Mul", z, sigmoid(g, twiceU));
  }

  /**
   * σ(t) as nn computes it: with e = e^(−|t|), 1/(1 + e) for t ≥ 0 and e/(1 + e) for t &lt; 0, so that exp never
   * overflows and σ keeps its relative accuracy far left. ONNX's Sigmoid is not used: in double, ONNX Runtime's
   * loses relative accuracy below about t = −15 (1.5e−8 at t = −20) and underflows to 0 far earlier than σ does;
   * and its optimizer fuses z·Sigmoid(z) into an operator (QuickGelu) it implements for float only.
   */
  private static String sigmoid(OnnxGraph g, String t) {
    String e = g.op("Exp", g.op("Neg", g.op("Abs", t)));
    return g.op("Div", g.op("Where", g.op("Less", t, g.scalar(0)), e, g.scalar(1)), g.op("Add", g.scalar(1), e));
  }

  /**
   * log(1 + u) for u ≥ 0, accurate for small u: with w = 1 + u rounded, u·log(w)/(w − 1), or u itself where w
   * rounds to 1 (D. Goldberg, What every computer scientist should know about floating-point arithmetic,
   * 1991, theorem 4).
   */
  private static String log1p(OnnxGraph g, String u) {
    String w = g.op("Add", g.scalar(1), u);
    String corrected = g.op("Mul", u, g.op("Div", g.op("Log", w), g.op("Sub", w, g.scalar(1))));
    return g.op("Where", g.op("Equal", w, g.scalar(1)), u, corrected);
  }

  /**
   * e^z − 1 for z ≤ 0, accurate for small |z|: with v = e^z rounded, (v − 1)·z/log(v), z itself where v
   * rounds to 1, and −1 where v − 1 does (W. Kahan's expm1).
   */
  private static String expm1(OnnxGraph g, String z) {
    String v = g.op("Exp", z);
    String vMinus1 = g.op("Sub", v, g.scalar(1));
    String corrected = g.op("Mul", vMinus1, g.op("Div", z, g.op("Log", v)));
    String farLeft = g.op("Where", g.op("Equal", vMinus1, g.scalar(-1)), g.scalar(-1), corrected);
    return g.op("Where", g.op("Equal", v, g.scalar(1)), z, farLeft);
  }
}
