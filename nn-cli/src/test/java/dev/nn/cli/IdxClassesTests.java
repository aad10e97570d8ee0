package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX label files of more than ten classes, laid out as EMNIST's letters split is (labels 1 … 26, class 0 unused):
 * read with the source's {@code classes} key, trained and tested end to end; without it, one message that says how.
 */
class IdxClassesTests {
  private static final int LETTERS = 26;

  @TempDir
  Path dir;

  /**
   * {@code n} images of 6x6 pixels whose label is 1 … 26 in turn; each letter inks its own pixel (pixel label − 1)
   * over faint noise, so a softmax layer can learn every one. Writes {@code name}-images.idx and -labels.idx.
   */
  private void letters(String name, int n, long seed) throws Exception {
    Random random = new Random(seed);
    ByteBuffer images = ByteBuffer.allocate(16 + n * 36).putInt(0x00000803).putInt(n).putInt(6).putInt(6);
    ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
    for (int i = 0; i < n; i++) {
      int label = 1 + i % LETTERS;
      labels.put((byte) label);
      for (int p = 0; p < 36; p++) {
        images.put((byte) (p == label - 1 ? 200 + random.nextInt(56) : random.nextInt(40)));
      }
    }
    Files.write(dir.resolve(name + "-images.idx"), images.array());
    Files.write(dir.resolve(name + "-labels.idx"), labels.array());
  }

  private Path experiment(String train, String test) throws Exception {
    letters("train", 520, 1);
    letters("test", 104, 2);
    return Files.writeString(dir.resolve("letters.yaml"), """
        name: letters
        seed: 3
        data:
          train: {source: idx, images: train-images.idx, labels: train-labels.idx%s}
          test: {source: idx, images: test-images.idx, labels: test-labels.idx%s}
        network:
          layers:
            - {units: auto}
            - {units: auto, activation: identity}
        loss: softmax-cross-entropy
        optimizer: {name: sgd, learning-rate: 0.5}
        training: {epochs: 15, batch-size: 16}
        """.formatted(train, test));
  }

  @Test
  void lettersTrainWithClassesGivenOnTheTrainingSourceAndTheTestSourceTakesThem() throws Exception {
    Path out = dir.resolve("runs");
    Cli.Outcome o = Cli.run("train", experiment(", classes: 27", "").toString(), "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains("network 36-27 (identity)"), o.describe());
    Matcher accuracy = Pattern.compile("\ntest +loss \\S+ +accuracy (\\d\\.\\d+)").matcher(o.out());
    assertTrue(accuracy.find(), o.describe());
    assertTrue(Double.parseDouble(accuracy.group(1)) > 0.95, "26 letters, one pixel each: " + accuracy.group(1));
    String resolved = Files.readString(Cli.onlyRun(out).resolve("experiment.yaml"));
    assertTrue(resolved.contains("classes: 27"), resolved);
  }

  @Test
  void labelsAboveNineWithoutClassesAreOneMessageThatSaysHow() throws Exception {
    Path out = dir.resolve("runs");
    Cli.Outcome o = Cli.run("train", experiment("", "").toString(), "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + dir.resolve("train-labels.idx") + ": label 10 at index 9 (byte 17) is out of range;"
        + " allowed 0..9 (10 classes); labels of more classes, as EMNIST's, are read with the idx source's classes:"
        + " K, here at least 11\n", o.err());
    assertEquals(0, Cli.run("train", experiment("", "").toString(), "--output", out.toString(), "--set",
        "data.train.classes=27", "--set", "training.epochs=1").code(), "--set gives the key as the file would");
  }

  @Test
  void aHeldOutIdxSourceThatGivesOtherClassesIsRefusedAtItsKey() throws Exception {
    Cli.Outcome o = Cli.run("validate", experiment(", classes: 27", ", classes: 30").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("data.test.classes (line 5, col 82)")
        && o.err().contains("the training source has 27 classes; a held-out idx source holds the same classes"),
        o.describe());
    assertTrue(Cli.run("validate", experiment(", classes: 1", "").toString()).err()
        .contains("an integer from 2 to 256 (the labels are 0 … classes−1)"));
  }
}
