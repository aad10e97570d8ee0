package dev.nn.spark.ml;

import dev.nn.core.Nn;
import dev.nn.core.model.Model;
import dev.nn.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.broadcast.Broadcast;

/**
 * An nn model as the bytes of its model file ({@code model.nnm}): what a fitted Spark ML model holds, sends
 * to the executors (a broadcast) and saves. Each JVM loads a broadcast model once and keeps the few it used
 * last; {@link Model#predict} is safe from several task threads at once.
 */
final class ModelBytes {
  private static final int KEEP = 8;
  private static final Map<Long, Model> LOADED = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Model> eldest) {
      return size() > KEEP;
    }
  };

  private ModelBytes() {}

  /** The model file of {@code model}, as {@link Nn#saveModel} writes it. */
  static byte[] of(Nn nn, Model model) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("nn-model");
      Path file = dir.resolve("model.nnm");
      nn.saveModel(model, file);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  /** The model a model file's bytes hold, its plugins from this JVM's class path. */
  static Model load(byte[] bytes) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("nn-model");
      Path file = dir.resolve("model.nnm");
      Files.write(file, bytes);
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return Nn.withPlugins(PluginRegistry.load(loader == null ? ModelBytes.class.getClassLoader() : loader))
          .loadModel(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  /** The model of a broadcast model file, loaded once per JVM. */
  static Model cached(Broadcast<byte[]> shared) {
    synchronized (LOADED) {
      Model m = LOADED.get(shared.id());
      if (m == null) {
        m = load(shared.value());
        LOADED.put(shared.id(), m);
      }
      return m;
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary file left behind
    }
  }
}
