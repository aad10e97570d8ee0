package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class TieCheckerTests {
  private static final int AUTO = LayerSpec.AUTO;

  private static Position at(String path) {
    return Position.unknown(path);
  }

  private static ParamRef w(int layer, int i, int j) {
    return new ParamRef(layer, ParamKind.W, Span.of(i), Span.of(j), at("w"));
  }

  private static List<String> messages(List<TieSpec> ties, int... widths) {
    return TieChecker.check(ties, widths).stream().map(ConfigProblem::message).toList();
  }

  @Test
  void indexChecksWaitForWidthsThatComeFromTheData() {
    List<TieSpec> ties = List.of(new TieSpec.ShareGroup(List.of(w(1, 500, 0), w(2, 0, 0)), at("t")));

    assertEquals(List.of(), messages(ties, AUTO, 3, 2));
    assertEquals(List.of("layers[1].W[500][0]: i = 500 is out of range; W(1) is 16×3, so i < 16"), messages(ties, 16, 3, 2));
  }

  /**
   * An absent index into a width written auto may lie outside the layer: it is not said to overlap a tie of the whole
   * matrix before the data fixes the width (a parameter that does not exist was said to be "both absent and tied",
   * and the real problems, an index out of range and shapes that differ, were not told).
   */
  @Test
  void anAbsentIndexIntoAnAutoWidthWaitsForItBeforeOverlapping() {
    ParamRef allOfW1 = new ParamRef(1, ParamKind.W, Span.all(), Span.all(), at("to"));
    ParamRef allOfW2 = new ParamRef(2, ParamKind.W, Span.all(), Span.all(), at("tie"));
    List<TieSpec> ties = List.of(new TieSpec.BlockTie(allOfW2, allOfW1, false, at("t")),
        new TieSpec.Absent(List.of(w(1, 20, 0)), at("a")));

    assertEquals(List.of(), messages(ties, AUTO, 4, 4, 1));
    assertEquals(List.of("shapes differ: W(2) is 4×4 but W(1) is 16×4",
        "layers[1].W[20][0]: i = 20 is out of range; W(1) is 16×4, so i < 16"), messages(ties, 16, 4, 4, 1));
    // in range once known, it is said to overlap
    List<String> overlap = messages(List.of(new TieSpec.ShareGroup(List.of(w(1, 2, 0), w(2, 0, 0)), at("t")),
        new TieSpec.Absent(List.of(w(1, 2, 0)), at("a"))), 16, 4, 1);
    assertEquals(1, overlap.size(), overlap.toString());
    assertTrue(overlap.get(0).startsWith("layers[1].W[2][0] is both absent and tied: it overlaps layers[1].W[2][0]"),
        overlap.get(0));
  }

  @Test
  void theLayerRangeIsCheckedEvenWhenWidthsAreUnknown() {
    List<TieSpec> ties = List.of(new TieSpec.Absent(List.of(w(3, 0, 0)), at("t")));

    assertEquals(List.of("layers[3] does not exist; the network has layers 0..2"), messages(ties, AUTO, 4, AUTO));
  }

  @Test
  void aConv1dFitsWhenItsOutputFillsTheLayerExactly() {
    int channels = 2;
    int length = 10;
    int kernel = 3;
    int stride = 2;
    int outChannels = 5;
    int outLength = (length - kernel) / stride + 1; // valid padding: 4
    TieSpec conv = new TieSpec.Conv1d(1, channels, length, kernel, stride, outChannels, at("c"));

    assertEquals(4, ((TieSpec.Conv1d) conv).outLength());
    assertEquals(List.of(), messages(List.of(conv), channels * length, outChannels * outLength));
    assertEquals(
        List.of("conv1d output is 5 channels × 4 positions = 20 values, but layer 1 has 21 nodes"),
        messages(List.of(conv), channels * length, outChannels * outLength + 1));
  }

  /**
   * A convolution that does not fill its layers names what fits: the layer's units resized to the convolution's
   * values, or a convolution of the layer's (it named the layer's own width as allowed, which was what failed).
   */
  @Test
  void aConvolutionThatDoesNotFitItsLayersSaysWhatWould() {
    TieSpec conv = new TieSpec.Conv1d(1, 2, 10, 3, 2, 5, at("c"));
    List<String> output = TieChecker.check(List.of(conv), new int[] {20, 21}).stream().map(ConfigProblem::allowed).toList();
    assertEquals(List.of("network.layers[1].units: 20, or a tie whose output is 21 values"), output);
    List<String> input = TieChecker.check(List.of(conv), new int[] {24, 20}).stream().map(ConfigProblem::allowed).toList();
    assertEquals(List.of("network.layers[0].units: 20, or a tie whose input is 24 values"), input);
  }

  @Test
  void aConv2dCountsOutputRowsAndColumnsWithValidPadding() {
    TieSpec.Conv2d conv = new TieSpec.Conv2d(1, 3, 32, 30, 5, 3, 1, 3, 16, at("c"));

    assertEquals(28, conv.outHeight());
    assertEquals(10, conv.outWidth());
    assertEquals(List.of(), messages(List.of(conv), 3 * 32 * 30, 16 * 28 * 10));
  }

  @Test
  void aShareGroupOfOneParameterSharesNothing() {
    List<TieSpec> ties = List.of(new TieSpec.ShareGroup(List.of(w(1, 0, 0)), at("t")));

    assertEquals(List.of("a share group needs at least two parameters, found only layers[1].W[0][0]"), messages(ties, 2, 2));
  }

  @Test
  void aShareGroupOfOneRangeSharesAcrossIt() {
    ParamRef row = new ParamRef(1, ParamKind.W, Span.of(0), Span.all(), at("r"));

    assertEquals(List.of(), messages(List.of(new TieSpec.ShareGroup(List.of(row), at("t"))), 2, 3));
  }

  @Test
  void aTieWithoutTransposeSaysWhenTransposingWouldFit() {
    ParamRef w2 = new ParamRef(2, ParamKind.W, Span.all(), Span.all(), at("a"));
    ParamRef w1 = new ParamRef(1, ParamKind.W, Span.all(), Span.all(), at("b"));

    assertEquals(List.of(), messages(List.of(new TieSpec.BlockTie(w2, w1, true, at("t"))), 5, 3, 5));
    assertEquals(
        List.of("shapes differ: W(2) is 3×5 but W(1) is 5×3; with transpose: true they would match"),
        messages(List.of(new TieSpec.BlockTie(w2, w1, false, at("t"))), 5, 3, 5));
  }

  @Test
  void spansOverlapWhenTheyShareAnIndex() {
    assertEquals(true, new Span(0, 3).overlaps(Span.of(3)));
    assertEquals(false, new Span(0, 2).overlaps(new Span(3, 9)));
    assertEquals(true, Span.all().overlaps(Span.of(1_000_000)));
    assertEquals(3, new Span(2, 4).count(10));
    assertEquals(8, new Span(2, Span.END).count(10));
  }
}
