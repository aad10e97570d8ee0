package dev.nn.core.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit checked out in the git repository that holds a file, read from the repository's files alone
 * ({@code .git/HEAD}, the branch's ref file or {@code packed-refs}), so that no {@code git} program is needed
 * and none is started. A linked worktree, whose {@code .git} is a file naming its git directory, is followed to
 * that directory and, for branch refs, to the repository's common directory.
 */
final class GitHead {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  private GitHead() {}

  /** The commit of the nearest git repository enclosing {@code file}, if there is one and its HEAD resolves. */
  static Optional<String> of(Path file) {
    try {
      for (Path d = file.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
        Path dotGit = d.resolve(".git");
        if (Files.isDirectory(dotGit)) {
          return commitIn(dotGit);
        }
        if (Files.isRegularFile(dotGit)) {
          String line = firstLine(dotGit);
          return line.startsWith("gitdir:") ? commitIn(d.resolve(line.substring(7).strip()).normalize())
              : Optional.empty();
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable or unusual repository: the run records no commit rather than failing
    }
    return Optional.empty();
  }

  private static Optional<String> commitIn(Path gitDir) throws IOException {
    String head = firstLine(gitDir.resolve("HEAD"));
    if (COMMIT.matcher(head).matches()) {
      return Optional.of(head);
    }
    if (!head.startsWith("ref:")) {
      return Optional.empty();
    }
    String ref = head.substring(4).strip();
    Path common = gitDir;
    Path commonDir = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonDir)) {
      common = gitDir.resolve(firstLine(commonDir)).normalize();
    }
    for (Path dir : new Path[] {gitDir, common}) {
      Path refFile = dir.resolve(ref);
      if (Files.isRegularFile(refFile)) {
        String commit = firstLine(refFile);
        return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        // "<commit> <ref>"; comments start with '#', peeled tags with '^'
        int space = line.indexOf(' ');
        if (space > 0 && line.substring(space + 1).equals(ref) && COMMIT.matcher(line.substring(0, space)).matches()) {
          return Optional.of(line.substring(0, space));
        }
      }
    }
    // a branch without commits yet
    return Optional.empty();
  }

  private static String firstLine(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
