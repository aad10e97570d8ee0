package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A real model file to damage, and the JDK's own ZIP classes to take it apart and put it back together, so
 * that tests edit model files independently of the code that reads them.
 */
final class ModelArchives {
  /** The iris data: four features, three classes. */
  static final Path IRIS = Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath();

  private ModelArchives() {}

  /** The bytes of a model trained briefly on iris (4-6-3, tanh, a scaler), run in {@code dir}. */
  static byte[] trainedIris(Path dir) throws IOException {
    return trainedIris(dir, "iris", "[]");
  }

  /**
   * The bytes of a model trained briefly on iris (4-6-3, tanh, a scaler) with the network's {@code ties},
   * run in {@code dir}.
   */
  static byte[] trainedIris(Path dir, String name, String ties) throws IOException {
    Path yaml = dir.resolve(name + ".yaml");
    Files.writeString(yaml, String.join("\n",
        "name: " + name,
        "data:",
        "  train: {source: csv, path: " + IRIS + ", target: last, task: classification}",
        "network:",
        "  layers: [{units: auto}, {units: 6, activation: tanh}, {units: auto, activation: identity}]",
        "  ties: " + ties,
        "loss: softmax-cross-entropy",
        "optimizer: {name: adam, learning-rate: 0.05}",
        "training: {epochs: 5, batch-size: 16}", ""));
    Nn nn = Nn.create();
    TrainingRun.Result run = nn.train(nn.load(yaml, List.of()),
        new TrainingRun.Options(dir.resolve("runs-" + name), null, List.of(), List.of(), Nn.version()));
    return Files.readAllBytes(run.directory().modelFile());
  }

  /** The entries of an archive, in order. */
  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  /**
   * A ZIP archive of {@code entries} with valid CRCs; with {@code reseal}, SHA256SUMS recomputed for them (in
   * the layout of sha256sum), as a careful editor of the file would.
   */
  static byte[] zip(Map<String, byte[]> entries, boolean reseal) {
    Map<String, byte[]> all = new LinkedHashMap<>(entries);
    if (reseal) {
      all.remove("SHA256SUMS");
      StringBuilder sums = new StringBuilder();
      all.forEach((name, data) -> sums.append(sha256(data)).append("  ").append(name).append('\n'));
      all.put("SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : all.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
