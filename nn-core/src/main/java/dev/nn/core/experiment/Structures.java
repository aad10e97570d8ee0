package dev.nn.core.experiment;

import dev.nn.core.config.LayerSpec;
import dev.nn.core.config.NetworkSpec;
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

/**
 * Turns the {@code network.ties} of an experiment into the engine's {@link Structure}.
 *
 * <p>Tie geometry has one check, {@link TieChecker}, run where the experiment is read. The only thing
 * it cannot do there is check against widths written {@code auto}, which the data fixes later; for such
 * a network this class runs the same checker once more with the widths now known, and for any other it
 * trusts the checked spec. {@link StructureBuilder}'s own exceptions stay as the preconditions of the
 * Java API, where a user builds a {@link Structure} without an experiment; after the checker they cannot
 * fire, so one that does is a bug and propagates as it is rather than being reported as a user's tie.
 */
final class Structures {
  private Structures() {}

  /**
   * The structure the ties declare for a network of these widths, or {@code null} when there are none.
   *
   * @param spec the network as read, its ties checked against the widths written in the file
   * @param widths n(0) … n(L+1) with every {@code auto} width fixed by the data
   * @throws ConfigException (id {@code nn/BadTie}, with line) when a tie does not fit a width that was
   *     written {@code auto}
   */
  public static Structure from(NetworkSpec spec, int[] widths) {
    List<TieSpec> ties = spec.ties();
    if (ties.isEmpty()) {
      return null;
    }
    if (hasAuto(spec.widths())) {
      List<ConfigProblem> problems = TieChecker.check(ties, widths);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
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
    return b.build();
  }

  private static boolean hasAuto(int[] written) {
    for (int n : written) {
      if (n == LayerSpec.AUTO) {
        return true;
      }
    }
    return false;
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
