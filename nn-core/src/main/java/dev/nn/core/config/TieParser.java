package dev.nn.core.config;

import dev.nn.spi.ProblemId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code network.ties}: each entry one of {@code share}, {@code tie}/{@code to}, {@code absent},
 * {@code conv1d}, {@code conv2d}. Whether the entries fit the layer widths is {@link TieChecker}'s job.
 */
final class TieParser {
  private static final List<String> KINDS = List.of("share", "tie", "absent", "conv1d", "conv2d");
  private static final Pattern REF = Pattern.compile("layers\\[(\\d+)\\]\\.(W|b)((?:\\[[^\\]]*\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern SPAN = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");
  private static final String REF_FORM =
      "layers[l].W[i][j] or layers[l].b[j], where an index is a number, an inclusive range a..b or *";

  private final NodeReader reader;

  TieParser(NodeReader reader) {
    this.reader = reader;
  }

  /** The entries, or {@code null} when some could not be read (all problems reported). */
  List<TieSpec> parse(Node node, String path) {
    List<Node> items = reader.sequence(node, path, "a list of ties");
    if (items == null) {
      return null;
    }
    List<TieSpec> ties = new ArrayList<>();
    boolean ok = true;
    for (int k = 0; k < items.size(); k++) {
      TieSpec t = entry(items.get(k), path + "[" + k + "]");
      if (t == null) {
        ok = false;
      } else {
        ties.add(t);
      }
    }
    return ok ? ties : null;
  }

  private TieSpec entry(Node node, String path) {
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    List<String> present = new ArrayList<>();
    for (String kind : KINDS) {
      if (v.has(kind)) {
        present.add(kind);
      }
    }
    if (present.size() != 1) {
      if (present.isEmpty()) {
        KINDS.forEach(v::get);
        v.get("to");
        v.get("transpose");
        int before = reader.problems().size();
        v.finish();
        if (reader.problems().size() == before) {
          reader.report(
              ProblemId.MISSING_KEY, path, node, "a tie needs one of " + String.join(", ", KINDS), String.join(", ", KINDS));
        }
      } else {
        reader.report(
            ProblemId.BAD_TIE,
            path,
            node,
            "a tie has exactly one of " + String.join(", ", KINDS) + ", found " + String.join(" and ", present),
            "one of them per entry");
      }
      return null;
    }
    Position where = reader.position(path, node);
    TieSpec t;
    switch (present.get(0)) {
      case "share":
        List<ParamRef> members = refs(v.get("share"), v.child("share"));
        t = members == null ? null : new TieSpec.ShareGroup(members, where);
        break;
      case "absent":
        List<ParamRef> params = refs(v.get("absent"), v.child("absent"));
        t = params == null ? null : new TieSpec.Absent(params, where);
        break;
      case "tie":
        t = blockTie(v, where);
        break;
      case "conv1d":
        t = conv1d(v.get("conv1d"), v.child("conv1d"));
        break;
      default:
        t = conv2d(v.get("conv2d"), v.child("conv2d"));
        break;
    }
    v.finish();
    return t;
  }

