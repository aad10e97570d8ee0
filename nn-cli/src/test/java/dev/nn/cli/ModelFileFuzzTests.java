package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged copies of a real trained model file, each given to {@code nn predict} or
 * {@code nn evaluate} in this JVM: every one must end with exit 2 and one line naming the model file (and no
 * output file), or with exactly the original's output. Never exit 1, never a hang, never other numbers.
 *
 * <p>Two models are damaged: a dense one and one with shared and absent edges, whose file holds
 * structure.bin. The damage: flipped bytes and bits, cuts, zeroed ranges (all caught by the archive's CRCs and
 * SHA-256s); entries replaced by ones that inflate far beyond their size, and impossible values written into
 * model.yaml or weights.bin, both re-zipped with valid CRCs and SHA256SUMS recomputed, so that only the limits
 * and the checks of the content can object. The random stream is seeded: a failure names the seed and the
 * case, and {@code -Dnn.fuzz.seed=S -Dnn.fuzz.cases=N} repeats it.
 */
class ModelFileFuzzTests {
  private static final long SEED = Long.getLong("nn.fuzz.seed", 20261203L);
  private static final int CASES = Integer.getInteger("nn.fuzz.cases", 1500);
  /** Guards against a hang, the failure looked for; it measures nothing. */
  private static final long CASE_LIMIT_SECONDS = 60;

  @TempDir
  static Path tmp;

  /** A trained model file and what the command line printed and wrote for it. */
  private record Base(String name, byte[] bytes, Map<String, byte[]> entries, String predictOut, byte[] predictions,
      String evaluateOut) {}

  /** A dense model, and one with shared and absent edges (so with structure.bin). */
  private static final List<Base> BASES = new ArrayList<>();
  /** The model the current case damages. */
  private static Base base;
  private static Path data;
  private static Path model;
  private static Path output;
  private static ExecutorService runner;

