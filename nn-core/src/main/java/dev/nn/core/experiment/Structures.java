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

  /** A feature named as an image's pixel is: {@code pixel_r_c}, row r and column c from 0. */
  private static final java.util.regex.Pattern PIXEL = java.util.regex.Pattern.compile("pixel_(\\d{1,9})_(\\d{1,9})");

  /**
   * Refuses a {@code conv2d} on layer 1 that reads one channel of the inputs in another shape than the data's
   * images: when the features are the pixels of an R×C image, named {@code pixel_r_c} row by row (an idx source's
   * and {@code digits.csv}'s), an input of {@code [1, H, W]} with H·W = R·C but H ≠ R would slide its kernel across
   * rows that are not the image's. The sizes alone pass {@link TieChecker}; the names tell.
   *
   * @throws ConfigException (id {@code nn/BadTie}, at the tie) for such a convolution
   */
  static void requireImageShape(NetworkSpec spec, List<String> features) {
    int[] grid = pixelGrid(features);
    if (grid == null) {
      return;
    }
    for (TieSpec t : spec.ties()) {
      if (t instanceof TieSpec.Conv2d c && c.layer() == 1 && c.channels() == 1
          && (long) c.height() * c.width() == features.size() && (c.height() != grid[0] || c.width() != grid[1])) {
        throw new ConfigException(List.of(new ConfigProblem(ProblemId.BAD_TIE, c.where().path(), c.where().line(),
            c.where().column(), "conv2d input [1, " + c.height() + ", " + c.width() + "] reads the " + features.size()
                + " inputs as " + c.height() + " rows of " + c.width() + " pixels, but they are images of " + grid[0]
                + " rows of " + grid[1] + " (features " + features.get(0) + " … " + features.get(features.size() - 1)
                + ")", "input: [1, " + grid[0] + ", " + grid[1] + "]", List.of())));
      }
    }
  }

  /** {R, C} when {@code features} are exactly pixel_0_0 … pixel_(R−1)_(C−1) row by row, else {@code null}. */
  private static int[] pixelGrid(List<String> features) {
    if (features.isEmpty()) {
      return null;
    }
    java.util.regex.Matcher last = PIXEL.matcher(features.get(features.size() - 1));
    if (!last.matches()) {
      return null;
    }
    long rows = Long.parseLong(last.group(1)) + 1;
    long cols = Long.parseLong(last.group(2)) + 1;
    if (rows * cols != features.size()) {
      return null;
    }
    for (int k = 0; k < features.size(); k++) {
      if (!features.get(k).equals("pixel_" + k / cols + "_" + k % cols)) {
        return null;
      }
    }
    return new int[] {(int) rows, (int) cols};
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
