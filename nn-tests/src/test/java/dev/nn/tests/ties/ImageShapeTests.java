package dev.nn.tests.ties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A convolution on layer 1 reads the data's images in their own shape: the 8x8 digits (features pixel_0_0 …
 * pixel_7_7) read as 4 rows of 16 or 16 rows of 4 hold as many inputs, which the widths alone cannot tell.
 */
class ImageShapeTests {
  private static final Nn NN = Nn.create();
  private static final Path DIGITS = Path.of("..", "examples", "data", "digits.csv").toAbsolutePath();

  /** The digits with a 3x3 convolution of 2 channels over one channel of {@code height} × {@code width}. */
  private static String experiment(int height, int width) {
    int units = 2 * (height - 2) * (width - 2);
    return """
        name: shapes
        data:
          train: {source: csv, path: %s, target: last, task: classification}
        network:
          layers:
            - {units: 64}
            - {units: %d, activation: relu}
            - {units: 10, activation: identity}
          ties:
            - {conv2d: {layer: 1, input: [1, %d, %d], kernel: 3, channels: 2}}
        loss: softmax-cross-entropy
        """.formatted(DIGITS, units, height, width);
  }

  @Test
  void anInputShapeOtherThanTheImagesIsRefusedAtTheTie() {
    for (int[] shape : new int[][] {{4, 16}, {16, 4}}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> NN.check(NN.parse(experiment(shape[0], shape[1]), List.of())));
      ConfigProblem p = e.problems().get(0);
      assertEquals(ProblemId.BAD_TIE, p.id());
      assertEquals(10, p.line(), p.toString());
      assertEquals("conv2d input [1, " + shape[0] + ", " + shape[1] + "] reads the 64 inputs as " + shape[0]
          + " rows of " + shape[1] + " pixels, but they are images of 8 rows of 8 (features pixel_0_0 … pixel_7_7)",
          p.message());
      assertEquals("input: [1, 8, 8]", p.allowed());
    }
  }

  @Test
  void theImagesOwnShapeIsTakenAndFeaturesNotNamedAsPixelsAreNotJudged() {
    assertTrue(NN.check(NN.parse(experiment(8, 8), List.of())).orElseThrow().startsWith("network 64-72-10"));
    // the iris measurements are no image: any shape of their 4 inputs is the user's to choose
    String iris = """
        name: iris-conv
        data:
          train: {source: csv, path: %s, target: target, task: classification}
        network:
          layers:
            - {units: 4}
            - {units: 2, activation: relu}
            - {units: 3, activation: identity}
          ties:
            - {conv2d: {layer: 1, input: [1, 1, 4], kernel: [1, 3], channels: 1}}
        loss: softmax-cross-entropy
        """.formatted(Path.of("..", "examples", "data", "iris.csv").toAbsolutePath());
    assertTrue(NN.check(NN.parse(iris, List.of())).isPresent());
  }
}
