package dev.nn.core.network;

import java.util.Arrays;

/**
 * Declares shared and absent edges, then numbers the free parameters. Groups are kept in a union–find
 * forest, so an edge listed in two groups merges them. An edge that is both shared and absent is an error.
 *
 * <pre>{@code
 * Structure s = new StructureBuilder(new int[] {784, 64, 784})
 *     .tieWeights(2, 1, true)          // W(2) = W(1)ᵀ: the tied autoencoder
 *     .build();
 * }</pre>
 */
public final class StructureBuilder {
  private final int[] widths;
  private final Structure.EdgeLayout layout;
  private final int[] parent;
  private final boolean[] absent;
  private final boolean[] tied;

  /** Starts from the dense network of these widths: every edge its own parameter. */
  public StructureBuilder(int[] widths) {
    this.widths = widths.clone();
    this.layout = new Structure.EdgeLayout(widths);
    int edges = layout.edges();
    parent = new int[edges];
    for (int e = 0; e < edges; e++) {
      parent[e] = e;
    }
    absent = new boolean[edges];
    tied = new boolean[edges];
  }

  /** The edge of w(l)ij. */
  public int weightEdge(int l, int i, int j) {
    checkLayer(l);
    if (i < 0 || i >= widths[l - 1] || j < 0 || j >= widths[l]) {
      throw new IndexOutOfBoundsException("layers[" + l + "].W[" + i + "][" + j + "] is outside W(" + l + "), which is "
          + widths[l - 1] + "x" + widths[l]);
    }
    return layout.weightOffset[l] + i * widths[l] + j;
  }

  /** The edge of b(l)j. */
  public int biasEdge(int l, int j) {
    checkLayer(l);
    if (j < 0 || j >= widths[l]) {
      throw new IndexOutOfBoundsException("layers[" + l + "].b[" + j + "] is outside b(" + l + "), which has "
          + widths[l] + " entries");
    }
    return layout.biasOffset[l] + j;
  }

  /** These edges share one parameter (with any group they already belong to). */
  public StructureBuilder share(int... edges) {
    for (int k = 1; k < edges.length; k++) {
      union(edges[0], edges[k]);
    }
    return this;
  }

