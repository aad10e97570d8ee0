package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nn.core.data.DataException;
import dev.nn.core.experiment.ClusterException;
import dev.nn.core.export.ExportException;
import dev.nn.core.model.ModelFormatException;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginFailureException;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.run.RunFileException;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failure found on a cluster's executor reaches the driver as a copy, made by Java serialization (Spark sends a
 * task's exception so). Each failure nn reports in one message must report the same message from its copy: a
 * field left out of the copy once made an executor's invalid experiment "an unexpected error" (a
 * NullPointerException in the report) where the same experiment in one process was its list of problems.
 */
class SerializedFailuresTests {

  static Stream<RuntimeException> failures() {
    PluginDescriptor swish = new PluginDescriptor(PluginKind.ACTIVATION, "acme-swish", "1.0.0",
        "com.example.AcmeSwish", "acme.jar", "x·σ(βx)");
    return Stream.of(
        new ConfigException(List.of(
            new ConfigProblem(ProblemId.UNKNOWN_PLUGIN, "network.layers[1].activation", 9, 5,
                "unknown activation \"acme-swish\"", "one of: relu, tanh", List.of("swish")),
            ConfigProblem.of(ProblemId.OUT_OF_RANGE, "optimizer.learning-rate", "must be > 0, found -1", ""))),
        new DataException("iris.csv line 7, column \"petal_width\": \"x\" is not a number"),
        new ClusterException("cannot start Spark with master \"spark://nowhere:7077\"", null),
        new ModelFormatException(Path.of("model.nnm"), "truncated"),
        new RunFileException(Path.of("runs/a/state.bin"), "damaged"),
        new ExportException("gelu has no ONNX operator before opset 20"),
        PluginFailureException.of(swish, "activation acme-swish (acme.jar) returned NaN for z = 1", null),
        new TrainingDivergedException(3, 40, Double.NaN, true).inRun(Path.of("runs/a")));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aCopyMadeByJavaSerializationReportsTheSameMessage(RuntimeException failure) throws Exception {
    RuntimeException copy = copied(failure);
    String reported = Failures.messageOf(copy);
    assertEquals(Failures.messageOf(failure), reported);
    assertFalse(reported.contains("unexpected error"), reported);
  }

  private static RuntimeException copied(RuntimeException failure) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(failure);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (RuntimeException) in.readObject();
    }
  }
}