  private List<ParamRef> refs(Node node, String path) {
    List<Node> items = reader.sequence(node, path, "a list of parameters such as layers[1].W[0][3]");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      reader.report(ProblemId.BAD_TIE, path, node, "the list is empty", "at least one parameter");
      return null;
    }
    List<ParamRef> refs = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      refs.add(ref(items.get(k), path + "[" + k + "]"));
    }
    return refs.contains(null) ? null : refs;
  }

  private TieSpec blockTie(MapView v, Position where) {
    ParamRef tie = block(v.get("tie"), v.child("tie"));
    Node toNode = v.require("to", "the block that owns the values, e.g. layers[1].W");
    ParamRef to = toNode == null ? null : block(toNode, v.child("to"));
    Node t = v.get("transpose");
    Boolean transpose = t == null ? Boolean.FALSE : reader.bool(t, v.child("transpose"));
    if (tie == null || to == null || transpose == null) {
      return null;
    }
    return new TieSpec.BlockTie(tie, to, transpose, where);
  }

  private ParamRef block(Node node, String path) {
    ParamRef r = ref(node, path);
    if (r != null && !r.isWholeBlock()) {
      reader.report(
          ProblemId.BAD_TIE,
          path,
          node,
          "tie and to take a whole block such as " + r.block() + ", found " + r,
          "layers[l].W or layers[l].b");
      return null;
    }
    return r;
  }

  /** Reads one reference such as {@code layers[1].W[0][0..4]}, or reports it and returns {@code null}. */
  ParamRef ref(Node node, String path) {
    String text = reader.string(node, path, "a parameter such as layers[1].W[0][3]");
    if (text == null) {
      return null;
    }
    String t = text.replace(" ", "");
    Matcher m = REF.matcher(t);
    if (!m.matches()) {
      reader.report(ProblemId.BAD_TIE, path, node, "cannot read \"" + text + "\"", REF_FORM);
      return null;
    }
    ParamKind kind = m.group(2).equals("W") ? ParamKind.W : ParamKind.B;
    List<Span> spans = new ArrayList<>();
    Matcher im = INDEX.matcher(m.group(3));
    while (im.find()) {
      Span s = span(im.group(1));
      if (s == null) {
        reader.report(ProblemId.BAD_TIE, path, node, "cannot read index [" + im.group(1) + "] in \"" + text + "\"", REF_FORM);
        return null;
      }
      if (s.from() > s.to()) {
        reader.report(ProblemId.BAD_TIE, path, node, "empty range " + s.from() + ".." + s.to() + " in \"" + text + "\"", "a..b with a <= b");
        return null;
      }
      spans.add(s);
    }
    int needed = kind == ParamKind.W ? 2 : 1;
    if (!spans.isEmpty() && spans.size() != needed) {
      reader.report(
          ProblemId.BAD_TIE,
          path,
          node,
          (kind == ParamKind.W ? "W takes two indices [i][j]" : "b takes one index [j]") + ", found \"" + text + "\"",
          REF_FORM);
      return null;
    }
    int layer;
    try {
      layer = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      reader.report(ProblemId.BAD_TIE, path, node, "layer number too large in \"" + text + "\"", REF_FORM);
      return null;
    }
    Position where = reader.position(path, node);
    if (spans.isEmpty()) {
      return new ParamRef(layer, kind, kind == ParamKind.W ? Span.all() : Span.of(0), Span.all(), where);
    }
    return kind == ParamKind.W
        ? new ParamRef(layer, kind, spans.get(0), spans.get(1), where)
        : new ParamRef(layer, kind, Span.of(0), spans.get(0), where);
  }

  private static Span span(String index) {
    if (index.equals("*")) {
      return Span.all();
    }
    Matcher m = SPAN.matcher(index);
    if (!m.matches()) {
      return null;
    }
    try {
      int from = Integer.parseInt(m.group(1));
      int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
      return to == Span.END ? null : new Span(from, to);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private TieSpec conv1d(Node node, String path) {
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    Integer layer = required(v, "layer", "the layer l that is the convolution");
    int[] input = dims(v.require("input", "[channels, length]"), v.child("input"), 2, "[channels, length]");
    Integer kernel = required(v, "kernel", "the kernel width");
    Integer stride = optional(v, "stride");
    Integer channels = required(v, "channels", "the number of output channels");
    v.finish();
    if (layer == null || input == null || kernel == null || stride == null || channels == null) {
      return null;
    }
    return new TieSpec.Conv1d(layer, input[0], input[1], kernel, stride, channels, reader.position(path, node));
  }

  private TieSpec conv2d(Node node, String path) {
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    Integer layer = required(v, "layer", "the layer l that is the convolution");
    int[] input = dims(v.require("input", "[channels, height, width]"), v.child("input"), 3, "[channels, height, width]");
    Node k = v.require("kernel", "kh or [kh, kw]");
    int[] kernel = k == null ? null : pair(k, v.child("kernel"), "kh or [kh, kw]");
    Node s = v.get("stride");
    int[] stride = s == null ? new int[] {1, 1} : pair(s, v.child("stride"), "sh or [sh, sw]");
    Integer channels = required(v, "channels", "the number of output channels");
    v.finish();
    if (layer == null || input == null || kernel == null || stride == null || channels == null) {
      return null;
    }
    return new TieSpec.Conv2d(
        layer, input[0], input[1], input[2], kernel[0], kernel[1], stride[0], stride[1], channels, reader.position(path, node));
  }

  private Integer required(MapView v, String key, String allowed) {
    Node n = v.require(key, allowed);
    return n == null ? null : reader.count(n, v.child(key), 1);
  }

  private Integer optional(MapView v, String key) {
    Node n = v.get(key);
    return n == null ? Integer.valueOf(1) : reader.count(n, v.child(key), 1);
  }

  /** One integer (both dimensions) or a list of two. */
  private int[] pair(Node node, String path, String expected) {
    if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
      Integer one = reader.count(node, path, 1);
      return one == null ? null : new int[] {one, one};
    }
    return dims(node, path, 2, expected);
  }

  private int[] dims(Node node, String path, int size, String expected) {
    if (node == null) {
      return null;
    }
    List<Node> items = reader.sequence(node, path, expected);
    if (items == null) {
      return null;
    }
    if (items.size() != size) {
      reader.report(ProblemId.WRONG_TYPE, path, node, "expected " + expected + ", found " + items.size() + " numbers", expected);
      return null;
    }
    int[] d = new int[size];
    boolean ok = true;
    for (int k = 0; k < size; k++) {
      Integer x = reader.count(items.get(k), path + "[" + k + "]", 1);
      if (x == null) {
        ok = false;
      } else {
        d[k] = x;
      }
    }
    return ok ? d : null;
  }
}
