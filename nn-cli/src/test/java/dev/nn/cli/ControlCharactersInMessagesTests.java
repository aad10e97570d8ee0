package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control character in a value nn quotes back — an experiment's name, a file name, a CSV cell — is printed as an
 * escape: an ESC must not colour or move the user's terminal, a NUL must not vanish from the message.
 */
class ControlCharactersInMessagesTests {
  @TempDir
  Path tmp;

  /** Whether {@code text} holds a control character other than a line feed. */
  private static boolean rawControl(String text) {
    return text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c));
  }

  @Test
  void anEscapeInAnExperimentValueIsShownEscaped() throws Exception {
    String xor = Files.readString(Path.of(Cli.XOR));
    Path file = tmp.resolve("ansi.yaml");
    Files.writeString(file, xor.replace("name: xor", "name: \"a\\e[31mRED\\0\""));
    Cli.Outcome o = Cli.run("validate", file.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("a\\e[31mRED\\0"), o.err());
    assertTrue(!rawControl(o.err()), o.err());
  }

  @Test
  void anEscapeInAFileNameIsShownEscaped() {
    Cli.Outcome o = Cli.run("validate", tmp.resolve("a\u001b[7mb.yaml").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("a\\e[7mb.yaml"), o.err());
    assertTrue(!rawControl(o.err()), o.err());
  }

  @Test
  void aNulInACsvCellIsShownEscaped() throws Exception {
    Files.writeString(tmp.resolve("nul.csv"), "a,b,y\n1,2,0\n14\u00008,3,1\n");
    Files.writeString(tmp.resolve("nul.yaml"), String.join("\n",
        "name: nul",
        "data:",
        "  train: {source: csv, path: nul.csv, target: y, task: classification}",
        "  validation: {split: 0.0}",
        "network:",
        "  layers: [{units: auto}, {units: auto, activation: identity}]",
        "loss: binary-cross-entropy",
        "training: {epochs: 1, batch-size: 2}", ""));
    Cli.Outcome o = Cli.run("train", tmp.resolve("nul.yaml").toString(), "--output", tmp.resolve("runs").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("14\\08"), o.err());
    assertTrue(!rawControl(o.err()), o.err());
  }
}
