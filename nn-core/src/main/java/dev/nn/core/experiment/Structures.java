package dev.nn.core.experiment;

import dev.nn.core.config.ParamKind;
import dev.nn.core.config.ParamRef;
import dev.nn.core.config.Span;
import dev.nn.core.config.TieChecker;
import dev.nn.core.config.TieSpec;
import dev.nn.core.network.Structure;
import dev.nn.core.network.StructureBuilder;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.ArrayList;
import java.util.List;

/** Turns the {@code network.ties} of an experiment into the engine's {@link Structure}. */
public final class Structures {
  private Structures() {}

  /**
   * The structure the ties declare for a network of these widths, or {@code null} when there are none.
   *
   * @throws ConfigException (id {@code nn/BadTie}, with line) when a tie does not fit the widths — checked
   *     again here because widths written {@code auto} are known only once the data is read
   */
  public static Structure from(List<TieSpec> ties, int[] widths) {
    if (ties.isEmpty()) {
      return null;
    }
    List<ConfigProblem> problems = TieChecker.check(ties, widths);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    StructureBuilder b = new StructureBuilder(widths);
    for (TieSpec t : ties) {
      if (t instanceof TieSpec.ShareGroup) {
        List<Integer> edges = new ArrayList<>();
        for (ParamRef r : ((TieSpec.ShareGroup) t).members()) {
          expand(b, r, widths, edges);
        }
        b.share(edges.stream().mapToInt(Integer::intValue).toArray());
      } else if (t instanceof TieSpec.BlockTie) {
        TieSpec.BlockTie bt = (TieSpec.BlockTie) t;
        if (bt.tie().kind() == ParamKind.W) {
          b.tieWeights(bt.tie().layer(), bt.to().layer(), bt.transpose());
        } else {
          b.tieBiases(bt.tie().layer(), bt.to().layer());
        }
      } else if (t instanceof TieSpec.Absent) {
        List<Integer> edges = new ArrayList<>();
        for (ParamRef r : ((TieSpec.Absent) t).params()) {
          expand(b, r, widths, edges);
        }
        b.absent(edges.stream().mapToInt(Integer::intValue).toArray());
      } else if (t instanceof TieSpec.Conv1d) {
        TieSpec.Conv1d c = (TieSpec.Conv1d) t;
        b.conv1d(c.layer(), c.channels(), c.length(), c.kernel(), c.stride(), c.outChannels());
      } else {
        TieSpec.Conv2d c = (TieSpec.Conv2d) t;
        b.conv2d(c.layer(), c.channels(), c.height(), c.width(), c.kernelHeight(), c.kernelWidth(), c.strideHeight(),
            c.strideWidth(), c.outChannels());
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigProblem.of(ProblemId.BAD_TIE, "network.ties", e.getMessage(),
          "a parameter is either shared or absent"));
    }
  }

  /** Every edge a reference names: ranges and {@code *} expanded. */
  private static void expand(StructureBuilder b, ParamRef r, int[] widths, List<Integer> out) {
    int l = r.layer();
    if (r.kind() == ParamKind.B) {
      Span j = r.j();
      for (int k = j.from(); k < j.from() + j.count(widths[l]); k++) {
        out.add(b.biasEdge(l, k));
      }
      return;
    }
    Span i = r.i();
    Span j = r.j();
    for (int a = i.from(); a < i.from() + i.count(widths[l - 1]); a++) {
      for (int c = j.from(); c < j.from() + j.count(widths[l]); c++) {
        out.add(b.weightEdge(l, a, c));
      }
    }
  }
}
