package dev.nn.tests.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Loss;
import dev.nn.core.train.ClassWeightedLoss;
import dev.nn.losses.SoftmaxCrossEntropyProvider;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code softmax-cross-entropy} against PyTorch 1.13's {@code cross_entropy(reduction="sum")}: plain, with label
 * smoothing 0.1 and 0.35, and with class weights (nn's {@code training.class-weights}, which PyTorch's
 * {@code weight} equals in a sum). {@code losses/torch-cross-entropy.csv} holds seeded logits and classes, PyTorch's
 * summed loss and its gradient with respect to the logits (written by {@code losses/torch_cross_entropy.py}, beside
 * it); nn's loss must give the same sum and seed the same δ(L+1).
 */
class CrossEntropyAgainstPyTorchTests {
  private static final double[] WEIGHTS = {0.5, 2.0, 1.25, 3.0};
  private static final int K = 4;

  private static Loss loss(String name) {
    double smoothing = name.startsWith("smoothing-") ? Double.parseDouble(name.substring(10)) : 0.0;
    Loss plain = new SoftmaxCrossEntropyProvider().create(Settings.of("softmax-cross-entropy",
        Map.of("label-smoothing", smoothing)));
    return name.equals("weights") ? ClassWeightedLoss.of(plain, WEIGHTS) : plain;
  }

  private static double[] numbers(String cell) {
    return Arrays.stream(cell.split(";")).mapToDouble(Double::parseDouble).toArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "smoothing-0.1", "smoothing-0.35", "weights"})
  void theSumAndTheSeedArePyTorchsLossAndGradient(String name) throws IOException {
    Map<String, List<String[]>> cases = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/losses/torch-cross-entropy.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] cells = lines[i].split(",");
        cases.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells);
      }
    }
    List<String[]> rows = cases.get(name);
    int n = rows.size();
    double[] z = new double[n * K];
    double[] y = new double[n * K];
    double[] gradient = new double[n * K];
    for (int r = 0; r < n; r++) {
      System.arraycopy(numbers(rows.get(r)[3]), 0, z, r * K, K);
      y[r * K + Integer.parseInt(rows.get(r)[2])] = 1;
      System.arraycopy(numbers(rows.get(r)[5]), 0, gradient, r * K, K);
    }
    double torchSum = Double.parseDouble(rows.get(0)[4]);
    Loss loss = loss(name);
    double[] delta = new double[n * K];
    double sum = loss.seed(z, z, y, delta, n, K);
    assertEquals(torchSum, sum, 1e-14 * torchSum, name + ": the summed loss");
    assertEquals(torchSum, loss.value(z, z, y, n, K), 1e-14 * torchSum, name + ": value()");
    for (int i = 0; i < delta.length; i++) {
      assertEquals(gradient[i], delta[i], 1e-15, name + ": δ " + i);
    }
  }
}
