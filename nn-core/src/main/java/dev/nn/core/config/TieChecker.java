package dev.nn.core.config;

import dev.nn.core.text.Counted;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks ties against the layer widths n(0) … n(L+1): every reference names an existing parameter
 * (w(l)ij with i &lt; n(l−1), j &lt; n(l), l in 1 … L+1), tied blocks have equal shapes (transposed where
 * said), convolutions fit their layers exactly, and no parameter is both tied and absent.
 *
 * <p>This is the one check of tie geometry. The reader runs it with the widths written in the file;
 * checks that need a width written {@code auto} are skipped then, so for such a network the engine
 * ({@code experiment.Structures}) runs it once more when the data has fixed those widths. Whatever
 * passes here is a structure {@code network.StructureBuilder} builds without complaint.
 */
public final class TieChecker {
  private final int[] n;
  private final int top;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private TieChecker(int[] widths) {
    this.n = widths.clone();
    this.top = widths.length - 1;
  }

  /**
   * The problems of {@code ties} in a network of these widths, each with id {@code nn/BadTie}; empty
   * when they fit.
   *
   * @param widths n(0) … n(L+1), {@link LayerSpec#AUTO} where not yet known. Not modified.
   */
  public static List<ConfigProblem> check(List<TieSpec> ties, int[] widths) {
    TieChecker c = new TieChecker(widths);
    c.run(ties);
    return List.copyOf(c.problems);
  }

  /** A tied parameter reference and the entry that ties it. */
  private record Tied(ParamRef ref, TieSpec by) {}

  private void run(List<TieSpec> ties) {
    List<Tied> tied = new ArrayList<>();
    List<ParamRef> absent = new ArrayList<>();
    Map<Integer, TieSpec> convs = new HashMap<>();
    for (TieSpec t : ties) {
      if (t instanceof TieSpec.ShareGroup) {
        TieSpec.ShareGroup g = (TieSpec.ShareGroup) t;
        boolean ok = true;
        for (ParamRef r : g.members()) {
          if (refFits(r)) {
            tied.add(new Tied(r, t));
          } else {
            ok = false;
          }
        }
        if (ok && count(g.members()) == 1) {
          bad(g.where(), "a share group needs at least two parameters, found only " + g.members().get(0), "two or more");
        }
      } else if (t instanceof TieSpec.BlockTie) {
        TieSpec.BlockTie b = (TieSpec.BlockTie) t;
        if (refFits(b.tie()) & refFits(b.to()) && blocksFit(b)) {
          tied.add(new Tied(b.tie(), t));
          tied.add(new Tied(b.to(), t));
        }
      } else if (t instanceof TieSpec.Absent) {
        for (ParamRef r : ((TieSpec.Absent) t).params()) {
          if (refFits(r)) {
            absent.add(r);
          }
        }
      } else {
        int layer = t instanceof TieSpec.Conv1d ? ((TieSpec.Conv1d) t).layer() : ((TieSpec.Conv2d) t).layer();
        if (!layerExists(layer, t.where())) {
          continue;
        }
        TieSpec before = convs.putIfAbsent(layer, t);
        if (before != null) {
          bad(t.where(), "layers[" + layer + "] is already a convolution" + at(before), "one convolution per layer");
        } else if (t instanceof TieSpec.Conv1d ? conv1dFits((TieSpec.Conv1d) t) : conv2dFits((TieSpec.Conv2d) t)) {
          Position p = t.where();
          tied.add(new Tied(new ParamRef(layer, ParamKind.W, Span.all(), Span.all(), p), t));
          tied.add(new Tied(new ParamRef(layer, ParamKind.B, Span.of(0), Span.all(), p), t));
        }
      }
    }
    for (ParamRef a : absent) {
      // an index into a width written auto may lie outside the layer: whether it overlaps anything waits for the width
      if (!sizesKnown(a)) {
        continue;
      }
      for (Tied t : tied) {
        if (sizesKnown(t.ref()) && a.overlaps(t.ref())) {
          bad(
              a.where(),
              a + " is both absent and tied: it overlaps " + t.ref() + " in the " + kind(t.by()) + at(t.by()),
              "a parameter is either tied or absent");
          break;
        }
      }
    }
    for (Tied t : tied) {
      TieSpec conv = convs.get(t.ref().layer());
      if (conv != null && t.by() != conv) {
        bad(
            t.ref().where(),
            t.ref() + " belongs to the " + kind(conv) + at(conv) + ", whose kernels already tie W(" + t.ref().layer()
                + ") and b(" + t.ref().layer() + ")",
            "no other tie on a convolution layer");
      }
    }
  }