  @BeforeAll
  static void trainModels() throws Exception {
    data = ModelArchives.IRIS;
    model = tmp.resolve("case.nnm");
    output = tmp.resolve("predictions.csv");
    runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true); // a hung case must not keep the test JVM alive
      return t;
    });
    BASES.add(base("dense", ModelArchives.trainedIris(tmp)));
    BASES.add(base("tied", ModelArchives.trainedIris(tmp, "tied",
        "[{share: [\"layers[1].W[0][0]\", \"layers[1].W[1][1]\", \"layers[2].b[2]\"]}, "
            + "{absent: [\"layers[1].W[2][0..3]\"]}]")));
    assertTrue(BASES.get(1).entries().containsKey("structure.bin"), "the tied model has a structure to damage");
  }

  /** The model {@code bytes} with the output of predict and evaluate for it, which must succeed. */
  private static Base base(String name, byte[] bytes) throws Exception {
    Files.write(model, bytes);
    Files.deleteIfExists(output);
    Cli.Outcome p = predict();
    assertEquals(0, p.code(), p.describe());
    byte[] predictions = Files.readAllBytes(output);
    Cli.Outcome e = evaluate();
    assertEquals(0, e.code(), e.describe());
    return new Base(name, bytes, ModelArchives.unzip(bytes), p.out(), predictions, e.out());
  }

  @AfterAll
  static void stop() {
    runner.shutdownNow();
  }

  private static Cli.Outcome predict() {
    return Cli.run("predict", model.toString(), "--input", data.toString(), "--output", output.toString());
  }

  private static Cli.Outcome evaluate() {
    return Cli.run("evaluate", model.toString(), "--data", data.toString());
  }

  @Test
  void everyDamagedModelIsRefusedByNameOrPredictsExactlyAsTheOriginal() throws Exception {
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (int c = 0; c < CASES; c++) {
      base = BASES.get(random.nextInt(BASES.size()));
      Mutation m = MUTATIONS.get(random.nextInt(MUTATIONS.size()));
      long caseSeed = random.nextLong();
      String where = "seed " + SEED + ", case " + c + " (" + m.name() + " of the " + base.name()
          + " model, case seed " + caseSeed + ")";
      LAST_EDIT[0] = -1;
      byte[] damaged = m.apply(new Random(caseSeed));
      if (LAST_EDIT[0] >= 0) {
        where += ", model.yaml edit " + LAST_EDIT[0];
      }
      Files.write(model, damaged);
      Files.deleteIfExists(output);
      boolean predicting = c % 2 == 0;
      Future<Cli.Outcome> running = runner.submit(predicting ? ModelFileFuzzTests::predict : ModelFileFuzzTests::evaluate);
      Cli.Outcome o;
      try {
        o = running.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        running.cancel(true);
        throw new AssertionError(where + ": no answer within " + CASE_LIMIT_SECONDS + " s (a hang)");
      }
      String label = (predicting ? "predict " : "evaluate ") + m.name() + " exit " + o.code();
      outcomes.merge(label, 1, Integer::sum);
      if (o.code() == 0) {
        if (predicting) {
          assertEquals(base.predictOut(), o.out(), where);
          assertTrue(Arrays.equals(base.predictions(), Files.readAllBytes(output)), where + ": other predictions");
        } else {
          assertEquals(base.evaluateOut(), o.out(), where + ": other figures");
        }
      } else if (o.code() == 2) {
        assertTrue(o.err().startsWith("nn: " + model + ": ") && o.err().lines().count() == 1
            && o.out().isEmpty(), where + ": " + o.describe());
        assertTrue(Files.notExists(output), where + ": an output was written for a refused model");
      } else {
        fail(where + ": " + o.describe());
      }
    }
    // the test would prove little if every case were caught the same way, or none were refused
    assertTrue(outcomes.keySet().stream().anyMatch(k -> k.endsWith("exit 2")), outcomes.toString());
    System.out.println("model file fuzzing, seed " + SEED + ": " + outcomes);
  }

  /** An edit of model.yaml's text. */
  @FunctionalInterface
  private interface YamlEdit {
    String apply(String yaml, Random random);
  }

  /**
   * Edits that make the description impossible (or, for the few marked harmless, change nothing a prediction
   * depends on): a valid edit with other numbers, a scaler mean moved say, is a different model, not damage.
   */
  private static final List<YamlEdit> YAML_EDITS = List.of(
      (y, r) -> replaceNth(y, "\n- 6\n", "\n- " + pick(r, "0", "-4", "8589934592", "abc", "2147483647", "7", "''",
          "[1, 2]", "{a: 1}", "6.5", "~") + "\n"),
      (y, r) -> y.replaceFirst("count: \\d+", "count: " + pick(r, "0", "-1", "1", "66", "2147483647", "x", "1e3")),
      (y, r) -> y.replaceFirst("- '2'\n", pick(r, "", "- '2'\n- '3'\n", "- '0'\n", "- [a]\n")),
      (y, r) -> y.replaceFirst("- sepal_width_cm\n", pick(r, "", "- sepal_length_cm\n", "- {a: b}\n")),
      (y, r) -> replaceNth(y.substring(0, y.indexOf("scales:")), "\n  - ", "\n  - " + pick(r, ".nan", ".inf", "-.inf",
          "x", "") + "0*").replace("0*", "") + y.substring(y.indexOf("scales:")),
      (y, r) -> y.substring(0, y.indexOf("scales:")) + replaceNth(y.substring(y.indexOf("scales:")), "\n  - ",
          "\n  - " + pick(r, "0.0 #", "-1.0 #", ".nan #", ".inf #", "0 #")),
      (y, r) -> y.replaceFirst("precision: \\w+\n", "").replaceFirst("features:",
          "precision: " + pick(r, "float16", "FLOAT128", "1", "[float32]", "''") + "\nfeatures:"),
      (y, r) -> y.replaceFirst("format-version: 2", "format-version: " + pick(r, "0", "3", "-1", "x", "99999999999")),
      (y, r) -> y.replaceFirst("format: nn-model", "format: " + pick(r, "nn-checkpoint", "x", "~", "[1]")),
      (y, r) -> y.replaceFirst("name: tanh", "name: " + pick(r, "tanhh", "no-such-activation", "''", "[1]")),
      // not another installed loss: a classifier fitted with huber on one-hot targets is a valid, other model
      (y, r) -> y.replaceFirst("name: softmax-cross-entropy", "name: "
          + pick(r, "no-such-loss", "softmax-cross-entropyy")),
      (y, r) -> y.replaceFirst("(?s)loss:\n  name: softmax-cross-entropy\n  version: [^\n]*\n  settings: \\{}",
          "loss:\n  name: softmax-cross-entropy\n  version: 0.1.0\n  settings: {" + pick(r, "bogus: 1", "x: [1]") + "}"),
      (y, r) -> y.replaceFirst("(?m)^(features|targets|classes|widths|activations|loss|weights|scaler|format"
          + "|format-version):", pick(r, "renamed", "features", "widths", "loss") + ":"),
      (y, r) -> y + pick(r, "widths:\n- 4\n", "structure:\n  edges: 63\n  encoding: int32-le\n", "extra: 1\n",
          "classes: []\n"),
      (y, r) -> y.replaceFirst("features:", "deep: " + "[".repeat(100) + "]".repeat(100) + "\nfeatures:"),
      (y, r) -> y.replaceFirst("features:", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
          + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nfeatures:"),
      (y, r) -> y.replaceFirst("nn-version: [^\n]*", "nn-version: " + "9".repeat(1 << (4 + r.nextInt(17)))),
      (y, r) -> y.substring(0, r.nextInt(y.length())),
      (y, r) -> y.replaceFirst("nn-version: [^\n]*", "nn-version: 0.0.1-edited"), // harmless: the same model
      (y, r) -> "\ufeff" + y.replace("\n", pick(r, "\r\n", "\n")));

  /** One kind of damage, applied to the original file with its own random stream. */
  private record Mutation(String name, Function<Random, byte[]> damage) {
    byte[] apply(Random random) {
      return damage.apply(random);
    }
  }

  private static final List<Mutation> MUTATIONS = List.of(
      new Mutation("byte", r -> {
        byte[] b = base.bytes().clone();
        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        return b;
      }),
      new Mutation("bits", r -> {
        byte[] b = base.bytes().clone();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }),
      new Mutation("cut", r -> Arrays.copyOf(base.bytes(), r.nextInt(base.bytes().length))),
      new Mutation("zeroed", r -> {
        byte[] b = base.bytes().clone();
        int from = r.nextInt(b.length);
        Arrays.fill(b, from, Math.min(b.length, from + 1 + r.nextInt(64)), (byte) 0);
        return b;
      }),
      new Mutation("inflated", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        List<String> names = new ArrayList<>(e.keySet());
        String name = names.get(r.nextInt(names.size()));
        byte[] more = Arrays.copyOf(e.get(name), e.get(name).length + (1 << (10 + r.nextInt(14))));
        e.put(name, more); // valid bytes first, then up to 8 MiB of zeros that deflate to almost nothing
        return zip(e, !name.equals("SHA256SUMS"));
      }),
      new Mutation("stale-sums", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        String yaml = text(e.get("model.yaml"));
        int at = r.nextInt(yaml.length());
        char c = yaml.charAt(at);
        char other = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1 + r.nextInt(9)) % 10) : (c == 'a' ? 'b' : 'a');
        e.put("model.yaml", bytes(yaml.substring(0, at) + other + yaml.substring(at + 1)));
        return zip(e, false);
      }),
      new Mutation("weights", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        byte[] w = e.get("weights.bin").clone();
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.longBitsToDouble(0x7ff0000000000001L)};
        long bits = Double.doubleToRawLongBits(bad[r.nextInt(bad.length)]);
        int at = 8 * r.nextInt(w.length / 8);
        for (int i = 0; i < 8; i++) {
          w[at + i] = (byte) (bits >>> (8 * i));
        }
        e.put("weights.bin", w);
        return zip(e, true);
      }),
      new Mutation("weights-size", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        byte[] w = e.get("weights.bin");
        e.put("weights.bin", Arrays.copyOf(w, r.nextBoolean() ? r.nextInt(w.length) : w.length + 1 + r.nextInt(64)));
        return zip(e, true);
      }),
      new Mutation("entries", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        switch (r.nextInt(4)) {
          case 0 -> e.remove("weights.bin");
          case 1 -> e.put("structure.bin", new byte[4 * r.nextInt(100)]);
          case 2 -> {
            Map<String, byte[]> swapped = new LinkedHashMap<>();
            swapped.put("weights.bin", e.get("weights.bin"));
            swapped.putAll(e);
            e = swapped;
          }
          default -> {
            for (int i = 0; i < 70; i++) {
              e.put("extra-" + i, new byte[0]);
            }
          }
        }
        return zip(e, true);
      }),
      new Mutation("structure", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        byte[] s = e.get("structure.bin");
        if (s == null) {
          e.put("structure.bin", new byte[4 * (1 + r.nextInt(60))]); // a structure model.yaml does not declare
          return zip(e, true);
        }
        s = s.clone();
        int count = e.get("weights.bin").length / 8;
        int[] bad = {-2, count, count + 1 + r.nextInt(1000), Integer.MIN_VALUE, Integer.MAX_VALUE};
        int value = bad[r.nextInt(bad.length)];
        int at = 4 * r.nextInt(s.length / 4);
        for (int i = 0; i < 4; i++) {
          s[at + i] = (byte) (value >>> (8 * i));
        }
        e.put("structure.bin", r.nextInt(4) == 0 ? Arrays.copyOf(s, s.length - 4 * (1 + r.nextInt(3))) : s);
        return zip(e, true);
      }),
      new Mutation("yaml", r -> {
        Map<String, byte[]> e = new LinkedHashMap<>(base.entries());
        int edit = r.nextInt(YAML_EDITS.size());
        e.put("model.yaml", bytes(YAML_EDITS.get(edit).apply(text(e.get("model.yaml")), r)));
        ModelFileFuzzTests.LAST_EDIT[0] = edit;
        return zip(e, true);
      }));

  /** Which of {@link #YAML_EDITS} the last "yaml" case made, for its failure message. */
  private static final int[] LAST_EDIT = {-1};

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  /** {@code text} with the first occurrence of {@code from} replaced; the text as it was when there is none. */
  private static String replaceNth(String text, String from, String to) {
    int at = text.indexOf(from);
    return at < 0 ? text : text.substring(0, at) + to + text.substring(at + from.length());
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] zip(Map<String, byte[]> e, boolean reseal) {
    return ModelArchives.zip(e, reseal);
  }
}
