package dev.nn.core.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph under construction, and its encoding as a ModelProto (onnx.proto, IR version 8, default
 * domain opset 17). Nodes are added in execution order, each with one output that gets a fresh name;
 * constants become initializers. The graph has one input and one output, both 2-d with a symbolic batch
 * dimension {@code N}.
 */
final class OnnxGraph {
  /** ONNX opset 17 (ONNX 1.12) of the default domain: every op used here is in it, and ORT 1.23 runs it. */
  static final int OPSET = 17;
  /** The IR version that goes with opset 17. */
  static final int IR_VERSION = 8;

  private record Node(String op, List<String> inputs, String output, Map<String, Long> intAttributes) {}

  private record Initializer(String name, ElementType type, long[] dims, double[] values) {}

  private final ElementType type;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Initializer> initializers = new ArrayList<>();
  private final Map<String, String> scalarNames = new HashMap<>();
  private int next;

  /** A graph whose tensors are of {@code type}. */
  OnnxGraph(ElementType type) {
    this.type = type;
  }

  /** The element type of the graph's output and weights (its input is double in every graph). */
  ElementType type() {
    return type;
  }

  /** Adds the node {@code op(inputs)} and returns the name of its output. */
  String op(String op, String... inputs) {
    return op(op, Map.of(), inputs);
  }

  /** Adds the node {@code op(inputs)} with integer attributes and returns the name of its output. */
  String op(String op, Map<String, Long> intAttributes, String... inputs) {
    String output = op.toLowerCase(java.util.Locale.ROOT) + "_" + next++;
    nodes.add(new Node(op, List.of(inputs), output, new LinkedHashMap<>(intAttributes)));
    return output;
  }

  /** Adds an {@code Identity} node that gives {@code value} the name {@code name}. */
  void name(String value, String name) {
    nodes.add(new Node("Identity", List.of(value), name, Map.of()));
  }

  /**
   * A double scalar constant, one initializer per distinct value: element-wise operations compute in double in
   * every graph (see {@link OnnxExport}).
   */
  String scalar(double value) {
    return scalarNames.computeIfAbsent(Long.toHexString(Double.doubleToRawLongBits(value)), k -> {
      String name = "const_" + next++;
      initializers.add(new Initializer(name, ElementType.DOUBLE, new long[0], new double[] {value}));
      return name;
    });
  }

  /** A named constant tensor of the graph's type, row-major. */
  String tensor(String name, long[] dims, double[] values) {
    return tensor(name, type, dims, values);
  }

  /** A named constant tensor of {@code t}, row-major. */
  String tensor(String name, ElementType t, long[] dims, double[] values) {
    initializers.add(new Initializer(name, t, dims.clone(), values.clone()));
    return name;
  }

  /**
   * The graph as a serialized ModelProto.
   *
   * @param input the graph input's name; its shape is [N, inputs], its type double
   * @param output the graph output's name (a node must produce it); its shape is [N, outputs]
   * @param producerVersion nn's version, recorded as the producer's
   * @param metadata key-value pairs stored as the model's metadata_props
   */
  byte[] encode(String input, int inputs, String output, int outputs, String producerVersion,
      Map<String, String> metadata) {
    Protobuf graph = new Protobuf();
    for (Node n : nodes) {
      graph.message(1, node(n));
    }
    graph.string(2, "nn");
    for (Initializer i : initializers) {
      graph.message(5, tensor(i));
    }
    graph.message(11, valueInfo(input, ElementType.DOUBLE, inputs));
    // the output is double in every graph, as the input is: nn's predictions are doubles
    graph.message(12, valueInfo(output, ElementType.DOUBLE, outputs));

    Protobuf model = new Protobuf()
        .integer(1, IR_VERSION)
        .string(2, "nn")
        .string(3, producerVersion)
        .message(7, graph)
        .message(8, new Protobuf().integer(2, OPSET));
    metadata.forEach((k, v) -> model.message(14, new Protobuf().string(1, k).string(2, v)));
    return model.toByteArray();
  }

  /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
  private static Protobuf node(Node n) {
    Protobuf p = new Protobuf();
    for (String in : n.inputs()) {
      p.string(1, in);
    }
    p.string(2, n.output()).string(3, n.output()).string(4, n.op());
    // AttributeProto: name 1, i 3, type 20 (INT = 2)
    n.intAttributes().forEach((name, value) -> p.message(5, new Protobuf().string(1, name).integer(3, value)
        .integer(20, 2)));
    return p;
  }

  /** TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian). */
  private static Protobuf tensor(Initializer i) {
    Protobuf p = new Protobuf();
    for (long d : i.dims()) {
      p.integer(1, d);
    }
    return p.integer(2, i.type().onnxCode()).string(8, i.name()).bytes(9, i.type().encode(i.values()));
  }

  /**
   * ValueInfoProto {name 1, type 2}: TypeProto {tensor_type 1: {elem_type 1, shape 2}}, the shape's two
   * dimensions {dim_param 2 = "N"} and {dim_value 1 = width}.
   */
  private static Protobuf valueInfo(String name, ElementType type, int width) {
    Protobuf shape = new Protobuf()
        .message(1, new Protobuf().string(2, "N"))
        .message(1, new Protobuf().integer(1, width));
    Protobuf tensorType = new Protobuf().integer(1, type.onnxCode()).message(2, shape);
    return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
  }
}
