package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Lines other than epoch lines on a narrow terminal: broken between words, preferring the wide gaps between a label
 * and its value or between figures; the terminal's own wrapping printed "accuracy 0" and ".9367".
 */
class TerminalTextTests {
  private static final String N = System.lineSeparator();

  @Test
  void aFiguresLineBreaksBetweenFiguresNotInsideOne() {
    String line = "validation     loss 0.229640  accuracy 0.9367";
    assertEquals(line, TerminalText.wrap(line, 80));
    assertEquals("validation     loss 0.229640" + N + "  accuracy 0.9367", TerminalText.wrap(line, 40));
  }

  @Test
  void aLineWithoutWideGapsBreaksAtASpace() {
    assertEquals("network 784-256-10 (relu, identity)," + N + "  203,530 parameters",
        TerminalText.wrap("network 784-256-10 (relu, identity), 203,530 parameters", 40));
  }

  @Test
  void everyLineFitsButAWordLongerThanALine() {
    String line = "cross-validation: 4 of 4 folds completed; test accuracy 0.668588 ± 0.0456404; validation accuracy"
        + " 0.765625 ± 0.0403436";
    for (int columns : new int[] {40, 60, 80}) {
      String wrapped = TerminalText.wrap(line, columns);
      assertTrue(wrapped.lines().allMatch(l -> l.length() < columns), wrapped);
      assertEquals(line, wrapped.replace(N + "  ", " "), "nothing lost but the breaks");
    }
    assertEquals("model /a/very/long/" + N + "  path/of/a/run/" + N + "model.nnm",
        TerminalText.wrap("model /a/very/long/path/of/a/run/model.nnm", 20));
    assertEquals("model /a/very/long/" + N + "  path/of/a/run/" + N + "model.nnm on iris",
        TerminalText.wrap("model /a/very/long/path/of/a/run/model.nnm on iris", 20), "the words after follow on");
    assertEquals("model" + N + "  averyverylongwordofnoslashes",
        TerminalText.wrap("model averyverylongwordofnoslashes", 20), "a word that is no path stays whole");
  }

  /**
   * A path of wide characters is broken by the columns it takes, each character two: counted as one each, a piece of
   * 44 columns went on a line of 40, and the terminal cut its time stamp. A last name longer than the line without a
   * '/' stays whole rather than be cut by nn (it cut "abcd-20261206-033843" before its last digit at 20 columns).
   */
  @Test
  void aPathOfWideCharactersIsBrokenByTheColumnsItTakes() {
    String wrapped = TerminalText.wrap("run directory  wide/输出データ/xor-wide-20261206-035046/model.nnm", 40);
    assertTrue(wrapped.lines().allMatch(l -> DisplayWidth.of(l) < 40), wrapped);
    assertTrue(wrapped.contains("xor-wide-20261206-035046/"), wrapped);
    assertEquals("run directory" + N + "  /work/term5-work/" + N + "ex/runs/" + N + "abcd-20261206-033843",
        TerminalText.wrap("run directory  /work/term5-work/ex/runs/abcd-20261206-033843", 20));
  }

  /** A figure and its spread stay on one line: "371.356" ended a line, "± 14.2428" began the next. */
  @Test
  void aFigureAndItsSpreadStayTogether() {
    String line = "cross-validation: 3 of 3 folds completed; test rmse 371.356 ± 14.2428; validation rmse 376.703"
        + " ± 73.6867";
    String wrapped = TerminalText.wrap(line, 60);
    assertTrue(wrapped.contains("371.356 ± 14.2428") && wrapped.contains("376.703 ± 73.6867"), wrapped);
    assertTrue(wrapped.lines().allMatch(l -> l.length() < 60), wrapped);
  }

  /** A path longer than a line is broken after a '/', not cut inside a name by the terminal. */
  @Test
  void aPathLongerThanALineBreaksAfterASlash() {
    String line = "nn: training was interrupted; the last checkpoint is"
        + " /work/outside-pages/examples/runs/mnist-20261205-224420/checkpoints/partial-epoch-0001.ckpt";
    String wrapped = TerminalText.wrap(line, 80);
    assertEquals("nn: training was interrupted; the last checkpoint is /work/outside-pages/" + N
        + "  examples/runs/mnist-20261205-224420/checkpoints/partial-epoch-0001.ckpt", wrapped);
  }

  /**
   * A path too long for any line starts after the words before it, where its first piece fits: the word before it
   * stood alone on a line of its own.
   */
  @Test
  void aPathTooLongForALineStartsAfterTheWordsBeforeIt() {
    String line = "nn: training was interrupted; the last checkpoint is"
        + " /tmp/kt/mr/mnist-20261206-080817/checkpoints/partial-epoch-0013.ckpt";
    assertEquals("nn: training was interrupted; the last checkpoint" + N + "  is /tmp/kt/mr/mnist-20261206-080817/" + N
        + "  checkpoints/partial-epoch-0013.ckpt", TerminalText.wrap(line, 50));
  }

  /** A path that fits a line only without the indent goes without it. */
  @Test
  void aWordThatFitsOnlyUnindentedGoesUnindented() {
    assertEquals("training mnist from" + N + "/work/outside-pages/examples/mnist.yaml",
        TerminalText.wrap("training mnist from /work/outside-pages/examples/mnist.yaml", 40));
  }

  /**
   * The command to paste is never broken: a break inside it made a paste of the lines run two commands. One longer than
   * a line stands unindented on a line of its own, whole, for the terminal to wrap.
   */
  @Test
  void aCommandToPasteStaysWhole() {
    String line = "Resume the run with: nn train --resume /work/outside-pages/examples/runs/mnist-20261205-224420";
    assertEquals("Resume the run with:" + N + "  nn train --resume /work/outside-pages/examples/runs/mnist-20261205-224420",
        TerminalText.wrap(line, 80));
    String sentence = "the point stopped; nn train --resume /tmp/runs/xor-sweep-20261205-1 continues the sweep";
    assertEquals("the point stopped;" + N + "  nn train --resume /tmp/runs/xor-sweep-20261205-1" + N
        + "  continues the sweep", TerminalText.wrap(sentence, 60));
    // too long for one line: whole on a line of its own, its path not broken after a '/' as a path alone is
    String wide = "Resume the run with: nn train --resume /tmp/kt/mr/mnist-20261206-060201";
    assertEquals("Resume the run" + N + "  with:" + N + "nn train --resume /tmp/kt/mr/mnist-20261206-060201",
        TerminalText.wrap(wide, 20));
    // a folder with a space is quoted, and stays one argument of the command
    String quoted = "Resume the run with: " + dev.nn.core.text.CommandName.resume(java.nio.file.Path.of("/tmp/my runs/xor-20261206-1"));
    assertEquals("Resume the run with:" + N + "nn train --resume '/tmp/my runs/xor-20261206-1'",
        TerminalText.wrap(quoted, 30));
    String inSentence = "the point stopped; nn train --resume /tmp/runs/xor-sweep-20261205-1 continues the sweep";
    assertEquals("the point stopped;" + N + "nn train --resume /tmp/runs/xor-sweep-20261205-1" + N
        + "  continues the sweep", TerminalText.wrap(inSentence, 30));
  }
}
