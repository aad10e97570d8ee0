package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A command to paste reads back as the words it was given: a value with a space or braces is quoted. */
class ShellWordsTests {
  @Test
  void wordsAShellWouldSplitOrExpandAreQuoted() {
    assertEquals("nn train base.yaml --output st --set 'distributed.conf={spark.local.dir: /tmp/a b}'"
        + " --set 'name=it'\\''s'", ShellWords.nn(List.of("train", "base.yaml", "--output", "st", "--set",
            "distributed.conf={spark.local.dir: /tmp/a b}", "--set", "name=it's")));
    assertEquals("--set=optimizer.learning-rate=0.1", ShellWords.quoted("--set=optimizer.learning-rate=0.1"));
    assertEquals("'$HOME'", ShellWords.quoted("$HOME"));
    assertEquals("''", ShellWords.quoted(""));
  }
}