  /** Whether the sizes {@code r} indexes into are known: none is a width written {@code auto} not yet fixed. */
  private boolean sizesKnown(ParamRef r) {
    int l = r.layer();
    if (l < 1 || l > top) {
      return true;
    }
    return n[l] != LayerSpec.AUTO && (r.kind() != ParamKind.W || n[l - 1] != LayerSpec.AUTO);
  }

  private boolean layerExists(int layer, Position where) {
    String allowed = "layers 1.." + top;
    if (layer == 0) {
      bad(where, "layers[0] is the input layer and has no weights or biases; ties refer to layers 1.." + top, allowed);
      return false;
    }
    if (layer > top) {
      bad(where, "layers[" + layer + "] does not exist; the network has layers 0.." + top, allowed);
      return false;
    }
    return true;
  }

  private boolean refFits(ParamRef r) {
    if (!layerExists(r.layer(), r.where())) {
      return false;
    }
    int l = r.layer();
    if (r.kind() == ParamKind.W) {
      return indexFits(r, "i", r.i(), n[l - 1], "W(" + l + ") is " + shape(l) + ", so i < " + n[l - 1])
          & indexFits(r, "j", r.j(), n[l], "W(" + l + ") is " + shape(l) + ", so j < " + n[l]);
    }
    return indexFits(r, "j", r.j(), n[l], "b(" + l + ") has " + Counted.of(n[l], "entry", "entries") + ", so j < " + n[l]);
  }

  private boolean indexFits(ParamRef r, String name, Span s, int size, String why) {
    if (size == LayerSpec.AUTO || s.to() == Span.END || s.to() < size) {
      return true;
    }
    String value = s.from() == s.to() ? Integer.toString(s.to()) : s + " reaches " + s.to() + ", which";
    bad(r.where(), r + ": " + name + " = " + value + " is out of range; " + why, name + " < " + size);
    return false;
  }

  private boolean blocksFit(TieSpec.BlockTie b) {
    ParamRef x = b.tie();
    ParamRef y = b.to();
    if (x.layer() == y.layer() && x.kind() == y.kind()) {
      bad(b.where(), x.block() + " cannot be tied to itself", "two different blocks");
      return false;
    }
    if (x.kind() != y.kind()) {
      bad(b.where(), x.block() + " cannot be tied to " + y.block() + ": both must be W or both b", "W to W, or b to b");
      return false;
    }
    if (x.kind() == ParamKind.B) {
      if (b.transpose()) {
        bad(b.where(), "transpose applies to weight blocks only, found " + x.block(), "transpose: false for biases");
        return false;
      }
      if (known(x.layer(), y.layer()) && n[x.layer()] != n[y.layer()]) {
        bad(
            b.where(),
            "shapes differ: b(" + x.layer() + ") has " + Counted.of(n[x.layer()], "entry", "entries") + " but b(" + y.layer() + ") has "
                + n[y.layer()],
            "blocks of equal length");
        return false;
      }
      return true;
    }
    int a = x.layer();
    int c = y.layer();
    if (!known(a - 1, a, c - 1, c)) {
      return true;
    }
    boolean straight = n[a - 1] == n[c - 1] && n[a] == n[c];
    boolean turned = n[a - 1] == n[c] && n[a] == n[c - 1];
    if (b.transpose() ? turned : straight) {
      return true;
    }
    String other = b.transpose() ? "W(" + c + ")ᵀ is " + n[c] + "×" + n[c - 1] : "W(" + c + ") is " + shape(c);
    String hint = (b.transpose() ? straight : turned) ? "; with transpose: " + !b.transpose() + " they would match" : "";
    bad(b.where(), "shapes differ: W(" + a + ") is " + shape(a) + " but " + other + hint, "blocks of equal shape");
    return false;
  }

