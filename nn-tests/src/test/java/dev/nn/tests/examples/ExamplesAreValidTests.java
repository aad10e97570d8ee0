package dev.nn.tests.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nn.core.Nn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every experiment in examples/ and examples/bench/ reads without a problem, with the data files it names in the project. */
class ExamplesAreValidTests {
  private static final Nn NN = Nn.create();

  static Stream<Path> examples() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Stream.concat(Files.list(Path.of("..", "examples")),
        Files.list(Path.of("..", "examples", "bench")))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void readsWithoutProblems(Path example) {
    assertDoesNotThrow(() -> NN.load(example, List.of()));
  }
}
