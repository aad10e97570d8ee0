package dev.nn.tests.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A fixture a PyTorch script wrote beside it: one line per name, {@code NAME v1;v2;…}, read as numbers. */
final class TorchFixture {
  private TorchFixture() {}

  static Map<String, double[]> read(String resource) throws IOException {
    Map<String, double[]> lines = new HashMap<>();
    try (InputStream in = TorchFixture.class.getResourceAsStream(resource)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split(" ", 2);
        lines.put(parts[0], Arrays.stream(parts[1].split(";")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    return lines;
  }
}
