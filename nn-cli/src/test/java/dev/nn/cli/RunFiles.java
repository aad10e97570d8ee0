package dev.nn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a test reads of a run directory as a whole. */
final class RunFiles {
  private RunFiles() {}

  /** Every regular file under {@code dir}, by its path relative to it, with its bytes as hex digits. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.filter(Files::isRegularFile).collect(Collectors.toList())) {
        files.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
      }
    }
    return files;
  }

  /** The names of the files and directories in {@code dir}, sorted; none when it does not exist. */
  static List<String> names(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(dir)) {
      return all.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** The temporary files of atomic writes anywhere under {@code dir}. */
  static List<String> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && n.endsWith(".tmp"))
          .collect(Collectors.toList());
    }
  }
}
