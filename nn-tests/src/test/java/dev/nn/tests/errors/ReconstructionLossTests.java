package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ProblemId;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconstruction's targets are its inputs, real numbers: a loss of class targets is refused as the file's problem,
 * whatever the source. On an idx source a cross-entropy was "a bug in nn" (exit 1) and a hinge loss trained on the
 * pixels, since the rows carried class labels until their inputs became the targets.
 */
class ReconstructionLossTests {
  @TempDir
  Path dir;

  private String experiment(String loss) throws Exception {
    ByteBuffer images = ByteBuffer.allocate(16 + 60 * 16).putInt(0x00000803).putInt(60).putInt(4).putInt(4);
    for (int i = 0; i < 60 * 16; i++) {
      images.put((byte) (i * 37));
    }
    ByteBuffer labels = ByteBuffer.allocate(8 + 60).putInt(0x00000801).putInt(60);
    for (int i = 0; i < 60; i++) {
      labels.put((byte) (i % 10));
    }
    Path img = Files.write(dir.resolve("img.idx"), images.array());
    Path lab = Files.write(dir.resolve("lab.idx"), labels.array());
    return "data:\n  train: {source: idx, images: " + img + ", labels: " + lab + ", task: reconstruction}\n"
        + "  validation: {split: 0.2}\n"
        + "network:\n  layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: " + loss + "\n";
  }

  @Test
  void aLossOfClassTargetsIsRefusedForAnIdxReconstruction() throws Exception {
    Nn nn = Nn.create();
    for (String loss : List.of("softmax-cross-entropy", "binary-cross-entropy", "hinge", "squared-hinge")) {
      ConfigException e = assertThrows(ConfigException.class, () -> nn.check(nn.parse(experiment(loss), List.of())),
          loss);
      assertEquals(ProblemId.TARGET_MISMATCH, e.problems().get(0).id(), loss);
      assertTrue(e.problems().get(0).message().startsWith("loss \"" + loss + "\" needs class targets ("), loss);
      assertTrue(e.problems().get(0).message().endsWith(" is read for reconstruction, whose targets are its inputs"),
          e.problems().get(0).message());
    }
    assertTrue(nn.check(nn.parse(experiment("squared"), List.of())).isPresent(), "a loss of real targets trains");
  }
}