  private boolean conv1dFits(TieSpec.Conv1d c) {
    int l = c.layer();
    if (c.kernel() > c.length()) {
      bad(c.where(), "kernel " + c.kernel() + " is longer than the input length " + c.length(), "kernel <= length");
      return false;
    }
    long in = (long) c.channels() * c.length();
    if (!inputFits(l, in, "conv1d input " + c.channels() + "×" + c.length(), c.where())) {
      return false;
    }
    long out = (long) c.outChannels() * c.outLength();
    return outputFits(
        l, out, "conv1d output is " + Counted.of(c.outChannels(), "channel", "channels") + " × " + Counted.of(c.outLength(), "position", "positions"), c.where());
  }

  private boolean conv2dFits(TieSpec.Conv2d c) {
    int l = c.layer();
    if (c.kernelHeight() > c.height() || c.kernelWidth() > c.width()) {
      bad(
          c.where(),
          "kernel " + c.kernelHeight() + "×" + c.kernelWidth() + " is larger than the input " + c.height() + "×" + c.width(),
          "kernel within the input");
      return false;
    }
    long in = (long) c.channels() * c.height() * c.width();
    if (!inputFits(l, in, "conv2d input " + c.channels() + "×" + c.height() + "×" + c.width(), c.where())) {
      return false;
    }
    long out = (long) c.outChannels() * c.outHeight() * c.outWidth();
    return outputFits(
        l,
        out,
        "conv2d output is " + Counted.of(c.outChannels(), "channel", "channels") + " × " + c.outHeight() + "×" + c.outWidth() + " positions",
        c.where());
  }

  private boolean inputFits(int l, long in, String what, Position where) {
    if (n[l - 1] == LayerSpec.AUTO || in == n[l - 1]) {
      return true;
    }
    bad(
        where,
        what + " is " + Counted.of(in, "value", "values") + ", but layer " + (l - 1) + " has " + Counted.of(n[l - 1], "node", "nodes"),
        // what fits: the layer resized to the tie, or the tie to the layer
        "network.layers[" + (l - 1) + "].units: " + in + ", or a tie whose input is " + n[l - 1] + " values");
    return false;
  }

  private boolean outputFits(int l, long out, String what, Position where) {
    if (n[l] == LayerSpec.AUTO || out == n[l]) {
      return true;
    }
    bad(
        where,
        what + " = " + Counted.of(out, "value", "values") + ", but layer " + l + " has " + Counted.of(n[l], "node", "nodes"),
        "network.layers[" + l + "].units: " + out + ", or a tie whose output is " + n[l] + " values");
    return false;
  }

  private boolean known(int... layers) {
    for (int l : layers) {
      if (n[l] == LayerSpec.AUTO) {
        return false;
      }
    }
    return true;
  }

  private long count(List<ParamRef> refs) {
    long total = 0;
    for (ParamRef r : refs) {
      int rows = r.kind() == ParamKind.W ? n[r.layer() - 1] : 1;
      int cols = n[r.layer()];
      boolean open = r.i().to() == Span.END || r.j().to() == Span.END;
      if (open && (rows == LayerSpec.AUTO || cols == LayerSpec.AUTO)) {
        return Long.MAX_VALUE;
      }
      total += (long) r.i().count(rows) * r.j().count(cols);
    }
    return total;
  }

  private String shape(int l) {
    return dim(l - 1) + "×" + dim(l);
  }

  private String dim(int l) {
    return n[l] == LayerSpec.AUTO ? "n(" + l + ")" : Integer.toString(n[l]);
  }

  private static String kind(TieSpec t) {
    if (t instanceof TieSpec.ShareGroup) {
      return "share group";
    }
    if (t instanceof TieSpec.BlockTie) {
      return "tie";
    }
    return t instanceof TieSpec.Conv1d ? "conv1d" : "conv2d";
  }

  private static String at(TieSpec t) {
    return t.where().line() > 0 ? " at line " + t.where().line() : "";
  }

  private void bad(Position where, String message, String allowed) {
    problems.add(new ConfigProblem(ProblemId.BAD_TIE, where.path(), where.line(), where.column(), message, allowed, List.of()));
  }
}
