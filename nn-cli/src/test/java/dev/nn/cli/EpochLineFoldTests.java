package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An epoch line on a terminal narrower than it: folded between its figures, never inside one. */
class EpochLineFoldTests {
  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path tmp;

  private static final String REGRESSION = "epoch 1/3  train-loss 1.07362  val-loss 0.327953  val-rmse 462.132"
      + "  val-mae 337.206  val-r2 0.5416  0.0s";

  @Test
  void aLineThatFitsIsLeftAsItIs() {
    assertEquals(REGRESSION, EpochLines.fold(REGRESSION, REGRESSION.length() + 1));
  }

  @Test
  void aWiderLineIsFoldedWhereItsFiguresMeetWithTheRestIndented() {
    String n = System.lineSeparator();
    assertEquals("epoch 1/3  train-loss 1.07362  val-loss 0.327953  val-rmse 462.132" + n
        + "  val-mae 337.206  val-r2 0.5416  0.0s", EpochLines.fold(REGRESSION, 80));
    String narrow = EpochLines.fold(REGRESSION, 40);
    for (String line : narrow.split(n)) {
      assertTrue(line.length() <= 39, "'" + line + "'");
    }
    // every figure whole, in order
    assertEquals(REGRESSION, narrow.replace(n + "  ", "  "));
  }

  /**
   * Plain lines on a terminal (--plain: no bar) are folded as the bar's are: the terminal cut "val-mae" in two. Piped,
   * a line stays whole.
   */
  @Test
  void plainLinesOnATerminalAreFoldedToo() {
    String penguins = Cli.EXAMPLES.resolve("penguins.yaml").toString();
    Cli.Outcome plain = Cli.run(java.util.Map.of("COLUMNS", "40"), true, "train", penguins, "--set",
        "training.epochs=2", "--plain", "--output", tmp.toString());
    assertEquals(0, plain.code(), plain.describe());
    assertTrue(plain.out().lines().filter(l -> l.startsWith("epoch ") || l.startsWith("  "))
        .allMatch(l -> l.length() < 40), plain.out());
    Cli.Outcome piped = Cli.run(java.util.Map.of("COLUMNS", "40"), false, "train", penguins, "--set",
        "training.epochs=2", "--plain", "--output", tmp.toString());
    assertTrue(piped.out().lines().anyMatch(l -> l.startsWith("epoch 1/2  train-loss ") && l.length() >= 40),
        piped.out());
  }

  /** A line a few characters too wide (MNIST's from epoch 9 on, in 80 columns) closes up its parts instead. */
  @Test
  void aLineThatFitsWithSingleSpacesIsClosedUpRatherThanFolded() {
    String mnist = "epoch 10/15  train-loss 0.00714399  val-loss 0.0856164  val-accuracy 0.9798  1.5s";
    assertEquals(81, mnist.length());
    assertEquals("epoch 10/15 train-loss 0.00714399 val-loss 0.0856164 val-accuracy 0.9798 1.5s",
        EpochLines.fold(mnist, 80));
    assertEquals(mnist, EpochLines.fold(mnist, 82));
  }

  @Test
  void aFigureWiderThanTheTerminalStaysWhole() {
    assertEquals("epoch 1/3" + System.lineSeparator() + "  train-loss 1.07362",
        EpochLines.fold("epoch 1/3  train-loss 1.07362", 12));
  }
}
