package dev.nn.cli;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Long work whose steps are not counted (reading and predicting a file of millions of rows), said on a terminal
 * while it runs: "predicting rows.csv  0:12" ({@link ProgressBar#working}), erased before the result; a note the
 * work prints meanwhile erases it first, so that it starts a line of its own.
 */
final class WorkingLine {
  private WorkingLine() {}

  /**
   * The result of {@code work}, given the consumer of the notes it prints, while a line says {@code what} is done.
   */
  static <T> T during(NnCommand root, String what, Function<Consumer<String>, T> work) {
    ProgressBar line = root.drawsInPlace() ? root.progressBar() : null;
    try {
      if (line != null) {
        line.working(what);
      }
      return work.apply(note -> {
        if (line != null) {
          line.clear();
        }
        root.err().println(root.fittedErr("nn: " + note));
      });
    } finally {
      if (line != null) {
        line.close();
      }
    }
  }
}
