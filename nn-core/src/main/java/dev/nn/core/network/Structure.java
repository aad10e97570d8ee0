package dev.nn.core.network;

import java.util.Arrays;

/**
 * Which edges of a network share a parameter and which are absent — the lecture's shared weights.
 *
 * <p>Edges are numbered in store layout: for l = 1 … L+1, the edges of W(l) row by row (w(l)ij from node
 * i of layer l−1 to node j of layer l), then the biases b(l)j (a bias is the weight of an edge from a
 * constant-1 node, so weights and biases may share). Each edge maps to one <em>free parameter</em> (a slot
 * of the {@link ParameterStore}) or to none when it is absent (fixed at zero). Backpropagation runs as if
 * every edge were independent; the gradient of a free parameter is the sum of its edges' gradients.
 *
 * <p>Slots are allocated in edge order: the first edge of a group allocates the group's slot, so a layer
 * whose every edge is tied to an earlier layer has no slots of its own.
 */
public final class Structure {
  private final int[] widths;
  private final int[] slotOf;
  private final int slots;
  private final int[] firstEdge;
  private final boolean[] decayed;
  private final int[] membersOf;

  private Structure(int[] widths, int[] slotOf) {
    this.widths = widths.clone();
    this.slotOf = slotOf;
    int max = -1;
    for (int s : slotOf) {
      max = Math.max(max, s);
    }
    slots = max + 1;
    firstEdge = new int[slots];
    Arrays.fill(firstEdge, -1);
    decayed = new boolean[slots];
    membersOf = new int[slots];
    EdgeLayout layout = new EdgeLayout(widths);
    for (int e = 0; e < slotOf.length; e++) {
      int s = slotOf[e];
      if (s < 0) {
        continue;
      }
      if (firstEdge[s] < 0) {
        firstEdge[s] = e;
      }
      membersOf[s]++;
      if (layout.isWeight(e)) {
        decayed[s] = true;
      }
    }
    for (int s = 0; s < slots; s++) {
      if (firstEdge[s] < 0) {
        throw new IllegalArgumentException("free parameter " + s + " has no edge; slots must be numbered 0..P-1");
      }
    }
  }

  /**
   * A structure from an edge-to-slot map, as a model file stores it.
   *
   * @param slotOf for every edge its slot in 0 … P−1, or −1 for an absent edge. Not modified.
   */
  public static Structure of(int[] widths, int[] slotOf) {
    int edges = new EdgeLayout(widths).edges();
    if (slotOf.length != edges) {
      throw new IllegalArgumentException("expected a slot for each of " + edges + " edges, found " + slotOf.length);
    }
    return new Structure(widths, slotOf.clone());
  }

  /** Every edge its own parameter: the plain dense network. */
  public static Structure dense(int[] widths) {
    int edges = new EdgeLayout(widths).edges();
    int[] slotOf = new int[edges];
    for (int e = 0; e < edges; e++) {
      slotOf[e] = e;
    }
    return new Structure(widths, slotOf);
  }

  /** Whether every edge is its own free parameter (no sharing, nothing absent). */
  public boolean isDense() {
    return slots == slotOf.length;
  }

  /** The number of edges (weights and biases). */
  public int edges() {
    return slotOf.length;
  }

  /** The number of free parameters. */
  public int freeParameters() {
    return slots;
  }

  /** The number of absent edges. */
  int absentEdges() {
    int n = 0;
    for (int s : slotOf) {
      if (s < 0) {
        n++;
      }
    }
    return n;
  }

  /** The slot of edge {@code e}, or −1 if it is absent. */
  public int slotOf(int e) {
    return slotOf[e];
  }

  /** A copy of the edge-to-slot map. */
  public int[] slotMap() {
    return slotOf.clone();
  }

  /** The first edge (in edge order) of slot {@code s}. */
  int firstEdge(int s) {
    return firstEdge[s];
  }

  /** How many edges share slot {@code s}. */
  public int members(int s) {
    return membersOf[s];
  }

  /** Whether L2 decays slot {@code s}: it does when any of its edges is a weight (not a bias). */
  public boolean decayed(int s) {
    return decayed[s];
  }

  /** n(0) … n(L+1). */
  public int[] widths() {
    return widths.clone();
  }

  /** Edge numbering of a network: where W(l) and b(l) start. */
  static final class EdgeLayout {
    final int[] weightOffset;
    final int[] biasOffset;
    private final int edges;

    EdgeLayout(int[] widths) {
      int layers = widths.length - 1;
      weightOffset = new int[layers + 1];
      biasOffset = new int[layers + 1];
      long offset = 0;
      for (int l = 1; l <= layers; l++) {
        weightOffset[l] = (int) offset;
        offset += (long) widths[l - 1] * widths[l];
        biasOffset[l] = (int) offset;
        offset += widths[l];
        if (offset > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("network too large: more than " + Integer.MAX_VALUE + " edges");
        }
      }
      edges = (int) offset;
    }

    int edges() {
      return edges;
    }

    boolean isWeight(int e) {
      for (int l = 1; l < weightOffset.length; l++) {
        if (e >= weightOffset[l] && e < biasOffset[l]) {
          return true;
        }
      }
      return false;
    }
  }
}
