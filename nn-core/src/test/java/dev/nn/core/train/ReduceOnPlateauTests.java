package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plateau schedule's rule against PyTorch 1.13's {@code ReduceLROnPlateau}: {@code plateau/torch-plateau.csv}
 * holds the rates PyTorch gave after each of 60 epochs of seeded validation figures, for seven settings (written by
 * {@code plateau/torch_plateau.py}, beside it); nn's rule replays the same figures and must give the same rates, bit
 * for bit. Then the rule's parts one at a time, worked out by hand.
 */
class ReduceOnPlateauTests {
  private static final double BASE = 0.1;

  /** The settings of {@code torch_plateau.py}'s cases, by name. */
  private static final Map<String, ReduceOnPlateau> CASES = Map.of(
      "loss-p2", new ReduceOnPlateau(true, 0.5, 2, 0.0, 0, BASE, 0.0),
      "loss-p0", new ReduceOnPlateau(true, 0.5, 0, 0.0, 0, BASE, 0.0),
      "loss-delta", new ReduceOnPlateau(true, 0.1, 3, 0.01, 0, BASE, 0.0),
      "loss-cooldown", new ReduceOnPlateau(true, 0.5, 1, 0.0, 2, BASE, 0.0),
      "loss-floor", new ReduceOnPlateau(true, 0.3, 1, 0.005, 1, BASE, 0.01),
      "accuracy-p2", new ReduceOnPlateau(false, 0.5, 2, 0.0, 0, BASE, 0.0),
      "accuracy-delta", new ReduceOnPlateau(false, 0.2, 1, 0.02, 3, BASE, 0.001));

  private static EpochReport epoch(int e, double value, boolean loss) {
    Metrics m = loss ? new Metrics(value, 10, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN)
        : new Metrics(0.5, 10, value, null, Double.NaN, Double.NaN, Double.NaN);
    return new EpochReport(e, e * 10L, BASE, 1.0, m, 0.0);
  }

  @Test
  void theRatesArePyTorchsBitForBit() throws IOException {
    Map<String, List<String[]>> rows = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/plateau/torch-plateau.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] cells = lines[i].split(",");
        rows.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells);
      }
    }
    assertEquals(CASES.keySet(), rows.keySet());
    int reductions = 0;
    for (Map.Entry<String, List<String[]>> c : rows.entrySet()) {
      ReduceOnPlateau rule = CASES.get(c.getKey());
      List<EpochReport> history = new ArrayList<>();
      double before = BASE;
      for (String[] cells : c.getValue()) {
        history.add(epoch(Integer.parseInt(cells[1]), Double.parseDouble(cells[2]), rule.lossMonitored()));
        double expected = Double.parseDouble(cells[3]);
        assertEquals(expected, rule.rate(history), 0.0, c.getKey() + ", epoch " + cells[1]);
        reductions += expected < before ? 1 : 0;
        before = expected;
      }
      assertEquals(60, history.size());
    }
    assertTrue(reductions > 50, "the figures stall often enough to test the rule: " + reductions + " reductions");
  }

  @Test
  void patienceCooldownMinDeltaAndTheFloorOneAtATime() {
    List<EpochReport> h = new ArrayList<>();
    ReduceOnPlateau rule = new ReduceOnPlateau(true, 0.5, 1, 0.1, 1, 1.0, 0.3);
    double[] losses = {1.0, 0.95, 0.92, 0.8, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9};
    // 0.95 and 0.92 are within min-delta of 1.0: bad 1, then bad 2 > patience 1: halved after epoch 3;
    // 0.8 is better by more than 0.1 but the cooldown epoch holds the count at 0 anyway; then 0.85, 0.86: bad 1,
    // 2: halved again, to 0.25, held at the floor 0.3; after the next cooldown epoch nothing changes the floor
    double[] rates = {1.0, 1.0, 0.5, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3};
    for (int e = 0; e < losses.length; e++) {
      h.add(epoch(e + 1, losses[e], true));
      assertEquals(rates[e], rule.rate(h), 0.0, "after epoch " + (e + 1));
    }
    assertEquals(0.3, rule.multiplier(h), 1e-16);
    // an epoch without validation figures changes nothing; one that never stalls keeps the multiplier at 1 exactly
    List<EpochReport> noFigures = List.of(new EpochReport(1, 1, 1, 1, null, 0), new EpochReport(2, 2, 1, 1, null, 0));
    assertEquals(1.0, rule.multiplier(noFigures), 0.0);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(true, 1.0, 1, 0, 0, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(true, 0.5, -1, 0, 0, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(true, 0.5, 1, -0.1, 0, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(true, 0.5, 1, 0, 0, 0.1, 0.2));
  }
}
