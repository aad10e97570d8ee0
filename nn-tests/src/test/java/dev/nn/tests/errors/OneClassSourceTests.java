package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.Nn;
import dev.nn.core.data.DataException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classification whose training source holds one class only is refused before training, whatever the kind of
 * source: an IDX file's labels as a csv file's column.
 */
class OneClassSourceTests {
  @TempDir
  Path dir;

  private static final String NETWORK = """
      network:
        layers:
          - {units: auto}
          - {units: 4, activation: tanh}
          - {units: auto, activation: identity}
      loss: softmax-cross-entropy
      """;

  /** 20 images of 2x3 pixels, and their labels: all {@code label}, or 0 to 9 in turn when it is negative. */
  private String idx(int label) throws Exception {
    ByteBuffer images = ByteBuffer.allocate(16 + 20 * 6).putInt(0x00000803).putInt(20).putInt(2).putInt(3);
    for (int i = 0; i < 20 * 6; i++) {
      images.put((byte) (i * 7));
    }
    ByteBuffer labels = ByteBuffer.allocate(8 + 20).putInt(0x00000801).putInt(20);
    for (int i = 0; i < 20; i++) {
      labels.put((byte) (label < 0 ? i % 10 : label));
    }
    Path img = Files.write(dir.resolve("images.idx"), images.array());
    Path lab = Files.write(dir.resolve("labels-" + label + ".idx"), labels.array());
    return "data:\n  train: {source: idx, images: " + img + ", labels: " + lab + "}\n" + NETWORK;
  }

  @Test
  void idxLabelsOfOneClassAreRefusedAsACsvColumnOfOneClassIs() throws Exception {
    Nn nn = Nn.create();
    DataException e = assertThrows(DataException.class, () -> nn.check(nn.parse(idx(3), List.of())));
    assertEquals(dir.resolve("images.idx") + " + " + dir.resolve("labels-3.idx") + ": every one of its 20 samples is"
        + " of the class \"3\"; classification needs at least 2 classes to train on", e.getMessage());
    assertEquals("network 6-4-10 (tanh, identity), 78 parameters", nn.check(nn.parse(idx(-1), List.of())).orElseThrow(),
        "ten classes in turn train");
  }
}