  /**
   * Every edge of W(l) shares with the matching edge of W(to): w(l)ij with w(to)ij, or with w(to)ji when
   * {@code transpose} (the tied autoencoder's decoder = encoderᵀ).
   */
  public StructureBuilder tieWeights(int l, int to, boolean transpose) {
    int rows = widths[l - 1];
    int cols = widths[l];
    int toRows = transpose ? widths[to] : widths[to - 1];
    int toCols = transpose ? widths[to - 1] : widths[to];
    if (rows != toRows || cols != toCols) {
      throw new IllegalArgumentException("W(" + l + ") is " + rows + "x" + cols + " but W(" + to + ")"
          + (transpose ? "ᵀ" : "") + " is " + toRows + "x" + toCols);
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        union(weightEdge(l, i, j), transpose ? weightEdge(to, j, i) : weightEdge(to, i, j));
      }
    }
    return this;
  }

  /** Every bias of b(l) shares with the matching bias of b(to). */
  public StructureBuilder tieBiases(int l, int to) {
    if (widths[l] != widths[to]) {
      throw new IllegalArgumentException("b(" + l + ") has " + widths[l] + " entries but b(" + to + ") has " + widths[to]);
    }
    for (int j = 0; j < widths[l]; j++) {
      union(biasEdge(l, j), biasEdge(to, j));
    }
    return this;
  }

  /** These edges are absent: fixed at zero, never updated, not counted as parameters. */
  public StructureBuilder absent(int... edges) {
    for (int e : edges) {
      absent[e] = true;
    }
    return this;
  }

  /**
   * Layer l as a 1-D convolution (cross-correlation, valid padding): the input is {@code channels} ×
   * {@code length} (channel-major), the output {@code outChannels} × ((length − kernel)/stride + 1). Output
   * (o, p) sees inputs (c, p·stride + t) for t {@literal <} kernel through kernel weight K[o][c][t]; every other edge
   * of W(l) is absent; each output channel has one bias.
   */
  public StructureBuilder conv1d(int l, int channels, int length, int kernel, int stride, int outChannels) {
    return conv2d(l, channels, 1, length, 1, kernel, 1, stride, outChannels);
  }

  /**
   * Layer l as a 2-D convolution (cross-correlation, valid padding, no kernel flip). Input (c, y, x) is node
   * c·H·W + y·W + x of layer l−1; output (o, p, q) is node o·Ho·Wo + p·Wo + q of layer l, with Ho = (H − kh)/sh
   * + 1 and Wo = (W − kw)/sw + 1. The edge from (c, p·sh + u, q·sw + v) to (o, p, q) is kernel weight
   * K[o][c][u][v]; all other edges of W(l) are absent; b(l) at (o, p, q) is the channel bias B[o].
   */
  public StructureBuilder conv2d(int l, int channels, int height, int width, int kh, int kw, int sh, int sw,
      int outChannels) {
    checkLayer(l);
    if (channels < 1 || kh < 1 || kw < 1 || sh < 1 || sw < 1 || outChannels < 1 || kh > height || kw > width) {
      throw new IllegalArgumentException("invalid convolution: input " + channels + "x" + height + "x" + width
          + ", kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw + ", " + outChannels + " output channels");
    }
    int ho = (height - kh) / sh + 1;
    int wo = (width - kw) / sw + 1;
    if (channels * height * width != widths[l - 1] || outChannels * ho * wo != widths[l]) {
      throw new IllegalArgumentException("a convolution from " + channels + "x" + height + "x" + width + " to "
          + outChannels + "x" + ho + "x" + wo + " needs layers of " + channels * height * width + " and "
          + outChannels * ho * wo + " units, found " + widths[l - 1] + " and " + widths[l]);
    }
    int[] kernelRep = new int[outChannels * channels * kh * kw];
    Arrays.fill(kernelRep, -1);
    int inSize = height * width;
    int outSize = ho * wo;
    boolean[] present = new boolean[widths[l - 1] * widths[l]];
    for (int o = 0; o < outChannels; o++) {
      int biasRep = -1;
      for (int p = 0; p < ho; p++) {
        for (int q = 0; q < wo; q++) {
          int j = o * outSize + p * wo + q;
          int b = biasEdge(l, j);
          biasRep = biasRep < 0 ? b : biasRep;
          union(biasRep, b);
          for (int c = 0; c < channels; c++) {
            for (int u = 0; u < kh; u++) {
              for (int v = 0; v < kw; v++) {
                int i = c * inSize + (p * sh + u) * width + (q * sw + v);
                int e = weightEdge(l, i, j);
                present[i * widths[l] + j] = true;
                int k = ((o * channels + c) * kh + u) * kw + v;
                if (kernelRep[k] < 0) {
                  kernelRep[k] = e;
                }
                union(kernelRep[k], e);
              }
            }
          }
        }
      }
    }
    for (int r = 0; r < present.length; r++) {
      if (!present[r]) {
        absent[layout.weightOffset[l] + r] = true;
      }
    }
    return this;
  }

  /**
   * Numbers the free parameters.
   *
   * @throws IllegalArgumentException naming an edge that is both shared and absent
   */
  public Structure build() {
    int edges = parent.length;
    for (int e = 0; e < edges; e++) {
      if (absent[e] && tied[e]) {
        throw new IllegalArgumentException(describe(e) + " is both shared and absent");
      }
    }
    int[] slotOfRoot = new int[edges];
    Arrays.fill(slotOfRoot, -1);
    int[] slotOf = new int[edges];
    int next = 0;
    for (int e = 0; e < edges; e++) {
      if (absent[e]) {
        slotOf[e] = -1;
        continue;
      }
      int r = find(e);
      if (slotOfRoot[r] < 0) {
        slotOfRoot[r] = next++;
      }
      slotOf[e] = slotOfRoot[r];
    }
    return Structure.of(widths, slotOf);
  }

  /** {@code layers[2].W[3][1]} or {@code layers[2].b[1]}. */
  String describe(int e) {
    for (int l = 1; l < widths.length; l++) {
      if (e >= layout.weightOffset[l] && e < layout.biasOffset[l]) {
        int r = e - layout.weightOffset[l];
        return "layers[" + l + "].W[" + r / widths[l] + "][" + r % widths[l] + "]";
      }
      if (e >= layout.biasOffset[l] && e < layout.biasOffset[l] + widths[l]) {
        return "layers[" + l + "].b[" + (e - layout.biasOffset[l]) + "]";
      }
    }
    throw new IndexOutOfBoundsException("edge " + e);
  }

  private void union(int a, int b) {
    tied[a] = true;
    tied[b] = true;
    int ra = find(a);
    int rb = find(b);
    if (ra != rb) {
      // the smaller edge number stays the root, so slot order follows edge order
      if (ra < rb) {
        parent[rb] = ra;
      } else {
        parent[ra] = rb;
      }
    }
  }

  private int find(int e) {
    int r = e;
    while (parent[r] != r) {
      r = parent[r];
    }
    while (parent[e] != r) {
      int next = parent[e];
      parent[e] = r;
      e = next;
    }
    return r;
  }

  private void checkLayer(int l) {
    if (l < 1 || l >= widths.length) {
      throw new IndexOutOfBoundsException("layer " + l + " outside 1.." + (widths.length - 1));
    }
  }
}
